"""Plans, plan lines and the monthly meeting: each rule, each refusal named in
both languages and leaving the database as it was."""
from __future__ import annotations

from sqlalchemy import func, select

from app.core.db import transaction
from app.execution.staffing_use import services
from app.execution.staffing_use.models import (
    ApplicationType,
    ReviewMeeting,
    StaffingPlan,
    StaffingPlanLine,
)
from app.extensions import db
from tests.execution.staffing_use.fixtures import refused as check_refused
from tests.execution.staffing_use.fixtures import approve, new_batch, new_meeting, new_plan
from tests.factories import new_person


def snapshot():
    db.session.expire_all()
    return [db.session.execute(select(func.count()).select_from(m)).scalar()
            for m in (StaffingPlan, StaffingPlanLine, ReviewMeeting)] + [
        tuple(db.session.execute(select(StaffingPlan.status).order_by(StaffingPlan.id)).scalars())]


def refused(work, key):
    return check_refused(work, key, snapshot)


def test_a_line_beyond_the_vacancy_minus_what_is_planned_is_refused(staffing):
    s = staffing
    new_person(s["edu"], s["ref"].admin_q)  # 10 approved, 1 occupied: 9 vacant
    new_plan(s["edu"], [(s["ref"].admin_q, "exam", 6)])
    plan, _ = new_plan(s["edu"], [])
    err = refused(lambda: services.create_line(StaffingPlanLine(plan_id=plan, quota_type_id=s["ref"].admin_q,
                                                                channel="transfer", planned=4)),
                  "staffing.plan_exceeds_vacancy")
    assert err.params == dict(institution="市教育局", quota_type="行政编制", approved=10, occupied=1, planned=6,
                              requested=4, excess=1)
    assert "超出 1" in err.message("zh") and "excess 1" in err.message("en")
    with transaction():  # exactly what is left is accepted
        services.create_line(StaffingPlanLine(plan_id=plan, quota_type_id=s["ref"].admin_q, channel="transfer",
                                              planned=3))


def test_a_rejected_plan_frees_what_it_held_and_filled_hires_stop_counting(staffing):
    s = staffing
    meeting = new_meeting()
    plan, _ = new_plan(s["edu"], [(s["ref"].admin_q, "exam", 10)])
    with transaction():
        p = db.session.get(StaffingPlan, plan)
        services.update_plan(p, meeting_id=meeting)
        services.submit_plan(p)
        services.decide_meeting(db.session.get(ReviewMeeting, meeting), doc_no="青编用〔2026〕2号", rejected=(plan,))
    assert db.session.get(StaffingPlan, plan).status == "rejected"
    assert services.outstanding(s["edu"], s["ref"].admin_q) == 0
    plan2, (line,) = new_plan(s["edu"], [(s["ref"].admin_q, "exam", 10)])
    approve(plan2, new_meeting())
    new_batch(line, s["exam"], 4, step="entered")
    # 10 approved, 4 occupied, 6 planned and not yet filled: nothing left
    assert services.outstanding(s["edu"], s["ref"].admin_q) == 6
    plan3, _ = new_plan(s["edu"], [])
    refused(lambda: services.create_line(StaffingPlanLine(plan_id=plan3, quota_type_id=s["ref"].admin_q,
                                                          channel="transfer", planned=1)),
            "staffing.plan_exceeds_vacancy")


def test_line_rules(staffing):
    s = staffing
    plan, (line,) = new_plan(s["edu"], [(s["ref"].admin_q, "exam", 2)])
    refused(lambda: services.create_line(StaffingPlanLine(plan_id=plan, quota_type_id=s["ref"].admin_q,
                                                          channel="exam", planned=1)), "staffing.line_duplicate")
    refused(lambda: services.create_line(StaffingPlanLine(plan_id=plan, quota_type_id=s["ref"].admin_q,
                                                          channel="exam2", planned=1)), "write.choice")
    refused(lambda: services.create_line(StaffingPlanLine(plan_id=plan, quota_type_id=s["ref"].admin_q,
                                                          channel="transfer", planned=0)),
            "staffing.planned_positive")
    # 混用: an organ's plan cannot plan 事业编制 hires
    refused(lambda: services.create_line(StaffingPlanLine(plan_id=plan, quota_type_id=s["ref"].inst_q,
                                                          channel="recruitment", planned=1)),
            "quota.misuse")
    refused(lambda: services.update_line(db.session.get(StaffingPlanLine, line), planned=11),
            "staffing.plan_exceeds_vacancy")
    with transaction():
        services.update_line(db.session.get(StaffingPlanLine, line), planned=10)
    assert db.session.get(StaffingPlanLine, line).planned == 10


def test_plan_steps_and_the_meeting(staffing):
    s = staffing
    meeting = new_meeting("2026年3月用编进人计划月专题会议")
    empty, _ = new_plan(s["edu"], [], meeting=meeting)
    refused(lambda: services.submit_plan(db.session.get(StaffingPlan, empty)), "staffing.plan_empty")
    plan, _ = new_plan(s["edu"], [(s["ref"].admin_q, "exam", 2)])
    refused(lambda: services.submit_plan(db.session.get(StaffingPlan, plan)), "staffing.plan_needs_meeting")
    refused(lambda: services.decide_meeting(db.session.get(ReviewMeeting, meeting)), "staffing.meeting_doc_no")
    refused(lambda: services.decide_meeting(db.session.get(ReviewMeeting, meeting), doc_no="青编用〔2026〕3号"),
            "staffing.meeting_no_plans")
    with transaction():
        p = db.session.get(StaffingPlan, plan)
        services.update_plan(p, meeting_id=meeting)
        services.submit_plan(p)
    refused(lambda: services.update_plan(db.session.get(StaffingPlan, plan), title="改"), "staffing.plan_not_draft")
    refused(lambda: services.delete_plan(db.session.get(StaffingPlan, plan)), "staffing.plan_not_draft")
    with transaction():
        services.decide_meeting(db.session.get(ReviewMeeting, meeting), doc_no="青编用〔2026〕3号")
    db.session.expire_all()
    p = db.session.get(StaffingPlan, plan)
    assert (p.status, p.decision_doc_no) == ("approved", "青编用〔2026〕3号")
    assert db.session.get(ReviewMeeting, meeting).status == "decided"
    refused(lambda: services.decide_meeting(db.session.get(ReviewMeeting, meeting), doc_no="x"),
            "staffing.meeting_decided")
    refused(lambda: services.save_meeting(db.session.get(ReviewMeeting, meeting), title="改"),
            "staffing.meeting_decided")
    refused(lambda: services.delete_meeting(db.session.get(ReviewMeeting, meeting)), "staffing.meeting_in_use")
    # a plan cannot go to a meeting already decided
    other, _ = new_plan(s["school"], [(s["ref"].inst_q, "recruitment", 1)])
    refused(lambda: services.update_plan(db.session.get(StaffingPlan, other), meeting_id=meeting),
            "staffing.meeting_decided")


def test_application_types_need_documents_and_a_known_channel(staffing):
    refused(lambda: services.save_application_type(ApplicationType(code="X", name="x", applicant_kind="graduate",
                                                                    channel="exam", required_documents=" \n ")),
            "write.required")
    refused(lambda: services.save_application_type(ApplicationType(code="X", name="x", applicant_kind="nobody",
                                                                    channel="exam", required_documents="a")),
            "write.choice")
    new_batch_type = staffing["exam"]
    line_plan, (line,) = new_plan(staffing["edu"], [(staffing["ref"].admin_q, "exam", 1)])
    approve(line_plan, new_meeting())
    new_batch(line, new_batch_type, 1)
    refused(lambda: services.delete_application_type(db.session.get(ApplicationType, new_batch_type)),
            "staffing.type_in_use")
