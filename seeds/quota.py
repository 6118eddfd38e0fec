"""Demo data of the quota database for Qingdao (SPEC §1 "Demo data"; figures from
the source document), and the demo accounts.  The quota domain's demo hook.

``load()`` first builds a *plan*: a pure function of a fixed random seed and
the static data in ``seeds/data/qingdao.py`` (never of what the database holds),
then applies it through the services of ``app.quota.services`` inside
``core.db.transaction()``, skipping whatever already exists by its natural key:

=====================  ====================================================
institution            name + region
institution cap        region
regional cap           region + quota type
internal division      institution + name
leadership quota       institution + division + rank
ledger entry           institution + quota type + 文号 (doc_no)
三定 version            institution + version number (missing versions appended)
person                 ID number
account                username
=====================  ====================================================

So a second run writes nothing (and appends no audit row), and a run interrupted
half-way is completed by the next one.  Caps are saved before anything uses them,
so every institution, ledger entry and person goes through the invariant checks
of SPEC §1, exactly as on the web.

Internal divisions and the account ↔ institution binding have no service (they
carry no quota invariant): they are added to the session directly, inside the
same ``transaction()``, and audited by the session events like every write.
"""
from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple, Optional

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.core import regions, uscc
from app.core.db import transaction
from app.extensions import db
from app.quota import rules, services
from app.quota.models import (
    Institution,
    InstitutionCap,
    InstitutionCategory,
    InternalDivision,
    LeadershipQuota,
    Person,
    QuotaLedgerEntry,
    QuotaType,
    Rank,
    Region,
    RegionalCap,
    StaffingStandard,
    ThreeDeterminations,
    UserInstitution,
)
from seeds import reference
from seeds.data import qingdao as Q
from seeds.persons import PersonPlan, plan_persons, rand_date
from seeds.reference import CITY_CODE, INNER_DISTRICTS, load_reference

SEED = 20190121  # any fixed number: the demo is the same on every machine

ADMIN, WORKER, PL = "admin_quota", "service_worker_quota", "political_legal_quota"
USCC_OF_CATEGORY = {c.code: c.uscc_code for c in reference.CATEGORIES}
STANDARD_BANDS = {s.code: s.bands for s in reference.STANDARDS}
THREE_DET_REASON = "职责调整，增加编制（修订“三定”规定）"


class _Band(NamedTuple):  # a staffing-standard band as data, for rules.standard_maximum
    metric_from: int
    metric_to: Optional[int]
    ratio: str
    base: int


#: (username, role, first name, last name, scope shown by ``flask demo``, bound institution key)
ACCOUNTS = (
    ("admin", "admin", "系统", "管理员", "全部数据与配置 / everything", None),
    ("staff", "staff", "处室", "经办人", "全部机构 (经办) / all institutions", None),
    ("leader", "leader", "办", "领导", "全部 (只读、签批) / all, read and sign off", None),
    ("dept_edu", "department", "教育局", "填报员", "市教育局及下属单位 / 市教育局 and its units", "gov_edu"),
    # more departments and a district, each filing its own cases: none sees another's
    ("dept_health", "department", "卫健委", "填报员", "市卫生健康委员会及下属单位 / 市卫生健康委员会 and its units",
     "gov_health"),
    ("dept_civil", "department", "民政局", "填报员", "市民政局及下属单位 / 市民政局 and its units", "gov_civil"),
    ("district_shinan", "department", "市南区", "填报员", "市南区教育和体育局 / a district bureau of 市南区",
     "370202:市南区教育和体育局"),
    ("inspector", "inspector", "检查", "人员", "抽查任务 / spot-check tasks drawn to them", None),
    # a second office worker in another division, so that countersign (会签) can be shown
    ("staff2", "staff", "处室", "经办人二", "全部机构 (事业编制处) / all institutions", None),
)

# ---------------------------------------------------------------------------
# The plan
# ---------------------------------------------------------------------------


@dataclass
class InstPlan:
    key: str
    name: str
    region: str  # region code (GB/T 2260, or a function zone's 370200-Fnn)
    category: str
    level: str = "city"
    short_name: Optional[str] = None
    parent: Optional[str] = None  # key of the sponsor / parent
    within_cap: bool = True
    status: str = "active"
    established_on: Optional[dt.date] = None
    revoked_on: Optional[dt.date] = None
    uscc: Optional[str] = None
    functions: Optional[str] = None
    standard: Optional[str] = None
    metric: Optional[int] = None
    deputies: int = 0  # 副职 approved (正职 is always 1 for active bodies)
    head_title: str = "主任"


@dataclass
class LedgerPlan:
    inst: str
    quota_type: str
    delta: int
    reason: str
    doc_no: str
    effective_on: dt.date


@dataclass
class ThreeDetPlan:
    inst: str
    functions: str
    divisions: str
    staffing: str
    doc_no: str
    approved_on: dt.date


@dataclass
class Plan:
    institutions: list[InstPlan] = field(default_factory=list)
    institution_caps: dict[str, int] = field(default_factory=dict)
    regional_caps: dict[tuple[str, str], int] = field(default_factory=dict)
    divisions: list[tuple[str, str, int]] = field(default_factory=list)  # inst, name, sort
    leadership: list[tuple[str, Optional[str], str, int]] = field(default_factory=list)  # inst, div, rank, n
    ledger: list[LedgerPlan] = field(default_factory=list)
    three_dets: list[ThreeDetPlan] = field(default_factory=list)  # in version order per institution
    persons: list[PersonPlan] = field(default_factory=list)

    def by_key(self) -> dict[str, InstPlan]:
        return {i.key: i for i in self.institutions}


def _head_title(name: str) -> str:
    rules_ = (
        ("检察院", "检察长"), ("法院", "院长"), ("人大常委会办公厅", "秘书长"), ("政协办公厅", "秘书长"),
        ("政法委员会", "书记"), ("机关工作委员会", "书记"), ("共青团", "书记"), ("红十字会", "会长"),
        ("工会", "主席"), ("联合会", "主席"), ("协会", "主席"), ("部", "部长"), ("局", "局长"),
        ("医院", "院长"), ("院", "院长"), ("中学", "校长"), ("小学", "校长"), ("学校", "校长"),
        ("馆", "馆长"), ("站", "站长"),
    )
    for suffix, title in rules_:
        if suffix in name:
            return title
    return "主任"


class _Serials:
    """USCC serials: one sequence per (category digit, region), deterministic."""

    def __init__(self) -> None:
        self._next: dict[tuple[str, str], int] = defaultdict(int)

    def issue(self, category: str, region: str) -> str:
        digit = USCC_OF_CATEGORY[category]
        self._next[(digit, region)] += 1
        # e.g. organs of 青岛市 get 1137020000100001x, public institutions 1237020000200001x
        serial = int(digit) * 100_000 + self._next[(digit, region)]
        return uscc.generate(digit, region, serial)


def _uscc_region(region_code: str) -> str:
    # Function zones have no GB/T 2260 code: their bodies are registered by the city.
    return CITY_CODE if "-" in region_code else region_code


def _doc_short(region_name: str) -> str:
    """"市南区" -> "市南", "胶州市" -> "胶州": the prefix of a district's 文号."""
    return region_name[:-1] if region_name[-1] in "区市县" else region_name


def build_plan(district_codes: list[str]) -> Plan:
    """The whole demo as data; the same for every call."""
    rng = random.Random(SEED)
    plan = Plan()
    serials = _Serials()
    initial: dict[tuple[str, str], int] = {}  # (inst, quota type) -> initial quota

    # -- city: the 53 within-cap party-government institutions -----------------
    for key, name, short, cat, admin, worker, pl, deputies, new in Q.CITY_PARTY_GOV:
        plan.institutions.append(InstPlan(
            key=key, name=name, short_name=short, region=CITY_CODE, category=cat, deputies=deputies,
            established_on=Q.REFORM_DATE if new else None, uscc=serials.issue(cat, CITY_CODE),
            head_title=_head_title(name),
        ))
        for qt, n in ((ADMIN, admin), (WORKER, worker), (PL, pl)):
            if n:
                initial[(key, qt)] = n
    assert sum(1 for i in plan.institutions if i.region == CITY_CODE) == Q.CITY_INSTITUTIONS_IN_USE

    for key, name, short, cat, admin, worker, pl, deputies in Q.CITY_OTHER_ORGANS:
        plan.institutions.append(InstPlan(
            key=key, name=name, short_name=short, region=CITY_CODE, category=cat, deputies=deputies,
            uscc=serials.issue(cat, CITY_CODE), head_title=_head_title(name),
        ))
        for qt, n in ((ADMIN, admin), (WORKER, worker), (PL, pl)):
            if n:
                initial[(key, qt)] = n

    for key, zone, name, short, admin, worker, deputies in Q.FUNCTION_ZONE_BODIES:
        plan.institutions.append(InstPlan(
            key=key, name=name, short_name=short, region=zone, category="dispatched_agency", deputies=deputies,
            established_on=dt.date(2019, 5, 10), uscc=serials.issue("dispatched_agency", _uscc_region(zone)),
            head_title="主任",
        ))
        initial[(key, ADMIN)] = admin
        initial[(key, WORKER)] = worker

    # -- city: public institutions under their sponsors -----------------------
    for key, name, sponsor, cat, qt, n, deputies, std in Q.CITY_PUBLIC_INSTITUTIONS:
        plan.institutions.append(InstPlan(
            key=key, name=name, region=CITY_CODE, category=cat, parent=sponsor, deputies=deputies,
            established_on=rand_date(rng, dt.date(1950, 1, 1), dt.date(2012, 12, 31)),
            uscc=serials.issue(cat, CITY_CODE), head_title=_head_title(name),
            standard=std[0] if std else None, metric=std[1] if std else None,
        ))
        initial[(key, qt)] = n

    # -- city: the 33 out-of-cap administrative bodies, cleaned up -------------
    for name, cat in Q.CITY_REVOKED:
        plan.institutions.append(InstPlan(
            key=f"rev:{CITY_CODE}:{name}", name=name, region=CITY_CODE, category=cat, within_cap=False,
            status="revoked", established_on=rand_date(rng, dt.date(2001, 1, 1), dt.date(2016, 12, 31)),
            revoked_on=rand_date(rng, Q.REFORM_DATE, dt.date(2019, 3, 31)),
        ))
    assert len(Q.CITY_REVOKED) == Q.CITY_REVOKED_OUT_OF_CAP

    # -- districts: within-cap departments and revoked out-of-cap bodies -------
    district_templates = [(t, "party_organ") for t in Q.DISTRICT_PARTY] + [
        (t, "government_department") for t in Q.DISTRICT_GOV
    ]
    revoked_left = Q.DISTRICT_REVOKED_OUT_OF_CAP
    for index, code in enumerate(district_codes):
        rname = regions.region_name(code)
        in_use = Q.DISTRICT_INSTITUTIONS_IN_USE[code]
        limit = Q.INNER_DISTRICT_MAX if code in INNER_DISTRICTS else Q.DISTRICT_INSTITUTION_CAP
        assert in_use <= limit, (code, in_use, limit)
        for template, cat in district_templates[:in_use]:
            name = template.format(r=rname)
            key = f"{code}:{name}"
            plan.institutions.append(InstPlan(
                key=key, name=name, region=code, category=cat, level="district", deputies=rng.randint(2, 3),
                established_on=Q.DISTRICT_REFORM_DATE if rng.random() < 0.3 else None,
                uscc=serials.issue(cat, code), head_title=_head_title(name),
            ))
            initial[(key, ADMIN)] = rng.randint(10, 30)
            if rng.random() < 0.45:
                initial[(key, WORKER)] = rng.randint(1, 2)
        # 184 over the districts: the remainder goes to the first ones (19, then 18).
        share = revoked_left // (len(district_codes) - index)
        if revoked_left % (len(district_codes) - index):
            share += 1
        revoked_left -= share
        for template, cat in rng.sample(Q.DISTRICT_REVOKED_TEMPLATES, share):
            name = template.format(r=rname)
            plan.institutions.append(InstPlan(
                key=f"rev:{code}:{name}", name=name, region=code, category=cat, level="district",
                within_cap=False, status="revoked",
                established_on=rand_date(rng, dt.date(2003, 1, 1), dt.date(2016, 12, 31)),
                revoked_on=rand_date(rng, Q.DISTRICT_REFORM_DATE, dt.date(2019, 6, 30)),
            ))
    assert revoked_left == 0

    names = [(i.name, i.region) for i in plan.institutions]
    assert len(names) == len(set(names)), "institution names must be unique per region"

    # -- institution caps (机构限额) --------------------------------------------
    plan.institution_caps[CITY_CODE] = Q.CITY_INSTITUTION_CAP
    for code in district_codes:
        plan.institution_caps[code] = Q.DISTRICT_INSTITUTION_CAP

    insts = plan.by_key()
    _plan_divisions(plan, insts)
    _plan_ledger(plan, insts, initial, rng, district_codes)
    _plan_three_dets(plan, insts)
    _plan_leadership(plan)
    _plan_regional_caps(plan, insts, rng, district_codes)
    divisions: dict[str, list[str]] = defaultdict(list)
    for key, name, _sort in plan.divisions:
        divisions[key].append(name)
    lead = {(k, d, r): n for k, d, r, n in plan.leadership}
    plan.persons = plan_persons(_balances(plan), insts, divisions, lead, rng)
    return plan


def _plan_divisions(plan: Plan, insts: dict[str, InstPlan]) -> None:
    for key, td in Q.THREE_DETERMINATIONS.items():
        current = td["divisions_v2"] or td["divisions_v1"]
        for sort, name in enumerate(current, 1):
            plan.divisions.append((key, name, sort))
        insts[key].functions = td["functions"] + (td["functions_v2_extra"] or "")


def _plan_ledger(plan: Plan, insts: dict[str, InstPlan], initial: dict[tuple[str, str], int],
                 rng: random.Random, district_codes: list[str]) -> None:
    # Initial quotas: one 文号 per institution (the 三定 itself where there is one).
    city_doc = 0
    district_doc: dict[str, int] = defaultdict(int)
    docs: dict[str, tuple[str, dt.date]] = {}
    for (key, qt), n in initial.items():
        inst = insts[key]
        if key not in docs:
            if key in Q.THREE_DETERMINATIONS:
                td = Q.THREE_DETERMINATIONS[key]
                docs[key] = (td["doc_v1"], td["approved_v1"])
            elif inst.region in district_codes:
                district_doc[inst.region] += 1
                short = _doc_short(regions.region_name(inst.region))
                docs[key] = (f"{short}编〔2019〕{district_doc[inst.region]}号",
                             rand_date(rng, Q.DISTRICT_REFORM_DATE, dt.date(2019, 7, 31)))
            else:
                city_doc += 1
                docs[key] = (f"青编〔2019〕{city_doc}号", rand_date(rng, dt.date(2019, 2, 1), dt.date(2019, 6, 30)))
        doc, day = docs[key]
        plan.ledger.append(LedgerPlan(key, qt, n, Q.INITIAL_REASON, doc, day))

    balance = dict(initial)

    def maximum(key: str, qt: str) -> Optional[int]:
        inst = insts[key]
        if inst.standard is None:
            return None
        std = next(s for s in reference.STANDARDS if s.code == inst.standard)
        if std.quota_type != qt:
            return None
        return rules.standard_maximum([_Band(*b) for b in STANDARD_BANDS[inst.standard]], inst.metric)

    # Post-reform adjustments of 92 city units (region 青岛市, holding quotas).
    holders = {key for (key, _qt) in initial}
    city_units = [key for key, inst in insts.items() if key in holders and inst.region == CITY_CODE]
    forced = {"cw_bianban": (3, dt.date(2021, 6, 18)), "gov_edu": (2, dt.date(2021, 9, 10)),
              "gov_emergency": (3, dt.date(2020, 11, 20))}
    others = [k for k in city_units if k not in forced]
    chosen = list(forced) + rng.sample(others, Q.CITY_UNITS_ADJUSTED - len(forced))

    def primary_type(key: str) -> str:
        types = [qt for (k, qt) in initial if k == key]
        return max(types, key=lambda qt: initial[(key, qt)])

    events: list[tuple[dt.date, int, list[tuple[str, str, int, str]]]] = []  # date, order, entries
    order = 0
    for key, (delta, day) in forced.items():
        events.append((day, order, [(key, ADMIN, delta, THREE_DET_REASON)]))
        order += 1

    # A few transfers between organs (职责划转): -n at A, +n at B under one 文号.
    organ_pool = [k for k in chosen if k not in forced and (k, ADMIN) in initial]
    rng.shuffle(organ_pool)
    transfer_pairs = [(organ_pool[i], organ_pool[i + 1]) for i in range(0, 16, 2)]
    in_transfer = set()
    for frm, to in transfer_pairs:
        n = rng.randint(1, 3)
        day = rand_date(rng, dt.date(2019, 9, 1), dt.date(2025, 10, 31))
        events.append((day, order, [
            (frm, ADMIN, -n, Q.TRANSFER_OUT.format(to=insts[to].short_name or insts[to].name)),
            (to, ADMIN, n, Q.TRANSFER_IN.format(frm=insts[frm].short_name or insts[frm].name)),
        ]))
        order += 1
        in_transfer.update((frm, to))

    for key in chosen:
        if key in forced or key in in_transfer:
            count = 1 if rng.random() < 0.7 else 0
        else:
            count = 1 if rng.random() < 0.7 else 2
        for _ in range(count):
            qt = primary_type(key)
            size = max(1, round(initial[(key, qt)] * rng.uniform(0.03, 0.1)))
            delta = size if rng.random() < 0.6 else -size
            day = rand_date(rng, dt.date(2019, 8, 1), dt.date(2025, 12, 31))
            reason = rng.choice(Q.ADJUST_UP if delta > 0 else Q.ADJUST_DOWN)
            events.append((day, order, [(key, qt, delta, reason)]))
            order += 1

    events.sort()
    year_doc: dict[int, int] = defaultdict(int)
    year_doc[2019] = city_doc
    for day, _order, entries in events:
        year_doc[day.year] += 1
        doc = f"青编〔{day.year}〕{year_doc[day.year]}号"
        for key, qt, delta, reason in entries:
            new = balance[(key, qt)] + delta
            limit = maximum(key, qt)
            if limit is not None and new > limit:  # 标准不突破: turn it into a cut
                delta, reason = -abs(delta), rng.choice(Q.ADJUST_DOWN)
                new = balance[(key, qt)] + delta
            assert new >= 1, (key, qt, new)
            balance[(key, qt)] = new
            plan.ledger.append(LedgerPlan(key, qt, delta, reason, doc, day))

    adjusted = {e.inst for e in plan.ledger if e.reason != Q.INITIAL_REASON and insts[e.inst].region == CITY_CODE}
    assert len(adjusted) == Q.CITY_UNITS_ADJUSTED, len(adjusted)


def _balances(plan: Plan, until: Optional[dt.date] = None) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = defaultdict(int)
    for e in plan.ledger:
        if until is None or e.effective_on <= until:
            out[(e.inst, e.quota_type)] += e.delta
    return out


def _plan_three_dets(plan: Plan, insts: dict[str, InstPlan]) -> None:
    qt_names = {q.code: q.name for q in reference.QUOTA_TYPES}
    for key, td in Q.THREE_DETERMINATIONS.items():
        inst = insts[key]
        versions = [(td["divisions_v1"], td["doc_v1"], td["approved_v1"], td["functions"])]
        if td["divisions_v2"]:
            entry = next(e for e in plan.ledger if e.inst == key and e.reason == THREE_DET_REASON)
            versions.append((td["divisions_v2"], entry.doc_no, entry.effective_on,
                             td["functions"] + td["functions_v2_extra"]))
        for divisions, doc, day, functions in versions:
            bal = _balances(plan, until=day)
            quotas = "，".join(f"{qt_names[qt]}{n}名" for (k, qt), n in sorted(bal.items()) if k == key and n)
            division_posts = sum(1 + _division_deputies(sort) for sort in range(1, len(divisions) + 1))
            staffing = (
                f"{quotas}。{inst.head_title}1名，副{inst.head_title}{inst.deputies}名；"
                f"处级领导职数{division_posts}名（含正职{len(divisions)}名）。"
            )
            plan.three_dets.append(ThreeDetPlan(
                inst=key, functions=functions, divisions="\n".join(divisions), staffing=staffing,
                doc_no=doc, approved_on=day,
            ))


def _division_deputies(sort: int) -> int:
    """副职 approved for the division at position ``sort`` (every third one gets two)."""
    return 2 if sort % 3 == 0 else 1


def _plan_leadership(plan: Plan) -> None:
    for inst in plan.institutions:
        if inst.status != "active":
            continue
        plan.leadership.append((inst.key, None, "chief", 1))
        plan.leadership.append((inst.key, None, "deputy", inst.deputies))
    for key, name, sort in plan.divisions:
        plan.leadership.append((key, name, "division_chief", 1))
        plan.leadership.append((key, name, "division_deputy", _division_deputies(sort)))


def _plan_regional_caps(plan: Plan, insts: dict[str, InstPlan], rng: random.Random,
                        district_codes: list[str]) -> None:
    """Totals above the peak of the region's running sum (headroom kept in reserve)."""
    running: dict[tuple[str, str], int] = defaultdict(int)
    peak: dict[tuple[str, str], int] = defaultdict(int)
    for e in plan.ledger:
        k = (insts[e.inst].region, e.quota_type)
        running[k] += e.delta
        peak[k] = max(peak[k], running[k])
    region_codes = [CITY_CODE, *district_codes, *(code for code, _n in reference.FUNCTION_ZONES)]
    for region in region_codes:
        for q in reference.QUOTA_TYPES:
            top = peak.get((region, q.code), 0)
            if top:
                total = int(math.ceil((top * 1.04 + 5) / 10.0) * 10)
            else:
                # Types the demo allocates nothing of here (district schools, courts …):
                # a plausible total still under aggregate control.
                ranges = {
                    PL: (120, 400), "institution_quota_full": (2000, 6000),
                    "institution_quota_partial": (300, 1500), "institution_quota_self": (50, 300),
                }
                low, high = ranges.get(q.code, (20, 80))
                if "-" in region:
                    low, high = low // 10, high // 10
                total = rng.randint(low, high) // 10 * 10
            plan.regional_caps[(region, q.code)] = total



# ---------------------------------------------------------------------------
# Applying the plan
# ---------------------------------------------------------------------------


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _pin(institution_ids=()) -> list:
    """Load what the services will ``session.get()`` and hold it for the transaction.

    The identity map is weak and a commit expires everything, so without this every
    service call reloads its institution, quota type and rank (three round trips
    each, which is most of the time on PostgreSQL).  Nothing is changed here.
    """
    s = db.session
    held: list = []
    for model in (InstitutionCategory, QuotaType, Rank, Region):
        held += s.execute(select(model)).scalars().all()
    ids = sorted(set(institution_ids))
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        held += s.execute(
            select(Institution).where(Institution.id.in_(part))
            .options(selectinload(Institution.standard).selectinload(StaffingStandard.rows))
        ).scalars().all()
        held += s.execute(select(InternalDivision).where(InternalDivision.institution_id.in_(part))).scalars().all()
    return held


def load() -> list[tuple[str, str, str]]:
    """Load the reference dictionaries and the quota demo, then the demo accounts
    (bound to its institutions); return the accounts."""
    ids = load_reference()
    district_codes = reference.district_codes()
    plan = build_plan(district_codes)
    region_id = ids["region"]
    qt_id = ids["quota_type"]
    rank_id = ids["rank"]
    s = db.session

    # -- caps first, so that everything below is checked against them ----------
    with transaction():
        have = set(s.execute(select(InstitutionCap.region_id)).scalars())
        for code, total in plan.institution_caps.items():
            if region_id[code] not in have:
                services.save_institution_cap(InstitutionCap(region_id=region_id[code], total=total))
        have = {tuple(r) for r in s.execute(select(RegionalCap.region_id, RegionalCap.quota_type_id))}
        for (code, qt), total in plan.regional_caps.items():
            if (region_id[code], qt_id[qt]) not in have:
                services.save_regional_cap(RegionalCap(region_id=region_id[code], quota_type_id=qt_id[qt],
                                                       total=total))

    # -- institutions (parents come first in the plan) --------------------------
    inst_id: dict[str, int] = {}
    existing = {(name, rid): iid for iid, name, rid in
                s.execute(select(Institution.id, Institution.name, Institution.region_id)).tuples()}
    for chunk in _chunks(plan.institutions, 300):
        with transaction():
            _held = _pin(inst_id[ip.parent] for ip in chunk if ip.parent and ip.parent in inst_id)
            for ip in chunk:
                found = existing.get((ip.name, region_id[ip.region]))
                if found is not None:
                    inst_id[ip.key] = found
                    continue
                inst = services.create_institution(Institution(
                    name=ip.name, short_name=ip.short_name, uscc=ip.uscc, category_id=ids["category"][ip.category],
                    region_id=region_id[ip.region], level=ip.level,
                    parent_id=inst_id[ip.parent] if ip.parent else None, within_cap=ip.within_cap,
                    status=ip.status, established_on=ip.established_on, revoked_on=ip.revoked_on,
                    functions=ip.functions, standard_id=ids["standard"][ip.standard] if ip.standard else None,
                    standard_metric=ip.metric,
                ))
                inst_id[ip.key] = inst.id
                _held.append(inst)

    # -- internal divisions and leadership quotas, through their services -------
    with transaction():
        have_div = {(i, n): d for d, i, n in
                    s.execute(select(InternalDivision.id, InternalDivision.institution_id,
                                     InternalDivision.name)).tuples()}
        for key, name, sort in plan.divisions:
            if (inst_id[key], name) not in have_div:
                div = services.create_division(InternalDivision(institution_id=inst_id[key], name=name, sort=sort))
                have_div[(inst_id[key], name)] = div.id
    with transaction():
        _held = _pin(inst_id.values())
        have_lq = {tuple(r) for r in s.execute(select(LeadershipQuota.institution_id, LeadershipQuota.division_id,
                                                      LeadershipQuota.rank_id))}
        for key, div, rank, n in plan.leadership:
            div_id = have_div[(inst_id[key], div)] if div else None
            if (inst_id[key], div_id, rank_id[rank]) in have_lq:
                continue
            services.save_leadership_quota(LeadershipQuota(institution_id=inst_id[key], division_id=div_id,
                                                           rank_id=rank_id[rank], approved=n))

    # -- the ledger: initial quotas, then the post-reform adjustments ------------
    have_entry = {tuple(r) for r in s.execute(select(QuotaLedgerEntry.institution_id,
                                                     QuotaLedgerEntry.quota_type_id, QuotaLedgerEntry.doc_no))}
    todo = [e for e in plan.ledger if (inst_id[e.inst], qt_id[e.quota_type], e.doc_no) not in have_entry]
    for chunk in _chunks(todo, 400):
        with transaction():
            _held = _pin(inst_id[e.inst] for e in chunk)
            for e in chunk:
                services.record_ledger_entry(QuotaLedgerEntry(
                    institution_id=inst_id[e.inst], quota_type_id=qt_id[e.quota_type], delta=e.delta,
                    reason=e.reason, doc_no=e.doc_no, effective_on=e.effective_on,
                ))

    # -- 三定 versions --------------------------------------------------------
    with transaction():
        versions = {iid: n for iid, n in s.execute(
            select(ThreeDeterminations.institution_id, func.max(ThreeDeterminations.version))
            .group_by(ThreeDeterminations.institution_id))}
        per_inst: dict[str, list[ThreeDetPlan]] = defaultdict(list)
        for td in plan.three_dets:
            per_inst[td.inst].append(td)
        for key, tds in per_inst.items():
            for td in tds[versions.get(inst_id[key], 0):]:
                services.create_three_determinations(ThreeDeterminations(
                    institution_id=inst_id[key], functions=td.functions, divisions=td.divisions,
                    staffing=td.staffing, approval_doc_no=td.doc_no, approved_on=td.approved_on,
                ))

    # -- persons (实名制) --------------------------------------------------------
    have_person = set(s.execute(select(Person.id_number)).scalars())
    todo_p = [p for p in plan.persons if p.id_number not in have_person]
    # Through the bulk entry of the imports: the same rules, one counter move per
    # allocation; a leaver is recorded as exited (it holds no place).
    for chunk in _chunks(todo_p, 1000):
        with transaction():
            _held = _pin(inst_id[pp.inst] for pp in chunk)
            services.create_persons([Person(
                name=pp.name, id_number=pp.id_number, gender=pp.gender, birth_date=pp.birth,
                institution_id=inst_id[pp.inst], quota_type_id=qt_id[pp.quota_type],
                division_id=have_div[(inst_id[pp.inst], pp.division)] if pp.division else None,
                post=pp.post, rank_id=rank_id[pp.rank], entry_date=pp.entry_date,
                status="exited" if pp.exit else "active",
                exit_date=pp.exit[0] if pp.exit else None, exit_reason=pp.exit[1] if pp.exit else None,
            ) for pp in chunk])

    # -- demo accounts, one per role ------------------------------------------
    return _load_accounts(inst_id)


def _load_accounts(inst_id: dict[str, int]) -> list[tuple[str, str, str]]:
    sm = current_app.appbuilder.sm
    password = current_app.config["DEMO_PASSWORD"]
    out = []
    # One transaction, also when every account exists: on SQLite even a read
    # begins IMMEDIATE, and must not be left open.
    with transaction():
        for username, role_name, first, last, scope, bound in ACCOUNTS:
            out.append((username, role_name, scope))
            if sm.find_user(username=username) is not None:
                continue
            role = sm.find_role(role_name)
            if role is None:
                raise RuntimeError(f"role {role_name!r} missing: run `flask db upgrade` (it syncs the roles) first")
            user = sm.add_user(username, first, last, f"{username}@demo.bianzhi.invalid", role, password,
                               commit=False)
            if not user:
                raise RuntimeError(f"could not create the demo account {username!r}")
            if bound:
                db.session.add(UserInstitution(user_id=user.id, institution_id=inst_id[bound]))
    return out
