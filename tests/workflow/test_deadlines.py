"""Issue #14 §5: step deadlines in working days, escalation to the lead leader once
per step, delegations (代办) and acting on behalf — on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from sqlalchemy import func, select, update

from app.core.audit import AuditLog
from app.core.db import transaction
from app.core.errors import DomainError
from app.core.workdays import add_working_days
from app.core.workdays.models import Holiday
from app.core.workdays.services import create_holiday, load_from_package
from app.extensions import db
from app.justification.cases.models import AdjustmentCase
from app.supervision.findings.models import Finding
from app.supervision.verification import engine as verification
from app.supervision.verification.models import VerificationRule
from app.workflow import deadlines, delegations, engine
from app.workflow.models import (
    Countersignature,
    Delegation,
    Workflow,
    WorkflowEscalation,
    WorkflowHistory,
    WorkflowState,
)
from tests.factories import make_user
from tests.justification.cases.fixtures import client_for, file_case, fire, state, user
from tests.races import race

TODAY = dt.date.today()


def _calendar():
    """2025 and 2026 from chinese-calendar; a later year the package does not know
    yet (this suite may run in December) held by its New Year's Day, a holiday every
    year, so that a deadline from today never runs into a missing year."""
    with transaction():
        load_from_package({2025, 2026})
        for year in range(2027, TODAY.year + 2):
            create_holiday(Holiday(day=dt.date(year, 1, 1), day_kind="off", name="元旦"))


def _limit(code: str, days: int | None) -> None:
    with transaction():
        db.session.execute(update(WorkflowState).where(WorkflowState.code == code).values(time_limit_days=days))


def _lead(world, role="leader") -> None:
    with transaction():
        db.session.execute(update(Workflow).values(lead_leader_id=world.users[role]))


def _expected_after(start: dt.date, n: int) -> dt.date:
    day = start
    while n:
        day += dt.timedelta(days=1)
        n -= chinese_calendar.is_workday(day)
    return day


def _weekdays_after(start: dt.date, n: int) -> dt.date:
    day = start
    while n:
        day += dt.timedelta(days=1)
        n -= day.weekday() < 5
    return day


def _delegate(delegator: int, delegate: int, role: str, start=TODAY, end=None) -> Delegation:
    from flask_appbuilder.security.sqla.models import Role

    role_id = db.session.execute(select(Role.id).where(Role.name == role)).scalar_one()
    with transaction():
        return delegations.create_delegation(Delegation(delegator_id=delegator, delegate_id=delegate,
                                                        role_id=role_id, start_on=start,
                                                        end_on=end or start + dt.timedelta(days=10)))


def _count(model) -> int:
    db.session.expire_all()
    return db.session.execute(select(func.count()).select_from(model)).scalar_one()


# ---------------------------------------------------------------------------
# Deadlines
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("start", [dt.date(2025, 9, 26), dt.date(2026, 9, 25), dt.date(2026, 2, 6),
                                   dt.date(2025, 12, 31)])
def test_twenty_working_days_across_national_day_and_spring_festival(world, start):
    _calendar()
    _limit("submitted", 20)
    submitted = db.session.execute(select(WorkflowState).where(WorkflowState.code == "submitted")).scalar_one()
    due = engine.step_due(submitted, start)
    assert due == _expected_after(start, 20)  # the State Council's arrangement, as the package knows it
    assert due > _weekdays_after(start, 20)  # the holiday week is not counted (调休 Saturdays are)
    if start == dt.date(2025, 9, 26):
        assert due == dt.date(2025, 10, 30)  # Sep 28 and Oct 11 worked, Oct 1–8 off


def test_entering_a_state_with_a_limit_sets_the_steps_deadline_and_the_case_page_shows_it(app, world):
    _calendar()
    _limit("submitted", 5)
    case_id = file_case(world)
    entry = fire(world, case_id, "submit", "department")
    assert entry.due_on == add_working_days(TODAY, 5)
    draft = db.session.execute(select(WorkflowHistory.due_on).where(WorkflowHistory.subject_id == case_id)
                               .order_by(WorkflowHistory.id).limit(1)).scalar_one()
    assert draft is None  # no limit on 草拟
    page = client_for(app, "staff").get(f"/adjustmentcaseview/show/{case_id}").get_data(as_text=True)
    assert add_working_days(TODAY, 5).isoformat() in page and "个工作日" in page


def test_a_time_limit_out_of_range_is_refused(world):
    st = db.session.execute(select(WorkflowState).where(WorkflowState.code == "submitted")).scalar_one()
    from app.workflow import services

    with pytest.raises(DomainError) as err:
        with transaction():
            st.time_limit_days = 0
            services.save_state(st)
    assert err.value.key == "workflow.time_limit" and "工作日" in err.value.message("zh")
    db.session.expire_all()
    assert db.session.get(WorkflowState, st.id).time_limit_days is None


# ---------------------------------------------------------------------------
# Escalation
# ---------------------------------------------------------------------------


def _run(period: str, today: dt.date):
    with transaction():
        verification.sync_rules()
        db.session.execute(update(VerificationRule).values(deadline_days=0))
    verification.run_all(node="test", period=period, today=today, codes=["workflow_overdue"])
    db.session.expire_all()


def test_an_overdue_step_is_escalated_to_the_lead_leader_once_under_re_runs(app, world):
    _calendar()
    _limit("submitted", 3)
    _lead(world)
    case_id = file_case(world)
    entry = fire(world, case_id, "submit", "department")
    due = entry.due_on
    _run("p0", due)  # on the due day: not overdue yet
    assert _count(WorkflowEscalation) == 0
    late = due + dt.timedelta(days=1)
    for period in ("p1", "p2", "p3"):
        _run(period, late)
    escalation = db.session.execute(select(WorkflowEscalation)).scalar_one()
    assert (escalation.entry_id, escalation.leader_id, escalation.due_on) == (entry.id, world.users["leader"], due)
    # twice more, directly, in one transaction: the unique step key holds
    with transaction():
        assert deadlines.escalate(db.session, late) == []
        assert deadlines.escalate(db.session, late + dt.timedelta(days=5)) == []
    assert _count(WorkflowEscalation) == 1
    audits = db.session.execute(select(AuditLog).where(AuditLog.action == "escalate")).scalars().all()
    assert [(a.object_type, str(a.object_id)) for a in audits] == [("adjustment_case", str(case_id))]
    finding = db.session.execute(select(Finding).where(Finding.source_key.startswith("workflow_overdue:"))) \
        .scalar_one()
    assert finding.state == "open" and "超过期限" in finding.title
    assert finding.detail.endswith(f"办理期限 {due.isoformat()}, 已报用户 #{world.users['leader']} 督办")
    # the lead leader's to-do and the case page
    home = client_for(app, "leader").get("/dashboards/").get_data(as_text=True)
    assert "督办给您的超期环节" in home
    assert db.session.execute(deadlines.open_escalations([world.users["leader"]])).scalar_one() == 1
    todo_page = client_for(app, "leader").get("/todo/").get_data(as_text=True)  # the 待办 page, one row
    assert "督办给您的超期环节" in todo_page and f"/workflowescalationview/show/{escalation.id}" in todo_page
    page = client_for(app, "staff").get(f"/adjustmentcaseview/show/{case_id}").get_data(as_text=True)
    assert "case_leader" in page and "escalation" in page
    # the step is done: the finding resolves, the escalation is no longer open, nothing new
    fire(world, case_id, "accept", "staff")
    _run("p4", late)
    assert db.session.get(Finding, finding.id).state == "rectified"
    assert db.session.execute(deadlines.open_escalations([world.users["leader"]])).scalar_one() == 0
    assert _count(WorkflowEscalation) == 1


def test_a_returned_and_resubmitted_case_is_a_new_step(world):
    _calendar()
    _limit("submitted", 1)
    _lead(world)
    case_id = file_case(world)
    first = fire(world, case_id, "submit", "department")
    fire(world, case_id, "return_submitted", "staff", comment="补正")
    second = fire(world, case_id, "resubmit", "department")
    late = max(first.due_on, second.due_on) + dt.timedelta(days=3)
    with transaction():
        new = deadlines.escalate(db.session, late)
        again = deadlines.escalate(db.session, late)
    assert len(new) == 1 and again == []  # only the current step (the first was left in time)
    assert db.session.execute(select(WorkflowEscalation.entry_id)).scalar_one() == second.id


# ---------------------------------------------------------------------------
# Delegation
# ---------------------------------------------------------------------------


def test_a_delegate_acts_on_behalf_recorded_in_history_audit_and_page(app, world):
    _delegate(world.users["staff"], world.users["staff2"], "staff")
    case_id = file_case(world)
    fire(world, case_id, "submit", "department")
    entry = fire(world, case_id, "accept", "staff2", on_behalf_of=world.users["staff"])
    assert (entry.actor_id, entry.on_behalf_of_id) == (world.users["staff2"], world.users["staff"])
    # the logins stay stored; the history reads them as display names (the factory's "<login>test")
    assert (entry.actor_name, entry.on_behalf_of_name) == ("case_staff2", "case_staff")
    assert entry.actor_label == "case_staff2test（代 case_stafftest）"
    audit = db.session.execute(select(AuditLog).where(AuditLog.action == "transition")
                               .order_by(AuditLog.id.desc()).limit(1)).scalar_one()
    assert "case_staff" in audit.after and "on_behalf_of" in audit.after
    page = client_for(app, "staff").get(f"/adjustmentcaseview/show/{case_id}").get_data(as_text=True)
    assert "case_staff2test（代 case_stafftest）" in page
    # the delegate's page offers to act on behalf
    page = client_for(app, "staff2").get(f"/adjustmentcaseview/show/{case_id}").get_data(as_text=True)
    assert 'name="on_behalf_of"' in page


def test_a_countersign_on_behalf_needs_both_in_the_division(world):
    from app.office.models import DivisionMember

    with transaction():  # staff2 joins 机关编制处 too
        db.session.add(DivisionMember(division_id=world.div_a, user_id=world.users["staff2"]))
    _delegate(world.users["staff"], world.users["staff2"], "staff")
    case_id = file_case(world)
    for t, role in (("submit", "department"), ("accept", "staff"), ("start_justification", "staff"),
                    ("to_review", "staff")):
        fire(world, case_id, t, role)
    with transaction():
        sig = engine.countersign(db.session.get(AdjustmentCase, case_id), world.div_a, user(world, "staff2"),
                                 agree=True, on_behalf_of=world.users["staff"])
    assert db.session.get(Countersignature, sig.id).on_behalf_of_id == world.users["staff"]
    with pytest.raises(DomainError) as err:  # staff is not in 事业编制处
        with transaction():
            engine.countersign(db.session.get(AdjustmentCase, case_id), world.div_b, user(world, "staff2"),
                               agree=True, on_behalf_of=world.users["staff"])
    assert err.value.key == "workflow.countersign_not_member"


def _snapshot():
    db.session.expire_all()
    return (sorted(db.session.execute(select(Delegation.id, Delegation.revoked_at)).all()),
            db.session.execute(select(func.count(AuditLog.id))).scalar_one(),
            sorted(db.session.execute(select(AdjustmentCase.id, AdjustmentCase.state_id)).all()),
            db.session.execute(select(func.count(WorkflowHistory.id))).scalar_one())


def test_refusals_change_nothing(app, world):
    leader2 = make_user(app, "case_leader2", "leader")
    staff, staff2, dept = world.users["staff"], world.users["staff2"], world.users["department"]
    _delegate(staff, staff2, "staff", TODAY, TODAY + dt.timedelta(days=5))
    case_id = file_case(world)
    fire(world, case_id, "submit", "department")
    before = _snapshot()
    cases = [
        ((staff, staff, "staff"), "delegation.self"),
        ((staff, dept, "staff"), "delegation.delegate_lacks_role"),
        ((staff, staff2, "staff", TODAY + dt.timedelta(days=5), TODAY + dt.timedelta(days=9)), "delegation.overlap"),
        ((staff, staff2, "staff", TODAY + dt.timedelta(days=3), TODAY + dt.timedelta(days=1)),
         "delegation.end_before_start"),
        ((staff, staff2, "leader"), "delegation.delegator_lacks_role"),
        ((world.users["leader"], staff2, "leader"), "delegation.signoff_role"),  # 一支笔: only to a leader
    ]
    for args, key in cases:
        with pytest.raises(DomainError) as err:
            _delegate(*args)
        assert err.value.key == key, key
        assert err.value.message("zh") and err.value.message("en") != err.value.message("zh")
    # acting on behalf without a delegation, or for a transition the delegated role does not fire
    for role, behalf in (("staff", leader2), ("staff2", dept)):
        with pytest.raises(DomainError) as err:
            fire(world, case_id, "accept", role, on_behalf_of=behalf)
        assert err.value.key == "delegation.none_active"
    assert _snapshot() == before
    assert state(case_id) == "submitted"


def test_the_sign_off_is_delegated_only_to_another_sign_off_holder(app, world):
    leader2 = make_user(app, "case_leader2", "leader")
    _delegate(world.users["leader"], leader2, "leader")
    case_id = file_case(world, delta=2)
    from tests.justification.cases.fixtures import walk_to_office_meeting

    walk_to_office_meeting(world, case_id)
    from flask_appbuilder.security.sqla.models import User

    with transaction():
        case = db.session.get(AdjustmentCase, case_id)
        entry = engine.fire(case, "office_approve", db.session.get(User, leader2), doc_no="青编办字〔2026〕9号",
                            on_behalf_of=world.users["leader"])
    assert entry.on_behalf_of_id == world.users["leader"] and entry.transition.is_signoff
    assert state(case_id) == "approved"


def test_two_parallel_delegations_for_one_user_and_period_one_is_refused(app, world):
    from flask_appbuilder.security.sqla.models import Role

    role_id = db.session.execute(select(Role.id).where(Role.name == "staff")).scalar_one()
    staff, staff2 = world.users["staff"], world.users["staff2"]

    def attempt(i):
        delegations.create_delegation(Delegation(delegator_id=staff, delegate_id=staff2, role_id=role_id,
                                                 start_on=TODAY + dt.timedelta(days=i % 3),
                                                 end_on=TODAY + dt.timedelta(days=7)))

    granted, refused = race(app, attempt, attempts=8)
    assert (granted, refused) == (1, 7)
    assert _count(Delegation) == 1


def test_a_department_user_sees_and_revokes_only_their_own(app, world):
    d = _delegate(world.users["staff"], world.users["staff2"], "staff")
    dept = client_for(app, "department")
    assert "case_staff2" not in dept.get("/delegationview/list/").get_data(as_text=True)
    assert dept.get(f"/delegationview/show/{d.id}").status_code == 404
    from tests.conftest import api_token

    token = api_token(dept, "case_dept")
    headers = {"Authorization": f"Bearer {token}"}
    assert dept.get(f"/api/v1/delegation/{d.id}", headers=headers).status_code == 404
    assert dept.get("/api/v1/delegation/", headers=headers).get_json()["count"] == 0
    assert dept.delete(f"/api/v1/delegation/{d.id}", headers=headers).status_code == 404
    db.session.expire_all()
    assert db.session.get(Delegation, d.id).revoked_at is None
    # the delegate sees it, cannot revoke it; the delegator can
    staff2 = client_for(app, "staff2")
    assert "case_staff2" in staff2.get("/delegationview/list/").get_data(as_text=True)
    token2 = api_token(staff2, "case_staff2")
    refused = staff2.delete(f"/api/v1/delegation/{d.id}", headers={"Authorization": f"Bearer {token2}"})
    assert refused.status_code == 403
    db.session.expire_all()
    assert db.session.get(Delegation, d.id).revoked_at is None
    owner = client_for(app, "staff")
    token3 = api_token(owner, "case_staff")
    assert owner.delete(f"/api/v1/delegation/{d.id}", headers={"Authorization": f"Bearer {token3}"}) \
        .status_code == 200
    db.session.expire_all()
    assert db.session.get(Delegation, d.id).revoked_at is not None
    # a department user delegates their own to-do through the page's API
    other = make_user(app, "case_dept2", "department", world.dept)
    created = dept.post("/api/v1/delegation/", headers=headers,
                        json={"delegate": other, "role": _role_id("department"), "start_on": TODAY.isoformat(),
                              "end_on": (TODAY + dt.timedelta(days=2)).isoformat()})
    assert created.status_code == 201, created.get_data(as_text=True)
    row = db.session.execute(select(Delegation).where(Delegation.delegate_id == other)).scalar_one()
    assert row.delegator_id == world.users["department"]


def _role_id(name):
    from flask_appbuilder.security.sqla.models import Role

    return db.session.execute(select(Role.id).where(Role.name == name)).scalar_one()


def test_a_deadline_in_a_year_the_calendar_lacks_is_pending_not_a_refusal(app, world):
    """The case moves on; the step shows its limit and the year to enter; once the
    administrator enters the year, the escalation run computes the due date."""
    with transaction():
        load_from_package({2025})  # 2026 and later missing
    _limit("submitted", 5)
    case_id = file_case(world)
    entry = fire(world, case_id, "submit", "department")
    assert state(case_id) == "submitted" and entry.due_on is None
    page = client_for(app, "staff").get(f"/adjustmentcaseview/show/{case_id}").get_data(as_text=True)
    assert "办理时限 5 个工作日" in page and f"尚无 {TODAY.year} 年的节假日安排" in page
    _calendar()  # the administrator enters the years
    _run("p-fill", TODAY)
    due = db.session.execute(select(WorkflowHistory.due_on).where(WorkflowHistory.id == entry.id)).scalar_one()
    assert due == add_working_days(entry.at.date(), 5)
    page = client_for(app, "staff").get(f"/adjustmentcaseview/show/{case_id}").get_data(as_text=True)
    assert due.isoformat() in page
