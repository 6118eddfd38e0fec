"""Applying an approval: every structured change through the quota services, all or nothing."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from sqlalchemy import select

from app.approval import evaluations, reports
from app.approval.apply import ApplyFailed
from app.core.db import transaction
from app.core.errors import DomainError
from app.extensions import db
from app.justification.cases import services as cases
from app.approval.models import CaseEvaluation
from app.justification.cases.models import AdjustmentCase, CaseChange
from app.quota.models import (
    Institution,
    InternalDivision,
    LeadershipQuota,
    Person,
    ThreeDeterminations,
)
from tests.justification.cases.fixtures import file_case, fire, user, walk_to_office_meeting
from tests.justification.cases.fixtures import approved, snapshot, state
from tests.factories import give_quota, new_person


def approve_at_office(world, case_id, doc_no="青编办〔2026〕1号"):
    walk_to_office_meeting(world, case_id)
    fire(world, case_id, "office_approve", "leader", doc_no=doc_no)


def test_a_change_that_breaks_an_invariant_midway_applies_nothing(world):
    # change 1 fits, change 2 (the foreign department) would take the city over its cap of 40
    case_id = file_case(world, changes=[
        {"kind": "ledger_delta", "institution_id": world.dept, "quota_type_id": world.ref.admin_q, "amount": 3},
        {"kind": "ledger_delta", "institution_id": world.foreign, "quota_type_id": world.ref.admin_q, "amount": 3},
        {"kind": "ledger_delta", "institution_id": world.foreign, "quota_type_id": world.ref.admin_q, "amount": -1},
    ], delta=0)
    walk_to_office_meeting(world, case_id)
    give_quota(world.foreign, world.ref.admin_q, 16)  # someone else used most of the headroom: 36 of 40
    before = snapshot(world)
    with pytest.raises(ApplyFailed) as err:
        fire(world, case_id, "office_approve", "leader", doc_no="X-2")
    zh, en = err.value.message("zh"), err.value.message("en")
    assert "第 2 项变更" in zh and "总量 40" in zh and "本次申请 3" in zh and "超出 2" in zh
    assert "Change 2" in en and "cap 40" in en
    assert err.value.as_dict()["code"] == "case.apply_failed"
    assert snapshot(world) == before
    assert state(case_id) == "office_meeting"
    assert db.session.get(AdjustmentCase, case_id).applied_at is None


def test_establish_with_quota_leaders_divisions_and_3d_goes_through_the_province(world):
    ref = world.ref
    case_id = file_case(world, case_type="establish", delta=0, changes=[
        {"kind": "institution_create", "new_name": "市数据局", "category_id": ref.gov, "region_id": ref.city},
        {"kind": "ledger_delta", "quota_type_id": ref.admin_q, "amount": 4},  # the new institution
        {"kind": "leadership_delta", "rank_id": ref.chief, "amount": 1},
        {"kind": "division_create", "new_name": "办公室"},
        {"kind": "three_determinations", "functions": "统筹数据资源", "staffing_text": "行政编制4名"},
    ])
    walk_to_office_meeting(world, case_id)
    fire(world, case_id, "to_commission", "staff")
    with pytest.raises(DomainError):  # establishing goes to the province, not straight to sign-off
        fire(world, case_id, "commission_approve", "leader", doc_no="X")
    fire(world, case_id, "to_province", "staff")
    fire(world, case_id, "province_approved", "leader", doc_no="鲁编〔2026〕5号")
    new = db.session.execute(select(Institution).where(Institution.name == "市数据局")).scalar_one()
    assert new.status == "active" and new.established_on == dt.date.today()
    assert approved(new.id, ref.admin_q) == 4
    lq = db.session.execute(select(LeadershipQuota).where(LeadershipQuota.institution_id == new.id)).scalar_one()
    assert (lq.rank_id, lq.approved) == (ref.chief, 1)
    assert db.session.execute(select(InternalDivision.name).where(InternalDivision.institution_id == new.id)).scalar() == "办公室"
    td = db.session.execute(select(ThreeDeterminations).where(ThreeDeterminations.institution_id == new.id)).scalar_one()
    assert (td.version, td.approval_doc_no) == (1, "鲁编〔2026〕5号")
    results = [c.result for c in db.session.get(AdjustmentCase, case_id).changes]
    assert results[0] == f"institution:{new.id}" and all(results)


def test_rename_merge_and_revoke(world):
    ref = world.ref
    rename = file_case(world, case_type="rename", delta=0, changes=[
        {"kind": "institution_rename", "institution_id": world.foreign, "new_name": "市民政局(更名)"}])
    walk_to_office_meeting(world, rename)
    fire(world, rename, "to_commission", "staff")
    fire(world, rename, "commission_approve", "leader", doc_no="R-1")
    assert db.session.get(Institution, world.foreign).name == "市民政局(更名)"

    # merge: the unit's quota and its person move to the department, then the unit is closed
    give_quota(world.unit, ref.admin_q, 2)
    person = new_person(world.unit, ref.admin_q)
    merge = file_case(world, case_type="merge", delta=0, changes=[
        {"kind": "institution_merge", "institution_id": world.unit, "target_id": world.dept}])
    walk_to_office_meeting(world, merge)
    fire(world, merge, "to_commission", "staff")
    fire(world, merge, "to_province", "staff")
    fire(world, merge, "province_approved", "leader", doc_no="M-1")
    db.session.expire_all()
    assert db.session.get(Institution, world.unit).status == "merged"
    assert approved(world.unit, ref.admin_q) == 0 and approved(world.dept, ref.admin_q) == 12
    assert db.session.get(Person, person).institution_id == world.dept

    # revoke: refused while someone is in post (the reason names it), then applied
    revoke = file_case(world, case_type="revoke", delta=0, institution=world.foreign, changes=[
        {"kind": "institution_revoke", "institution_id": world.foreign}])
    staffer = new_person(world.foreign, ref.admin_q, name="李四")
    walk_to_office_meeting(world, revoke)
    fire(world, revoke, "to_commission", "staff")
    fire(world, revoke, "to_province", "staff")
    before = snapshot(world)
    with pytest.raises(ApplyFailed) as err:
        fire(world, revoke, "province_approved", "leader", doc_no="V-1")
    assert "1" in err.value.message("zh") and snapshot(world) == before
    with transaction():
        from app.quota import services as quota
        quota.exit_person(db.session.get(Person, staffer), exit_date=dt.date.today(), exit_reason="retired")
    fire(world, revoke, "province_approved", "leader", doc_no="V-1")
    db.session.expire_all()
    assert db.session.get(Institution, world.foreign).status == "revoked"
    assert approved(world.foreign, ref.admin_q) == 0  # 核销: the quota went back to the region


def test_the_request_is_locked_for_the_applicant_once_submitted(world, app):
    case_id = file_case(world)
    fire(world, case_id, "submit", "department")
    case = db.session.get(AdjustmentCase, case_id)
    with app.test_request_context():
        from flask import g
        g.user = user(world, "department")
        with pytest.raises(DomainError) as err:
            with transaction():
                cases.save_change(CaseChange(case_id=case_id, kind="ledger_delta", institution_id=world.dept,
                                             quota_type_id=world.ref.admin_q, amount=1))
        assert err.value.key == "case.locked"
    # the office completes the analysis while justifying
    fire(world, case_id, "accept", "staff")
    with transaction():
        cases.save_change(CaseChange(case_id=case_id, kind="ledger_delta", institution_id=world.dept,
                                     quota_type_id=world.ref.admin_q, amount=1))
    assert db.session.get(AdjustmentCase, case_id).amount == 4
    del case


def test_no_change_can_be_edited_after_apply(world):
    case_id = file_case(world)
    approve_at_office(world, case_id)
    change = db.session.get(AdjustmentCase, case_id).changes[0]
    change.amount = 9
    with pytest.raises(DomainError) as err:
        with transaction():
            cases.save_change(change)
    assert err.value.key == "case.applied"
    db.session.expire_all()
    assert db.session.get(AdjustmentCase, case_id).changes[0].amount == 3


def test_incomplete_changes_are_refused_with_the_field_named(world):
    case_id = file_case(world, changes=[])
    for spec, needle in (
        ({"kind": "ledger_delta", "institution_id": world.dept, "amount": 2}, "quota type"),
        ({"kind": "ledger_delta", "institution_id": world.dept, "quota_type_id": world.ref.admin_q, "amount": 0},
         "cannot be 0"),
        ({"kind": "institution_merge", "institution_id": world.dept, "target_id": world.dept}, "itself"),
        ({"kind": "institution_create", "new_name": "X"}, "category"),
        ({"kind": "bogus"}, "bogus"),
    ):
        with pytest.raises(DomainError) as err:
            with transaction():
                cases.save_change(CaseChange(case_id=case_id, **spec))
        assert needle in err.value.message("en")
    assert db.session.get(AdjustmentCase, case_id).changes == []


def test_quantitative_analysis(world):
    case_id = file_case(world, delta=3, posts=[("政策研究岗", 3520), ("综合协调岗", 1760), ("信息化岗", 900)])
    a = cases.analysis(db.session.get(AdjustmentCase, case_id))
    assert [str(p["fte"]) for p in a["posts"]] == ["2.00", "1.00", "0.51"]
    assert str(a["total_fte"]) == "3.51" and a["required"] == 4 and a["requested"] == 3 and a["gap"] == -1
    (row,) = a["sizing"]
    assert (row["approved"], row["after"], row["cap_total"], row["cap_used"], row["cap_headroom"]) == (10, 13, 40, 20, 17)


def test_evaluation_opens_a_prefilled_follow_up_case(world):
    case_id = file_case(world)
    approve_at_office(world, case_id)
    ev = db.session.execute(select(CaseEvaluation).where(CaseEvaluation.case_id == case_id,
                                                         CaseEvaluation.kind == "quota_use")).scalar_one()
    with pytest.raises(DomainError):  # nothing recommended yet
        with transaction():
            evaluations.open_follow_up(ev, user(world, "staff"))
    ev.score, ev.conclusion, ev.recommendation, ev.findings = 55, "poor", "adjust", "空编较多, 编制使用率低"
    with pytest.raises(DomainError):  # a score out of range
        ev.score = 120
        with transaction():
            evaluations.save_evaluation(ev)
    db.session.expire_all()
    ev = db.session.get(CaseEvaluation, ev.id)
    ev.score, ev.conclusion, ev.recommendation, ev.findings = 55, "poor", "adjust", "空编较多, 编制使用率低"
    with transaction():
        evaluations.save_evaluation(ev)
    assert (ev.approved_at_evaluation, ev.occupied_at_evaluation) == (13, 0)
    with transaction():
        follow = evaluations.open_follow_up(ev, user(world, "staff"))
        follow_id = follow.id
    follow = db.session.get(AdjustmentCase, follow_id)
    assert follow.case_type == "staffing_decrease" and db.session.get(CaseEvaluation, ev.id).follow_up_case_id == follow.id
    assert follow.institution_id == world.dept and "空编较多" in follow.reasons and follow.state.code == "draft"
    with pytest.raises(DomainError) as err:
        with transaction():
            evaluations.open_follow_up(db.session.get(CaseEvaluation, ev.id), user(world, "staff"))
    assert err.value.key == "evaluation.follow_up_exists"


def test_period_report_counts_and_downloads(world):
    first, second = file_case(world, delta=3), file_case(world, delta=2)
    approve_at_office(world, first, "A-1")
    approve_at_office(world, second, "A-2")
    today = dt.date.today()
    tables = {t.title: t for t in reports.summary(today.replace(day=1), today)}
    assert tables["批复事项 Approvals"].rows == [("增编", 2)]  # the case type by its label (issue #11)
    (change,) = tables["编制变动 Quota changes"].rows
    assert change[:5] == ("青岛市", "行政编制", 5 + 20, 0, 25)  # the fixture's own quota counts too
    book = openpyxl.load_workbook(io.BytesIO(reports.summary_xlsx(today.replace(day=1), today)))
    assert book.sheetnames[0] == "说明 About" and len(book.sheetnames) == 5
    with pytest.raises(DomainError):
        reports.summary(today, today - dt.timedelta(days=1))


def test_removing_an_internal_division_follows_the_in_use_rule(world):
    """The case door runs ``delete_division``, the rule of the form and the API."""
    from app.quota import services as quota

    with transaction():
        busy = quota.create_division(InternalDivision(institution_id=world.dept, name="人事处")).id
        free = quota.create_division(InternalDivision(institution_id=world.dept, name="信息中心")).id
    new_person(world.dept, world.ref.admin_q, name="处员")
    with transaction():
        quota.update_person(db.session.execute(select(Person).where(Person.name == "处员")).scalar_one(),
                            division_id=busy)
    refused = file_case(world, case_type="division_change", changes=[{"kind": "division_delete", "division_id": busy}])
    walk_to_office_meeting(world, refused)
    before = snapshot(world)
    with pytest.raises(ApplyFailed) as err:
        fire(world, refused, "office_approve", "leader", doc_no="X-9")
    assert err.value.cause.key == "division.in_use"
    assert "内设机构 人事处 仍有 1 名在编人员或领导职数, 不能撤销" in err.value.message("zh")
    assert snapshot(world) == before
    removed = file_case(world, case_type="division_change", changes=[{"kind": "division_delete", "division_id": free}])
    approve_at_office(world, removed)
    db.session.expire_all()
    assert db.session.get(InternalDivision, free) is None
    assert db.session.get(InternalDivision, busy) is not None
    change = db.session.execute(select(CaseChange).where(CaseChange.case_id == removed)).scalar_one()
    assert change.result == f"internal_division:{free}:removed (信息中心)"
