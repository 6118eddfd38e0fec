"""The seeds: reference dictionaries and the Qingdao demo (SPEC §1 "Demo data").

The demo is loaded once per test that needs it (it takes a few seconds), so the
figures, the invariants and the idempotence are checked in one test.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from sqlalchemy import MetaData, func, select

from app.core import audit, idnumber, regions, uscc
from app.extensions import db
from app.quota import rules, services
from app.quota.models import (
    Institution,
    InstitutionCap,
    InstitutionCategory,
    LeadershipQuota,
    Person,
    QuotaAllocation,
    QuotaLedgerEntry,
    QuotaType,
    Rank,
    Region,
    RegionalCap,
    ThreeDeterminations,
    UserInstitution,
)
from seeds import load_demo
from seeds.data import qingdao as Q
from seeds.quota import build_plan
from seeds.reference import CATEGORIES, load_reference
from seeds.verification import PLANT_REASON
from tests.demo_realism import (
    DEPARTMENT_FILERS,
    check_department_cases,
    check_occupancy,
    check_planted_problems,
    check_units_at_their_limit,
)

INNER_THREE = ("370202", "370203", "370213")  # 市南区, 市北区, 李沧区


def all_rows() -> dict[str, list[tuple]]:
    """Every row of every table in the database (FAB's, Alembic's and ours)."""
    db.session.remove()
    meta = MetaData()
    meta.reflect(bind=db.engine)
    out = {}
    with db.engine.connect() as conn:
        for table in meta.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            out[table.name] = [tuple(r) for r in conn.execute(table.select().order_by(*order))]
    return out


def scalar(stmt):
    return db.session.execute(stmt).scalar_one()


def region_ids() -> dict[str, int]:
    return {code: rid for rid, code in db.session.execute(select(Region.id, Region.code))}


# ---------------------------------------------------------------------------


def test_reference_is_complete_and_idempotent(app_ctx):
    load_reference()
    first = all_rows()
    load_reference()
    assert all_rows() == first  # nothing written, not even an audit row

    # Regions: the names are python-stdnum's GB/T 2260 names.
    codes = {code: (name, level) for code, name, level in db.session.execute(
        select(Region.code, Region.name, Region.level))}
    assert codes["370000"] == ("山东省", "province")
    assert codes["370200"] == ("青岛市", "city")
    for code, name in regions.children("370200"):
        assert codes[code] == (name, "district")
    assert len([c for c, (_n, level) in codes.items() if level == "district"]) == 10
    zones = [c for c, (_n, level) in codes.items() if level == "function_zone"]
    assert zones and all(not regions.is_known_code(c) and len(c) <= 12 for c in zones)

    cats = {c.code: c for c in db.session.execute(select(InstitutionCategory)).scalars()}
    assert {c for c, row in cats.items() if row.counts_toward_cap} == {"party_organ", "government_department"}
    assert all(row.name_en and row.uscc_code in "1239" for row in cats.values())
    assert len(cats) == len(CATEGORIES)

    types = {q.code: {c.code for c in q.allowed_categories} for q in db.session.execute(select(QuotaType)).scalars()}
    assert "party_organ" in types["admin_quota"] and "public_institution_1" not in types["admin_quota"]
    assert types["institution_quota_full"] <= {"public_institution_1", "public_institution_2"}
    assert len(types) == 6

    leadership = {r.name for r in db.session.execute(select(Rank).where(Rank.is_leadership.is_(True))).scalars()}
    assert leadership == {"正职", "副职", "内设机构正职", "内设机构副职"}


def test_plan_is_deterministic():
    codes = [code for code, _name in regions.children("370200")]
    a, b = build_plan(codes), build_plan(codes)
    assert a == b
    assert 5000 <= len(a.persons) <= 8000  # city and district units (the 用编进人 year adds 2,454)


def test_demo_figures_invariants_and_idempotence(app_ctx):
    accounts = load_demo()
    s = db.session
    rid = region_ids()
    city = rid["370200"]
    districts = [rid[code] for code, _n in regions.children("370200")]

    # -- 机构限额: 青岛市 55 / 53 in use; districts 37, 市内三区 ≤ 35 -------------
    caps = {c.region_id: c for c in s.execute(select(InstitutionCap)).scalars()}
    assert (caps[city].total, caps[city].used) == (55, 53)
    assert services.count_capped_institutions(city) == 53
    for region in districts:
        assert caps[region].total == 37
        assert caps[region].used == services.count_capped_institutions(region) <= 37
    for code in INNER_THREE:
        assert caps[rid[code]].used <= 35

    # -- 限额外行政机构 cleaned up: 33 city-level, 184 district-level --------------
    def revoked_out_of_cap(region_list):
        return scalar(select(func.count(Institution.id)).where(
            Institution.region_id.in_(region_list), Institution.status == "revoked",
            Institution.within_cap.is_(False), Institution.revoked_on.is_not(None)))

    assert revoked_out_of_cap([city]) == 33
    assert revoked_out_of_cap(districts) == 184
    per_district = Counter(r for (r,) in s.execute(select(Institution.region_id).where(
        Institution.region_id.in_(districts), Institution.status == "revoked")))
    assert len(per_district) == 10

    # -- ≥ 90 city units adjusted after the reform ------------------------------
    adjusted = scalar(select(func.count(func.distinct(QuotaLedgerEntry.institution_id)))
                      .join(Institution, Institution.id == QuotaLedgerEntry.institution_id)
                      .where(Institution.region_id == city, QuotaLedgerEntry.reason != Q.INITIAL_REASON))
    assert adjusted >= 90
    entries_per_inst = Counter(i for (i,) in s.execute(
        select(QuotaLedgerEntry.institution_id).join(Institution, Institution.id == QuotaLedgerEntry.institution_id)
        .where(Institution.region_id == city)))
    initial_types = Counter(i for (i,) in s.execute(
        select(QuotaLedgerEntry.institution_id).where(QuotaLedgerEntry.reason == Q.INITIAL_REASON)))
    assert sum(1 for i, n in entries_per_inst.items() if n > initial_types[i]) >= 90
    assert scalar(select(func.count()).where(QuotaLedgerEntry.delta < 0)) > 0  # cuts too

    # -- the allocation is the balance of its ledger ----------------------------
    # (except the one entry the verification demo plants for its 台账不符 rule to find: checked below)
    sums = {(i, q): (n, last) for i, q, n, last in s.execute(
        select(QuotaLedgerEntry.institution_id, QuotaLedgerEntry.quota_type_id, func.sum(QuotaLedgerEntry.delta),
               func.max(QuotaLedgerEntry.id)).where(QuotaLedgerEntry.reason != PLANT_REASON)
        .group_by(QuotaLedgerEntry.institution_id, QuotaLedgerEntry.quota_type_id))}
    planted = s.execute(select(QuotaLedgerEntry).where(QuotaLedgerEntry.reason == PLANT_REASON)).scalars().all()
    assert [e.delta for e in planted] == [2]
    allocations = s.execute(select(QuotaAllocation)).scalars().all()
    assert len(allocations) == len(sums) > 500
    for a in allocations:
        total, last_id = sums[(a.institution_id, a.quota_type_id)]
        assert a.approved == total > 0
        assert s.get(QuotaLedgerEntry, last_id).balance_after == a.approved
        # 混用编制: only allowed categories hold a type
        assert a.institution.category_id in {c.id for c in a.quota_type.allowed_categories}
        # 标准不突破
        inst = a.institution
        if inst.standard is not None and inst.standard.quota_type_id == a.quota_type_id:
            assert a.approved <= rules.standard_maximum(inst.standard.rows, inst.standard_metric)

    # -- occupied == active persons per allocation (no 超编) ---------------------
    active = Counter(tuple(r) for r in s.execute(
        select(Person.institution_id, Person.quota_type_id).where(Person.status == "active")))
    assert sum(active.values()) >= 1000
    by_key = {(a.institution_id, a.quota_type_id): a for a in allocations}
    for key, n in active.items():
        assert key in by_key
    for key, a in by_key.items():
        assert a.occupied == active.get(key, 0) <= a.approved

    # -- 总量控制: Σ allocations per region × type ≤ cap, and equal to its used ---
    per_region = defaultdict(int)
    for a in allocations:
        per_region[(a.institution.region_id, a.quota_type_id)] += a.approved
    regional = {(c.region_id, c.quota_type_id): c for c in s.execute(select(RegionalCap)).scalars()}
    assert len(regional) == 13 * 6  # city, 10 districts, 2 function zones × 6 types
    off = {}
    for key, used in per_region.items():
        assert key in regional
        assert used <= regional[key].total
        if used != regional[key].used:
            off[key] = used - regional[key].used
    # Exactly one counter is off, by one: the verification demo's planted 总量已用数与重算不符.
    assert list(off.values()) == [1], off

    # -- leadership quotas: in post ≤ approved, and the counter is the truth ------
    leaders = Counter(tuple(r) for r in s.execute(
        select(Person.institution_id, Person.division_id, Person.rank_id)
        .join(Rank, Rank.id == Person.rank_id)
        .where(Person.status == "active", Rank.is_leadership.is_(True))))
    quotas = s.execute(select(LeadershipQuota)).scalars().all()
    held = {(q.institution_id, q.division_id, q.rank_id): q for q in quotas}
    for key, n in leaders.items():
        assert key in held and n <= held[key].approved
    for key, q in held.items():
        assert q.used == leaders.get(key, 0) <= q.approved
    assert any(q.division_id for q in quotas) and any(q.used for q in quotas if q.division_id)

    # -- codes: every USCC and ID number valid -----------------------------------
    codes = [c for (c,) in s.execute(select(Institution.uscc).where(Institution.uscc.is_not(None)))]
    assert len(codes) > 400
    for code in codes:
        assert uscc.validate(code).ok
    assert {c[1] for c in codes} >= {"1", "2", "3"}
    persons = s.execute(select(Person.id_number, Person.birth_date, Person.gender, Person.status,
                               Person.exit_reason)).all()
    for number, birth, gender, _status, _reason in persons:
        assert idnumber.validate(number) == number
        assert idnumber.birth_date(number) == birth
        # the quota seed's staff were born 1965–2000; 用编进人's entries of 2026 are graduates (adults)
        assert dt.date(1965, 1, 1) <= birth <= dt.date(2008, 12, 31)
        assert (gender == "M") == (idnumber.gender(number) == "男")
    assert len({p[0] for p in persons}) == len(persons)
    exits = Counter(p[4] for p in persons if p[3] == "exited")
    assert exits["retired"] and exits["transferred_out"]

    # -- 事业单位 under their sponsors; 三定 with two versions -------------------
    edu = s.execute(select(Institution).where(Institution.name == "市教育局", Institution.region_id == city)).scalar_one()
    units = s.execute(select(Institution).where(Institution.parent_id == edu.id)).scalars().all()
    assert units and all(u.category.uscc_code == "2" and u.path.startswith(edu.path) for u in units)
    two_versions = scalar(select(func.count()).select_from(
        select(ThreeDeterminations.institution_id).group_by(ThreeDeterminations.institution_id)
        .having(func.count() >= 2).subquery()))
    assert two_versions >= 2

    # -- accounts: one per role; the department account bound to 市教育局 ----------
    assert sorted(role for _u, role, _scope in accounts) == sorted(
        ["admin", "staff", "staff", "leader", "inspector"] + ["department"] * len(DEPARTMENT_FILERS))
    sm = app_ctx.appbuilder.sm
    for username, role, _scope in accounts:
        user = sm.find_user(username=username)
        assert user is not None and [r.name for r in user.roles] == [role]
        assert sm.auth_user_db(username, app_ctx.config["DEMO_PASSWORD"]) is not None
    dept = sm.find_user(username="dept_edu")
    assert scalar(select(UserInstitution.institution_id).where(UserInstitution.user_id == dept.id)) == edu.id

    check_office_registers(sm)
    check_verification_demo()
    check_occupancy()
    check_units_at_their_limit()
    check_planted_problems()
    assert audit.verify_chain(db.session) is None

    # -- a second run changes nothing anywhere (audit log included) ---------------
    before = all_rows()
    assert load_demo() == accounts
    after = all_rows()
    assert {t: len(r) for t, r in after.items()} == {t: len(r) for t, r in before.items()}
    assert after == before
    check_department_cases(app_ctx)  # last: logging in writes sessions and audit rows


def check_verification_demo() -> None:
    """Every rule ran once (period demo) without error; the joined rules found what the
    demo leaves: units without their annual report, expiring certificates (both relative
    to the day the demo is loaded, so at least one), the unpublished spot-check draw."""
    from app.supervision.verification.models import VerificationRule, VerificationRun

    runs = {code: (status, problems) for code, status, problems in db.session.execute(
        select(VerificationRule.code, VerificationRun.status, VerificationRun.problems)
        .join(VerificationRun, VerificationRun.rule_id == VerificationRule.id)
        .where(VerificationRun.period == "demo"))}
    assert {code: status for code, (status, _n) in runs.items()} == {code: "ok" for code in runs}
    assert len(runs) == scalar(select(func.count(VerificationRule.id))) >= 15
    assert runs["missing_annual_reports"][1] >= 1 and runs["expiring_certificates"][1] >= 1
    assert runs["overdue_publications"][1] == 1 and runs["power_consistency"][1] >= 1


def check_office_registers(sm) -> None:
    """Divisions, task forces, the reform's hearings (19 / 51 / 189) and the 12 coordination items."""
    from app.justification.coordination.models import CoordinationItem
    from app.justification.hearings.models import PUBLIC_CHANNELS, Opinion
    from app.office.models import OfficeDivision, TaskForce, TaskForceMember
    from app.office.services import divisions_of

    s = db.session
    assert scalar(select(func.count(OfficeDivision.id))) >= 5
    staff, staff2 = sm.find_user(username="staff"), sm.find_user(username="staff2")
    assert len(divisions_of(staff.id)) == 2 and len(divisions_of(staff2.id)) == 1
    assert not divisions_of(staff.id) & divisions_of(staff2.id)  # countersign needs two divisions
    for tf in s.execute(select(TaskForce)).scalars():
        drawn = {m.division_id for m in s.execute(select(TaskForceMember).where(TaskForceMember.task_force_id == tf.id))
                 .scalars()}
        assert len(drawn) >= 2  # 一处室牵头、多处室联动
    assert scalar(select(func.count(TaskForce.id))) == 3

    def distinct_sources(kind):
        return scalar(select(func.count(func.distinct(Opinion.source_name))).where(Opinion.source_kind == kind))

    assert distinct_sources("city_leader") == 19
    assert distinct_sources("department") == 51
    public = s.execute(select(Opinion.handling, Opinion.handling_note).where(
        Opinion.source_kind.in_(PUBLIC_CHANNELS))).all()
    assert len(public) == 189
    handlings = Counter(h for h, _n in public)
    assert set(handlings) == {"adopted", "partly_adopted", "not_adopted", "pending"}
    assert all(note for h, note in public if h in ("partly_adopted", "not_adopted"))

    items = s.execute(select(CoordinationItem)).scalars().all()
    assert len(items) == 12
    titles = {i.title for i in items}
    assert {"党政机构改革", "功能区体制机制改革", "事业单位绩效考核"} <= titles
    assert all(i.milestones for i in items)
    statuses = Counter(i.status for i in items)
    assert statuses["closed"] >= 2 and statuses["supervised"] >= 1 and statuses["in_progress"] >= 5
    for item in items:
        if item.status == "closed":
            assert item.closing_note and all(m.done_on for m in item.milestones)
    overdue = [i for i in items if i.is_overdue(dt.date(2026, 11, 26))]
    assert len([i for i in overdue if i.status == "in_progress"]) >= 2
