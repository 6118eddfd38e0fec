"""Persons (实名制) for the planned allocations, streamed in chunks.

Every person in post sits on an allocation of its institution (the plan's
``active`` count, leaders first, exactly the positions the plan filled); the
``exited`` ones (退休, 调出, 辞职 …) occupy nothing.  ID numbers are valid
GB 11643 numbers (a current county code of the province, the birth date, a
sequence whose parity is the gender, the MOD 11-2 check character), unique
across the whole data set, so unique among persons in post too.
"""
from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from typing import Iterator

from bench.province import names as N
from bench.province.institutions import Inst
from bench.province.quotas import WORKER, Quotas

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# (rank, weight, birth years): older people hold the higher grades (as seeds/demo.py).
ORGAN_GRADES = (
    ("researcher_1", 1, (1966, 1975)), ("researcher_2", 2, (1966, 1978)), ("researcher_3", 3, (1968, 1982)),
    ("researcher_4", 4, (1970, 1985)), ("principal_staff_1", 6, (1972, 1988)),
    ("principal_staff_2", 6, (1975, 1990)), ("principal_staff_3", 5, (1980, 1994)),
    ("principal_staff_4", 5, (1984, 1996)), ("staff_1", 6, (1988, 2000)), ("staff_2", 3, (1993, 2001)),
)
EXIT_REASONS = (("retired", 45), ("transferred_out", 30), ("resigned", 15), ("dismissed", 4), ("deceased", 3),
                ("expelled", 3))
MALE_SHARE = {"school": 0.3, "kindergarten": 0.05, "hospital": 0.35}
LAST_DAY = dt.date(2025, 12, 31)


def _table(pairs, scale: float = 1.0) -> list[str]:
    """A lookup list in which each value appears as often as its weight (fast draws)."""
    out: list[str] = []
    for value, weight in pairs:
        out += [value] * max(1, round(weight * scale))
    return out


def check_char(body: str) -> str:
    return "10X98765432"[sum(w * (ord(c) - 48) for w, c in zip(WEIGHTS, body)) % 11]


class People:
    def __init__(self, rng: random.Random, county_codes: list[str]) -> None:
        self.rng = rng
        self.counties = county_codes
        self.used: set[str] = set()
        self.surnames = _table(N.SURNAMES)
        self.given_m = _table(N.GIVEN_M_FULL)
        self.given_f = _table(N.GIVEN_F_FULL)
        self.grades = ORGAN_GRADES
        self.grade_cum = list(itertools.accumulate(w for _r, w, _y in ORGAN_GRADES))
        self.exit_reasons = _table(EXIT_REASONS)

    # -- one person ---------------------------------------------------------------
    def name(self, male: bool) -> str:
        rng = self.rng
        surname = self.surnames[rng.randrange(len(self.surnames))]
        roll = rng.random()
        if roll < 0.45:
            table = self.given_m if male else self.given_f
            return surname + table[rng.randrange(len(table))]
        first, second = (N.GIVEN_M_FIRST, N.GIVEN_M_SECOND) if male else (N.GIVEN_F_FIRST, N.GIVEN_F_SECOND)
        if roll < 0.85:
            return surname + first[rng.randrange(len(first))] + second[rng.randrange(len(second))]
        return surname + second[rng.randrange(len(second))]

    def id_number(self, county: str, birth: dt.date, male: bool) -> str:
        rng = self.rng
        while True:
            # Mostly the county where the institution is (provincial and city
            # bodies: anywhere in the province), else any county of the province.
            region = county if county and rng.random() < 0.7 else self.counties[rng.randrange(len(self.counties))]
            seq = rng.randrange(0, 500) * 2 + (1 if male else 0)
            if seq == 0:
                continue
            body = f"{region}{birth.year:04d}{birth.month:02d}{birth.day:02d}{seq:03d}"
            number = body + check_char(body)
            if number not in self.used:
                self.used.add(number)
                return number

    def birth(self, first_year: int, last_year: int) -> dt.date:
        rng = self.rng
        return dt.date(rng.randint(first_year, last_year), rng.randint(1, 12), rng.randint(1, 28))

    def entry(self, birth: dt.date) -> dt.date:
        rng = self.rng
        day = dt.date(birth.year + rng.randint(21, 26), rng.randint(1, 12), rng.randint(1, 28))
        return min(day, dt.date(2025, 12, 1))

    def _grade(self, inst: Inst, qt: str) -> tuple[str, str, tuple[int, int]]:
        """(rank, post, birth years) of someone in post who is not a leader."""
        rng = self.rng
        if qt == WORKER:
            return "service_post", ("驾驶员", "工勤岗", "后勤保障岗")[rng.randrange(3)], (1966, 2000)
        if inst.organ:
            rank, _w, years = self.grades[bisect.bisect_right(self.grade_cum, rng.random() * self.grade_cum[-1])]
            return rank, N.ORGAN_POSTS[rng.randrange(len(N.ORGAN_POSTS))], years
        roll = rng.random()
        kind = inst.kind.removeprefix("sub_")
        if roll < 0.7:
            if kind.startswith("school") or kind == "kindergarten":
                post = "教师"
            elif kind == "hospital":
                post = ("医师", "护士", "护士", "医技人员")[rng.randrange(4)]
            else:
                post = "专业技术岗"
            return "professional_post", post, (1966, 2001)
        if roll < 0.9:
            return "management_post", "管理岗", (1966, 1999)
        return "service_post", "工勤技能岗", (1966, 2000)

    # -- the stream ---------------------------------------------------------------
    def rows(self, quotas: Quotas, county_of: dict[int, str]) -> Iterator[tuple]:
        """Person rows in column order:
        (id, name, id_number, gender, birth_date, institution_id, quota_type, division_id, post, rank,
        status, entry_date, exit_date, exit_reason); quota type and rank as codes."""
        rng = self.rng
        pk = 0
        for alloc in quotas.allocations:
            inst = alloc.inst
            county = county_of[inst.id]
            divisions = quotas.divisions_of.get(inst.id, [])
            male_share = MALE_SHARE.get(inst.kind.removeprefix("sub_").split("_")[0], 0.55)
            for k in range(alloc.active):
                male = rng.random() < male_share
                if k < len(alloc.leaders):
                    rank, division, post = alloc.leaders[k]
                    birth = self.birth(1966, 1982)
                else:
                    rank, post, years = self._grade(inst, alloc.qt)
                    birth = self.birth(*years)
                    division = divisions[rng.randrange(len(divisions))] if divisions and rng.random() < 0.85 \
                        else None
                pk += 1
                yield (pk, self.name(male), self.id_number(county, birth, male), "M" if male else "F", birth,
                       inst.id, alloc.qt, division, post, rank, "active", self.entry(birth), None, None)
            for _ in range(alloc.exited):
                male = rng.random() < male_share
                reason = self.exit_reasons[rng.randrange(len(self.exit_reasons))]
                if reason == "retired":
                    birth = self.birth(1955, 1965)
                    exit_day = dt.date(birth.year + (60 if male else 55), birth.month, 1)
                    exit_day = min(exit_day, LAST_DAY)
                    rank, post, _years = self._grade(inst, alloc.qt)
                else:
                    rank, post, years = self._grade(inst, alloc.qt)
                    birth = self.birth(*years)
                    exit_day = None
                entry = self.entry(birth)
                if exit_day is None or exit_day < entry:
                    span = max(1, (LAST_DAY - entry).days)
                    exit_day = entry + dt.timedelta(days=rng.randint(min(365, span), span))
                pk += 1
                yield (pk, self.name(male), self.id_number(county, birth, male), "M" if male else "F", birth,
                       inst.id, alloc.qt, None, post, rank, "exited", entry, exit_day, reason)
