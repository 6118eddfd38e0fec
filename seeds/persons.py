"""The persons (实名制) of the quota demo, as a plan: who holds which place.

Every live institution of the demo, city and district, is staffed.  The seed
fills each allocation to a share drawn from ``FILL``; the 用编进人 demo of 2026
(``seeds/staffing_use.py``: 2,454 persons, placed in proportion to the
vacancies) then brings each quota type to about 93 % occupied, as a real office
runs.  A few allocations are planned full to the last place, their leadership
positions too (``AT_LIMIT``): the units at their limit an office looks at first.
"""
from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

from seeds.data import qingdao as Q

WORKER = "service_worker_quota"
# The share of each allocation the seed fills (the 用编进人 year adds the rest).  工勤
# places come one or two to a unit, too few to share with the year's batches: filled here.
FILL = (0.62, 0.76)
WORKER_FILL = (0.75, 0.9)
# How many allocations are planned full, with every leadership position held.
AT_LIMIT = 6

NON_LEADER_ORGAN = (  # rank, weight, birth-year range (older ones hold the higher grades)
    ("researcher_1", 1, (1966, 1975)), ("researcher_2", 2, (1966, 1978)), ("researcher_3", 3, (1968, 1982)),
    ("researcher_4", 4, (1970, 1985)), ("principal_staff_1", 6, (1972, 1988)),
    ("principal_staff_2", 6, (1975, 1990)), ("principal_staff_3", 5, (1980, 1994)),
    ("principal_staff_4", 5, (1984, 1996)), ("staff_1", 6, (1988, 2000)), ("staff_2", 3, (1993, 2000)),
)
ORGAN_POSTS = ("综合岗", "文秘岗", "业务岗", "法规岗", "财务岗", "信息岗", "督查岗")


@dataclass
class PersonPlan:
    name: str
    id_number: str
    gender: str
    birth: dt.date
    inst: str
    quota_type: str
    division: Optional[str]
    rank: str
    post: str
    entry_date: dt.date
    exit: Optional[tuple[dt.date, str]] = None


def rand_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


class _People:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()
        self.regions = [code for code, _w in Q.ID_REGION_WEIGHTS]
        self.weights = [w for _c, w in Q.ID_REGION_WEIGHTS]

    def id_number(self, birth: dt.date, gender: str) -> str:
        while True:
            region = self.rng.choices(self.regions, self.weights)[0]
            seq = self.rng.randrange(1, 1000)
            if (seq % 2 == 1) != (gender == "M"):
                seq = seq + 1 if seq < 999 else seq - 1
            body = f"{region}{birth:%Y%m%d}{seq:03d}"
            weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
            number = body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]
            if number not in self.used:
                self.used.add(number)
                return number

    def name(self, gender: str) -> str:
        given = Q.GIVEN_M if gender == "M" else Q.GIVEN_F
        return self.rng.choice(Q.SURNAMES) + self.rng.choice(given)

    def birth(self, years: tuple[int, int], gender: str) -> dt.date:
        low, high = years
        if gender == "F":  # 在编 women are below 55 here (retirement age)
            low = max(low, 1972)
        else:
            low = max(low, 1967)
        low = min(low, high)
        return rand_date(self.rng, dt.date(low, 1, 1), dt.date(high, 12, 31))

    def entry(self, birth: dt.date) -> dt.date:
        start = dt.date(birth.year + 22, 7, 1)
        day = start + dt.timedelta(days=self.rng.randint(0, 4 * 365))
        return min(day, dt.date(2025, 12, 1))


def at_limit(balance: dict[tuple[str, str], int], insts: dict, rng: random.Random) -> set[tuple[str, str]]:
    """The allocations planned full: half city organs, half district bodies, of some size."""
    def pick(region_is_city: bool) -> list[tuple[str, str]]:
        return sorted(k for k, n in balance.items() if 8 <= n <= 40 and insts[k[0]].status == "active"
                      and (insts[k[0]].level == "city") == region_is_city
                      and not insts[k[0]].category.startswith("public_institution"))
    return set(rng.sample(pick(True), AT_LIMIT // 2) + rng.sample(pick(False), AT_LIMIT - AT_LIMIT // 2))


def plan_persons(balance: dict[tuple[str, str], int], insts: dict, divisions_of: dict[str, list[str]],
                 lead: dict[tuple[str, Optional[str], str], int], rng: random.Random) -> list[PersonPlan]:
    """The persons of every live allocation: its leaders, then staff up to its share
    of ``FILL`` (the whole of it for the allocations ``at_limit``), and a few leavers."""
    people = _People(rng)
    full = at_limit(balance, insts, rng)
    out: list[PersonPlan] = []

    def person(inst, qt: str, rank: str, post: str, years: tuple[int, int],
               division: Optional[str] = None, exit_: Optional[tuple[dt.date, str]] = None,
               gender: Optional[str] = None, birth: Optional[dt.date] = None) -> PersonPlan:
        gender = gender or ("M" if rng.random() < 0.56 else "F")
        birth = birth or people.birth(years, gender)
        return PersonPlan(
            name=people.name(gender), id_number=people.id_number(birth, gender), gender=gender, birth=birth,
            inst=inst.key, quota_type=qt, division=division, rank=rank, post=post,
            entry_date=people.entry(birth), exit=exit_,
        )

    for (key, qt), approved in sorted(balance.items()):
        inst = insts[key]
        if inst.status != "active" or approved <= 0:
            continue
        organ = not inst.category.startswith("public_institution")
        primary = qt == max((q for (k, q) in balance if k == key), key=lambda q: balance[(key, q)])
        is_full = (key, qt) in full
        rows: list[PersonPlan] = []

        # Leavers first (they occupied the quota, then left it): 退休 / 调出 / 辞职.
        if qt != WORKER and rng.random() < 0.3:
            for _ in range(1 if rng.random() < 0.8 else 2):
                kind = rng.choice(("retired", "retired", "transferred_out", "resigned"))
                if kind == "retired":
                    gender = rng.choice("MF")
                    birth = rand_date(rng, dt.date(1965, 1, 1), dt.date(1965, 10, 31)) if gender == "M" else \
                        rand_date(rng, dt.date(1965, 1, 1), dt.date(1970, 10, 31))
                    age = 60 if gender == "M" else 55
                    exit_day = dt.date(birth.year + age, birth.month, 1) + dt.timedelta(days=31)
                    exit_day = exit_day.replace(day=1)  # first day of the month after the birthday
                    rows.append(person(inst, qt, "researcher_2" if organ else "management_post",
                                       "综合岗" if organ else "管理岗", (1965, 1970), gender=gender, birth=birth,
                                       exit_=(exit_day, "retired")))
                else:
                    leaver = person(inst, qt, "principal_staff_2" if organ else "professional_post",
                                    rng.choice(ORGAN_POSTS) if organ else "专业技术岗", (1978, 1992))
                    start = max(dt.date(2020, 3, 1), leaver.entry_date + dt.timedelta(days=365))
                    leaver.exit = (rand_date(rng, start, max(start, dt.date(2025, 12, 31))), kind)
                    rows.append(leaver)

        active: list[PersonPlan] = []
        if primary:
            title = inst.head_title
            if is_full or rng.random() < 0.95:
                active.append(person(inst, qt, "chief", title, (1966, 1976)))
            for _ in range(lead[(key, None, "deputy")] - (0 if is_full or rng.random() >= 0.25 else 1)):
                active.append(person(inst, qt, "deputy", "副" + title, (1966, 1982)))
            for div in divisions_of.get(key, ()):
                head = "主任" if div.endswith(("室", "中心")) else "处长"
                if is_full or rng.random() < 0.9:
                    active.append(person(inst, qt, "division_chief", div + head, (1968, 1984), division=div))
                for _ in range(lead[(key, div, "division_deputy")] - (0 if is_full or rng.random() >= 0.3 else 1)):
                    active.append(person(inst, qt, "division_deputy", f"{div}副{head}", (1970, 1988),
                                         division=div))
        share = 1.0 if is_full else rng.uniform(*(WORKER_FILL if qt == WORKER else FILL))
        target = min(approved, max(len(active), round(approved * share)))
        divs = divisions_of.get(key, [])
        while len(active) < target:
            if qt == WORKER:
                active.append(person(inst, qt, "service_post", rng.choice(("驾驶员", "工勤岗", "后勤保障岗")),
                                     (1967, 1998)))
            elif organ:
                rank, _w, years = rng.choices(NON_LEADER_ORGAN, [w for _r, w, _y in NON_LEADER_ORGAN])[0]
                division = rng.choice(divs) if divs and rng.random() < 0.9 else None
                active.append(person(inst, qt, rank, rng.choice(ORGAN_POSTS), years, division=division))
            else:
                kind = rng.random()
                if kind < 0.7:
                    post = "教师" if inst.standard and inst.standard.startswith("school") else (
                        rng.choice(("医师", "护士", "医技人员")) if inst.standard == "public_hospital" else "专业技术岗")
                    active.append(person(inst, qt, "professional_post", post, (1967, 2000)))
                elif kind < 0.9:
                    active.append(person(inst, qt, "management_post", "管理岗", (1967, 1998)))
                else:
                    active.append(person(inst, qt, "service_post", "工勤技能岗", (1967, 1998)))
        assert len(active) <= approved, (key, qt, len(active), approved)
        out.extend(rows + active)
    return out
