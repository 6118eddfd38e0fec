"""Quotas of the province: allocations (as ledger balances), caps, leadership
positions and internal divisions, planned so that every invariant of SPEC §1
holds by construction (and ``bench.province.verify`` recounts it in SQL).

* every allocation is the sum of its ledger entries, and each entry's
  ``balance_after`` is the running sum (never negative);
* persons in post (``active``) ≤ approved, per institution × quota type;
  only types the institution's category may hold (no 混用编制);
* Σ approved per region × type ≤ the regional cap; capped party-government
  organs per region ≤ the institution cap;
* leaders in post ≤ leadership positions; schools and hospitals within their
  staffing standard (the metric is chosen to cover the approved number).
"""
from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple, Optional

from app.quota import rules
from seeds.reference import CATEGORIES, QUOTA_TYPES, STANDARDS

from bench.province import names as N
from bench.province.institutions import Inst, _largest_remainder
from bench.province.regions import RegionNode

ALLOWED = {q.code: set(q.allowed) for q in QUOTA_TYPES}
CAPPED_CATEGORIES = {c.code for c in CATEGORIES if c.counts_toward_cap}
BANDS = {s.code: s.bands for s in STANDARDS}
ADMIN, WORKER, PL = "admin_quota", "service_worker_quota", "political_legal_quota"
FULL, PARTIAL, SELF = "institution_quota_full", "institution_quota_partial", "institution_quota_self"


class _Band(NamedTuple):
    metric_from: int
    metric_to: Optional[int]
    ratio: Decimal
    base: int


@dataclass
class Allocation:
    id: int
    inst: Inst
    qt: str
    weight: float
    primary: bool
    active: int = 0
    approved: int = 0
    exited: int = 0
    leaders: list[tuple[str, Optional[int], str]] = field(default_factory=list)  # rank, division id, post


@dataclass
class Quotas:
    allocations: list[Allocation] = field(default_factory=list)
    divisions: list[tuple[int, int, str, int]] = field(default_factory=list)  # id, inst, name, sort
    divisions_of: dict[int, list[int]] = field(default_factory=dict)
    leadership: list[tuple[int, int, Optional[int], str, int, int]] = field(default_factory=list)
    ledger: list[tuple] = field(default_factory=list)  # id, inst, qt, delta, balance, reason, doc_no, date
    regional_caps: list[tuple[str, str, int, int]] = field(default_factory=list)  # region, qt, total, used
    institution_caps: list[tuple[str, int, int]] = field(default_factory=list)  # region, total, used


# ---------------------------------------------------------------------------
# Sizes
# ---------------------------------------------------------------------------

ORGAN_SIZE = {"province": (60, 160), "city": (30, 110), "district": (12, 55), "street": (20, 55)}
ORGAN_FACTOR = {"police": 10.0, "court": 3.5, "legal": 1.6, "edu": 1.3, "health": 1.3}
UNIT_SIZE = {"school_senior": (100, 260), "school_junior": (60, 160), "school_primary": (30, 110),
             "kindergarten": (10, 40), "health_centre": (30, 120), "centre": (5, 45), "town_unit": (5, 25)}
HOSPITAL_SIZE = {"province": (900, 2500), "city": (400, 1500), "district": (150, 600), "street": (40, 120)}


def _quota_types(inst: Inst, rng: random.Random) -> list[tuple[str, float]]:
    """(quota type, weight) of an institution, the primary type first."""
    if inst.organ:
        low, high = ORGAN_SIZE[inst.level]
        size = rng.uniform(low, high) * ORGAN_FACTOR.get(inst.kind, 1.0)
        if inst.level == "province" and inst.kind == "police":
            size /= 3
        if inst.kind in ("police", "legal", "court") and inst.category in ALLOWED[PL]:
            out = [(PL, size), (ADMIN, size * rng.uniform(0.05, 0.15))]
        else:
            out = [(ADMIN, size)]
        if rng.random() < 0.45:
            out.append((WORKER, rng.uniform(1, 6) * (2 if inst.level == "province" else 1)))
        return out
    kind = inst.kind[4:] if inst.kind.startswith("sub_") else inst.kind
    if kind == "hospital":
        low, high = HOSPITAL_SIZE[inst.level]
        size = rng.uniform(low, high) * (0.2 if inst.kind.startswith("sub_") else 1.0)
    else:
        low, high = UNIT_SIZE.get(kind, (5, 30))
        size = rng.uniform(low, high) * (0.3 if inst.kind.startswith("sub_") else 1.0)
        if inst.level == "province":
            size *= 1.3
    if inst.category == "public_institution_1":
        qt = FULL
    elif inst.category == "public_institution_business":
        qt = SELF
    elif kind == "hospital":
        qt = PARTIAL
    else:  # 公益二类: fully or partly funded
        qt = FULL if rng.random() < 0.5 else PARTIAL
    return [(qt, size)]


def _standard_metric(code: str, approved: int, rng: random.Random) -> int:
    """A metric (pupils, beds) whose standard maximum covers ``approved``."""
    bands = [_Band(lo, hi, Decimal(r), b) for lo, hi, r, b in BANDS[code]]
    metric = max(1, math.ceil(approved / float(bands[-1].ratio))) + rng.randint(0, 40)
    while (rules.standard_maximum(bands, metric) or 0) < approved:
        metric += 1 + metric // 50
    return metric


# ---------------------------------------------------------------------------
# Planning
# ---------------------------------------------------------------------------


def _head_title(name: str) -> str:
    for suffix, title in (("检察院", "检察长"), ("法院", "院长"), ("办公厅", "主任"), ("政法委员会", "书记"),
                          ("工作委员会", "书记"), ("共青团", "书记"), ("工会", "主席"), ("联合会", "主席"),
                          ("协会", "主席"), ("部", "部长"), ("局", "局长"), ("厅", "厅长"), ("医院", "院长"),
                          ("院", "院长"), ("中学", "校长"), ("小学", "校长"), ("学校", "校长"), ("幼儿园", "园长"),
                          ("人民政府", "镇长"), ("办事处", "主任"), ("馆", "馆长"), ("站", "站长")):
        if suffix in name:
            return title
    return "主任"


class QuotaPlanner:
    def __init__(self, insts: list[Inst], regions: dict[str, RegionNode], rng: random.Random) -> None:
        self.insts = insts
        self.regions = regions
        self.rng = rng
        self.q = Quotas()

    def plan(self, n_persons: int, exited_share: float = 0.06) -> Quotas:
        rng, q = self.rng, self.q
        for inst in self.insts:
            if not inst.live:
                continue
            for k, (qt, weight) in enumerate(_quota_types(inst, rng)):
                assert inst.category in ALLOWED[qt], (inst.name, qt)  # no 混用编制
                q.allocations.append(Allocation(len(q.allocations) + 1, inst, qt, weight, k == 0))
        exited_total = round(n_persons * exited_share)
        active = _largest_remainder([a.weight for a in q.allocations], n_persons - exited_total)
        for alloc, n in zip(q.allocations, active):
            alloc.active = n
            vacancy = round(n * rng.uniform(0.02, 0.10)) + rng.randint(0, 2)
            alloc.approved = max(n + vacancy, 1 if alloc.primary else 0)
            if alloc.primary and alloc.inst.standard:
                alloc.inst.metric = _standard_metric(alloc.inst.standard, alloc.approved, rng)
            if alloc.primary:
                self._leadership(alloc)
        exited = _largest_remainder([a.approved for a in q.allocations], exited_total)
        for alloc, n in zip(q.allocations, exited):
            alloc.exited = n
        self._ledger()
        self._caps()
        return q

    def _leadership(self, alloc: Allocation) -> None:
        """Positions (领导职数) of one institution and who fills them, within its primary allocation."""
        rng, q, inst = self.rng, self.q, alloc.inst
        title = _head_title(inst.name)
        wanted: list[tuple[str, Optional[int], str]] = []
        positions: list[tuple[Optional[int], str, int]] = [(None, "chief", 1)]
        if rng.random() < 0.95:
            wanted.append(("chief", None, title))
        if inst.organ:
            deputies = {"province": 4, "city": 3, "district": rng.randint(2, 3), "street": 3}[inst.level]
        else:
            deputies = 1 if alloc.active < 15 else 2 if alloc.active < 80 else 3
        positions.append((None, "deputy", deputies))
        wanted += [("deputy", None, "副" + title)] * (deputies - (1 if rng.random() < 0.25 else 0))
        if inst.organ:
            count = min(len(N.ORGAN_DIVISIONS), max(2, round(alloc.active / 10)))
            names = [N.ORGAN_DIVISIONS[0]] + rng.sample(N.ORGAN_DIVISIONS[1:], count - 1)
            divisions = q.divisions_of.setdefault(inst.id, [])
            for sort, name in enumerate(names, 1):
                div_id = len(q.divisions) + 1
                q.divisions.append((div_id, inst.id, name, sort))
                divisions.append(div_id)
                head = "主任" if name.endswith("室") else "书记" if name.endswith("委") else "处长"
                deputies = 2 if alloc.active > 60 else 1
                positions += [(div_id, "division_chief", 1), (div_id, "division_deputy", deputies)]
                if rng.random() < 0.9:
                    wanted.append(("division_chief", div_id, name + head))
                wanted += [("division_deputy", div_id, f"{name}副{head}")] * (
                    deputies - (1 if rng.random() < 0.3 else 0))
        alloc.leaders = wanted[:alloc.active]  # never more leaders than persons in post
        used: dict[tuple[Optional[int], str], int] = {}
        for rank, div, _post in alloc.leaders:
            used[(div, rank)] = used.get((div, rank), 0) + 1
        for div, rank, approved in positions:
            q.leadership.append((len(q.leadership) + 1, inst.id, div, rank, approved, used.get((div, rank), 0)))

    def _doc_prefix(self, inst: Inst) -> str:
        region = self.regions[inst.region]
        if region.level == "street":
            region = self.regions[region.parent]
        if region.level == "province":
            return "鲁"
        name = region.name
        return name[:-1] if len(name) > 2 and name[-1] in "市区县" else name

    def _ledger(self) -> None:
        """Entries whose running sum is the allocation: a single 核定, or a 核定
        then an increase or a reduction (never below zero)."""
        rng, q = self.rng, self.q
        for alloc in q.allocations:
            if alloc.approved <= 0:
                continue
            prefix = self._doc_prefix(alloc.inst)
            first = dt.date(rng.randint(2015, 2019), rng.randint(1, 12), rng.randint(1, 28))
            later = dt.date(rng.randint(2020, 2025), rng.randint(1, 12), rng.randint(1, 28))
            roll = rng.random()
            k = rng.randint(1, max(1, alloc.approved // 5))
            if roll < 0.55 or alloc.approved - k <= 0:
                steps = [(alloc.approved, "核定编制（三定规定）", first)]
            elif roll < 0.8:
                steps = [(alloc.approved - k, "核定编制（三定规定）", first), (k, "职责调整，增加编制", later)]
            else:
                steps = [(alloc.approved + k, "核定编制（三定规定）", first), (-k, "精简机构，核减编制", later)]
            balance = 0
            for delta, reason, day in steps:
                balance += delta
                doc_no = f"{prefix}编〔{day.year}〕{rng.randint(1, 120)}号"
                q.ledger.append((len(q.ledger) + 1, alloc.inst.id, alloc.qt, delta, balance, reason, doc_no, day))
            assert balance == alloc.approved

    def _caps(self) -> None:
        rng, q = self.rng, self.q
        used: dict[tuple[str, str], int] = {}
        for alloc in q.allocations:
            key = (alloc.inst.region, alloc.qt)
            used[key] = used.get(key, 0) + alloc.approved
        for (region, qt), n in used.items():
            if n > 0:
                q.regional_caps.append((region, qt, n + max(10, math.ceil(n * rng.uniform(0.02, 0.06))), n))
        capped: dict[str, int] = {}
        for inst in self.insts:
            if inst.category in CAPPED_CATEGORIES and inst.within_cap and inst.live:
                capped[inst.region] = capped.get(inst.region, 0) + 1
        for region, n in capped.items():
            q.institution_caps.append((region, n + rng.randint(0, 3), n))
