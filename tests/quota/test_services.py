"""The six invariants of SPEC §1, each refused with rule, object and numbers,
and the database unchanged afterwards."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.db import transaction
from app.core.errors import DomainError, InvariantViolation, QuotaExceeded, ValidationFailed
from app.extensions import db
from app.quota import services
from app.quota.models import (
    Institution,
    InstitutionCap,
    Person,
    QuotaAllocation,
    QuotaLedgerEntry,
    RegionalCap,
    StaffingStandard,
    StaffingStandardRow,
)
from tests.factories import (
    give_quota,
    new_institution,
    new_person,
    set_institution_cap,
    set_leadership,
    set_regional_cap,
    valid_id_number,
)


def snapshot():
    """Everything the invariants protect, to compare before and after a refusal."""
    db.session.expire_all()
    rows = []
    for model in (QuotaAllocation, RegionalCap, InstitutionCap, QuotaLedgerEntry, Person, Institution):
        cols = [c for c in model.__table__.columns]
        rows.append(sorted(tuple(r) for r in db.session.execute(select(*cols)).all()))
    return rows


def test_regional_cap_refusal_names_region_type_and_numbers(ref):
    a = new_institution(ref, "市发展和改革委员会")
    set_regional_cap(ref.city, ref.admin_q, 5000)
    give_quota(a, ref.admin_q, 4990)
    before = snapshot()
    with pytest.raises(QuotaExceeded) as err:
        give_quota(a, ref.admin_q, 12)
    assert err.value.message("zh") == (
        "违反总量不突破: 青岛市 行政编制 总量 5000, 已核定 4990, 本次申请 12, 超出 2"
    )
    assert "cap 5000, approved 4990, requested 12, over by 2" in err.value.message("en")
    assert snapshot() == before


def test_regional_cap_counts_every_institution_of_the_region(ref):
    a = new_institution(ref, "甲局")
    b = new_institution(ref, "乙局")
    set_regional_cap(ref.city, ref.admin_q, 10)
    give_quota(a, ref.admin_q, 6)
    give_quota(b, ref.admin_q, 4)
    with pytest.raises(QuotaExceeded):
        give_quota(b, ref.admin_q, 1)
    give_quota(a, ref.admin_q, -2)  # a reduction frees room for others
    give_quota(b, ref.admin_q, 2)
    cap = db.session.execute(select(RegionalCap)).scalar_one()
    assert (cap.total, cap.used) == (10, 10)


def test_institution_cap_refusal_and_revocation_frees_a_slot(ref):
    set_institution_cap(ref.city, 2)
    new_institution(ref, "市委办公室", category="party")
    second = new_institution(ref, "市政府办公室")
    new_institution(ref, "限额外议事机构", within_cap=False)  # out of cap: not counted
    new_institution(ref, "市疾控中心", category="pi")  # 事业单位: not counted
    before = snapshot()
    with pytest.raises(QuotaExceeded) as err:
        new_institution(ref, "市第三局")
    assert err.value.message("zh") == "违反限额不突破: 青岛市 党政机构限额 2, 已使用 2, 本次增加 1, 超出 1"
    assert snapshot() == before
    with transaction():
        services.update_institution(db.session.get(Institution, second), status="revoked")
    new_institution(ref, "市第三局")
    assert db.session.execute(select(InstitutionCap.used)).scalar_one() == 2


def test_institution_cap_when_flag_changes_to_within_cap(ref):
    set_institution_cap(ref.city, 1)
    new_institution(ref, "甲")
    out = new_institution(ref, "乙", within_cap=False)
    before = snapshot()
    with pytest.raises(QuotaExceeded):
        with transaction():
            services.update_institution(db.session.get(Institution, out), within_cap=True)
    assert snapshot() == before


def test_staffing_standard_maximum(ref):
    school = new_institution(ref, "青岛第一中学", category="pi")
    with transaction():
        std = StaffingStandard(code="school", name="中学教职工编制标准", metric_name="在校学生数",
                               quota_type_id=ref.inst_q,
                               rows=[StaffingStandardRow(metric_from=0, metric_to=None, ratio=0.0800, base=5)])
        db.session.add(std)
        db.session.flush()
        inst = db.session.get(Institution, school)
        inst.standard_id, inst.standard_metric = std.id, 1000  # 5 + 1000 × 0.08 = 85
    give_quota(school, ref.inst_q, 80)
    before = snapshot()
    with pytest.raises(QuotaExceeded) as err:
        give_quota(school, ref.inst_q, 6)
    msg = err.value.message("zh")
    assert "违反标准不突破" in msg and "最多 85" in msg and "已核定 80" in msg and "超出 1" in msg
    assert snapshot() == before
    give_quota(school, ref.inst_q, 5)
    # fewer students cannot leave more staff than the standard allows
    with pytest.raises(InvariantViolation) as err:
        with transaction():
            # 5 + 500 × 0.08 = 45 < 85 approved
            services.update_institution(db.session.get(Institution, school), standard_metric=500)
    assert err.value.key == "quota.standard_below_approved" and "最多 45" in err.value.message("zh")
    db.session.expire_all()
    assert db.session.get(Institution, school).standard_metric == 1000


def test_no_entry_beyond_quota_and_exit_frees_it(ref):
    a = new_institution(ref, "市财政局")
    give_quota(a, ref.admin_q, 1)
    p = new_person(a, ref.admin_q, name="李四")
    before = snapshot()
    with pytest.raises(QuotaExceeded) as err:
        new_person(a, ref.admin_q, name="王五")
    assert err.value.message("zh") == "不得超编进人: 市财政局 行政编制 核定 1, 在编 1, 本次进人 1, 超出 1"
    assert snapshot() == before
    import datetime as dt

    with transaction():
        services.exit_person(db.session.get(Person, p), exit_date=dt.date.today(), exit_reason="retired")
    new_person(a, ref.admin_q, name="王五")
    alloc = db.session.execute(select(QuotaAllocation)).scalar_one()
    assert (alloc.approved, alloc.occupied, alloc.vacant) == (1, 1, 0)


def test_quota_cannot_be_cut_below_persons_in_post(ref):
    a = new_institution(ref, "市审计局")
    give_quota(a, ref.admin_q, 2)
    new_person(a, ref.admin_q)
    before = snapshot()
    with pytest.raises(InvariantViolation) as err:
        give_quota(a, ref.admin_q, -2)
    assert err.value.key == "quota.negative_balance"
    assert snapshot() == before


def test_leadership_positions(ref):
    a = new_institution(ref, "市司法局")
    give_quota(a, ref.admin_q, 5)
    set_leadership(a, ref.deputy, 1)
    new_person(a, ref.admin_q, name="副局长甲", rank_id=ref.deputy)
    before = snapshot()
    with pytest.raises(QuotaExceeded) as err:
        new_person(a, ref.admin_q, name="副局长乙", rank_id=ref.deputy)
    assert err.value.message("zh") == "不得超职数配备: 市司法局 副职 职数 1, 在任 1, 本次配备 1, 超出 1"
    assert snapshot() == before
    # No leadership quota at all for 正职: zero positions.
    with pytest.raises(QuotaExceeded):
        new_person(a, ref.admin_q, name="局长", rank_id=ref.chief)
    new_person(a, ref.admin_q, name="科员", rank_id=ref.clerk)  # not a leadership rank


def test_quota_misuse_refused_for_ledger_and_persons(ref):
    organ = new_institution(ref, "市商务局")
    before = snapshot()
    with pytest.raises(InvariantViolation) as err:
        give_quota(organ, ref.inst_q, 3)
    assert err.value.message("zh") == "不得混用编制: 市商务局 属于 政府工作部门, 不能使用 事业编制"
    assert snapshot() == before


def test_ledger_is_the_history_and_allocation_its_balance(ref):
    a = new_institution(ref, "市水务局")
    for delta in (10, -3, 7):
        give_quota(a, ref.admin_q, delta)
    entries = db.session.execute(select(QuotaLedgerEntry).order_by(QuotaLedgerEntry.id)).scalars().all()
    assert [(e.delta, e.balance_after) for e in entries] == [(10, 10), (-3, 7), (7, 14)]
    total = db.session.execute(select(func.sum(QuotaLedgerEntry.delta))).scalar_one()
    assert db.session.execute(select(QuotaAllocation.approved)).scalar_one() == total == 14


def test_ledger_entries_cannot_be_changed_or_removed(ref):
    a = new_institution(ref, "市统计局")
    give_quota(a, ref.admin_q, 3)
    entry = db.session.execute(select(QuotaLedgerEntry)).scalar_one()
    with pytest.raises(DomainError) as err:
        services.refuse_ledger_change(entry)
    assert err.value.key == "ledger.append_only"


def test_one_person_one_quota(ref):
    a = new_institution(ref, "甲")
    b = new_institution(ref, "乙")
    give_quota(a, ref.admin_q, 2)
    give_quota(b, ref.admin_q, 2)
    idn = valid_id_number()
    new_person(a, ref.admin_q, id_number=idn)
    with pytest.raises(DomainError) as err:
        new_person(b, ref.admin_q, id_number=idn)
    assert err.value.key == "person.duplicate_active"
    assert idn not in err.value.message("zh")  # the message shows the number masked


def test_transfer_moves_occupancy(ref):
    a = new_institution(ref, "甲")
    b = new_institution(ref, "乙")
    give_quota(a, ref.admin_q, 1)
    give_quota(b, ref.admin_q, 1)
    p = new_person(a, ref.admin_q)
    with transaction():
        services.update_person(db.session.get(Person, p), institution_id=b)
    occ = dict(db.session.execute(select(QuotaAllocation.institution_id, QuotaAllocation.occupied)).all())
    assert occ == {a: 0, b: 1}


def test_moving_an_institution_rewrites_its_subtree_and_refuses_cycles(ref):
    root = new_institution(ref, "根")
    child = new_institution(ref, "子", parent=root, within_cap=False)
    grandchild = new_institution(ref, "孙", parent=child, within_cap=False)
    other = new_institution(ref, "另一根")
    with transaction():
        services.update_institution(db.session.get(Institution, child), parent_id=other)
    db.session.expire_all()
    assert db.session.get(Institution, grandchild).path == f"/{other}/{child}/{grandchild}/"
    with pytest.raises(DomainError) as err:
        with transaction():
            services.update_institution(db.session.get(Institution, other), parent_id=grandchild)
    assert err.value.key == "institution.cycle"


def test_assign_uscc_issues_valid_sequential_codes(ref):
    from app.core import uscc

    a = new_institution(ref, "市机关事务局")
    b = new_institution(ref, "市研究中心", category="pi")
    c = new_institution(ref, "市接待办")
    with transaction():
        codes = [services.assign_uscc(db.session.get(Institution, pk)) for pk in (a, b, c)]
    assert codes[0][:8] == "11370200" and codes[1][:8] == "12370200"
    assert int(codes[2][8:16]) == int(codes[0][8:16]) + 1
    for code in codes:
        assert uscc.validate(code).ok
    with transaction():
        assert services.assign_uscc(db.session.get(Institution, a)) is None  # already has one


def test_three_determinations_are_versioned_and_diffed(app, ref):
    from app.quota.models import ThreeDeterminations
    from tests.conftest import login
    from tests.factories import make_user

    a = new_institution(ref, "市委编办")
    with transaction():
        services.create_three_determinations(ThreeDeterminations(
            institution_id=a, functions="负责机构编制管理\n负责事业单位登记", approval_doc_no="青编〔2019〕1号"))
    with transaction():
        v2 = services.create_three_determinations(ThreeDeterminations(
            institution_id=a, functions="负责机构编制管理\n负责权责清单管理", approval_doc_no="青编〔2021〕5号"))
        v2_id, version = v2.id, v2.version
    assert version == 2
    with pytest.raises(DomainError):
        services.refuse_three_determinations_change(v2)
    make_user(app, "clerk", "staff")
    c = app.test_client()
    login(c, "clerk")
    html = c.get(f"/threedeterminationsview/diff/{v2_id}").get_data(as_text=True)
    assert "-负责事业单位登记" in html and "+负责权责清单管理" in html


def test_legacy_uscc_needs_configuration_and_is_never_silent(app, ref):
    from tests.conftest import csrf_token, login
    from tests.factories import make_user

    make_user(app, "clerk", "staff")
    c = app.test_client()
    login(c, "clerk")
    legacy = "12100000470095017U"  # position 17 wrong, position 18 right (stdnum accepts it)

    def post():
        token = csrf_token(c, "/institutionview/add")
        return c.post("/institutionview/add", follow_redirects=True, data={
            "name": "旧码单位", "uscc": legacy, "category": str(ref.pi), "region": str(ref.city),
            "level": "city", "status": "active", "csrf_token": token}).get_data(as_text=True)

    html = post()
    assert "第 17 位 (组织机构代码校验码) 应为" in html
    assert db.session.execute(select(func.count(Institution.id))).scalar_one() == 0
    app.config["USCC_ACCEPT_LEGACY_ORG_CHECK"] = True
    try:
        html = post()
    finally:
        app.config["USCC_ACCEPT_LEGACY_ORG_CHECK"] = False
    assert "按历史代码例外接受" in html  # accepted, with the warning shown
    db.session.expire_all()
    assert db.session.execute(select(Institution.uscc)).scalar_one() == legacy


def test_bad_enumerated_values_get_a_clear_refusal(ref):
    a = new_institution(ref, "甲")
    give_quota(a, ref.admin_q, 2)
    before = snapshot()
    for bad in ({"gender": "X"}, {"status": "retired"}, {"status": "exited", "exit_date": None, "exit_reason": "moon"}):
        with pytest.raises(DomainError) as err:
            with transaction():
                services.create_person(Person(name="某", id_number=valid_id_number(), institution_id=a,
                                              quota_type_id=ref.admin_q, **bad))
        assert err.value.key in ("write.choice", "person.exit_reason_required"), bad
    assert snapshot() == before


def test_division_names_are_unique_per_institution(ref):
    from app.quota.models import InternalDivision

    a = new_institution(ref, "甲")
    with transaction():
        services.create_division(InternalDivision(institution_id=a, name="办公室"))
    with pytest.raises(DomainError) as err:
        with transaction():
            services.create_division(InternalDivision(institution_id=a, name=" 办公室 "))
    assert err.value.message("zh") == "甲 已有内设机构 办公室"


def test_assign_uscc_action_through_the_web(app, ref):
    """The list action issues codes through the service and flashes how many."""
    from tests.conftest import csrf_token, login
    from tests.factories import make_user

    a = new_institution(ref, "市机关事务局")
    b = new_institution(ref, "市接待办")
    make_user(app, "uscc_staff", "staff")
    client = app.test_client()
    login(client, "uscc_staff")
    token = csrf_token(client, "/institutionview/list/")
    html = client.post("/institutionview/action_post", data={"csrf_token": token, "action": "assign_uscc",
                                                             "rowid": [a, b]}, follow_redirects=True).get_data(as_text=True)
    assert "已赋码 2 个" in html
    db.session.expire_all()
    assert all(db.session.get(Institution, pk).uscc for pk in (a, b))


def test_assign_uscc_names_the_codes_and_returns_to_the_page(app, ref):
    """赋码 (issue #11): the message names each unit with its new code, and the user is back
    on the page they acted from — the filtered list, or the unit's show page; a referrer
    of another site is not followed (the list instead)."""
    from urllib.parse import unquote

    from tests.conftest import csrf_token, login
    from tests.factories import make_user

    a = new_institution(ref, "市机关事务局")
    b = new_institution(ref, "市接待办")
    c = new_institution(ref, "市信访局")
    make_user(app, "uscc_staff", "staff")
    client = app.test_client()
    login(client, "uscc_staff")
    listing = "/institutionview/list/?_flt_0_name=市"
    token = csrf_token(client, listing)

    def assign(rows, referrer):
        return client.post("/institutionview/action_post", data={"csrf_token": token, "action": "assign_uscc",
                                                                 "rowid": rows}, headers={"Referer": referrer})

    resp = assign([a, b], "http://localhost" + listing)
    assert resp.status_code == 302 and unquote(resp.headers["Location"]).endswith(listing)
    html = client.get(listing).get_data(as_text=True)
    db.session.expire_all()
    codes = {pk: db.session.get(Institution, pk).uscc for pk in (a, b)}
    assert "已赋码 2 个: 市机关事务局 " + codes[a] + "；市接待办 " + codes[b] in html
    # from the unit's own page, back to it
    resp = assign([c], f"http://localhost/institutionview/show/{c}")
    assert resp.headers["Location"].endswith(f"/institutionview/show/{c}")
    db.session.expire_all()
    assert "市信访局 " + db.session.get(Institution, c).uscc in client.get(resp.headers["Location"]).get_data(
        as_text=True)
    # another site, a scheme-relative or a javascript: referrer: the list, never there
    for evil in ("https://evil.example/x", "//evil.example/x", "javascript:alert(1)"):
        location = assign([a], evil).headers["Location"]
        assert "evil" not in location and "javascript" not in location and location.endswith("/institutionview/list/")


def test_no_two_institutions_of_one_name_under_one_parent(ref):
    """The rule every door shares (form, API, import, an approved 设立 case)."""
    bureau = new_institution(ref, "市财政局")
    new_institution(ref, "办公室", parent=bureau)
    other = new_institution(ref, "市民政局")
    new_institution(ref, "办公室", parent=other)  # another parent: allowed
    before = snapshot()
    with pytest.raises(ValidationFailed) as err:
        new_institution(ref, "办公室", parent=bureau)
    assert err.value.key == "institution.duplicate_name" and "市财政局 下已有机构 办公室" in err.value.message("zh")
    with pytest.raises(ValidationFailed):
        new_institution(ref, "市财政局")  # top level too
    assert snapshot() == before
