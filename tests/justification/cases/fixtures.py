"""A small world for case tests: a city with a regional cap, a department with a
sub-unit and a foreign department, office divisions that countersign, one user
per role, and the default workflow of seeds/workflow.py."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import func, select, update

from app.approval.models import CaseEvaluation
from app.core.audit import AuditLog
from app.core.db import transaction
from app.extensions import db
from app.justification.cases import services as cases
from app.justification.cases.models import AdjustmentCase, CaseChange, CasePost
from app.office.models import DivisionMember, OfficeDivision
from app.quota.models import QuotaAllocation, QuotaLedgerEntry, RegionalCap
from app.workflow.models import WorkflowHistory
from seeds.workflow import load_default_workflow
from tests.conftest import login
from tests.factories import Ref, give_quota, make_reference, make_user, new_institution, set_regional_cap


@dataclass
class World:
    ref: Ref
    dept: int  # the department that files
    unit: int  # a unit under it
    foreign: int  # another department
    cap: int  # regional cap id (行政编制, city)
    div_a: int
    div_b: int
    users: dict  # role name -> user id


def _user(app, name):
    from flask_appbuilder.security.sqla.models import User

    return db.session.query(User).filter_by(username=name).one()


def make_world(app) -> World:
    ref = make_reference()
    dept = new_institution(ref, "市教育局")
    unit = new_institution(ref, "市教育局机关服务中心", parent=dept)
    foreign = new_institution(ref, "市民政局")
    cap = set_regional_cap(ref.city, ref.admin_q, 40)
    give_quota(dept, ref.admin_q, 10)
    give_quota(foreign, ref.admin_q, 10)
    users = {
        "admin": make_user(app, "case_admin", "admin"),
        "staff": make_user(app, "case_staff", "staff"),
        "staff2": make_user(app, "case_staff2", "staff"),
        "leader": make_user(app, "case_leader", "leader"),
        "department": make_user(app, "case_dept", "department", dept),
        "foreign": make_user(app, "case_foreign", "department", foreign),
        "inspector": make_user(app, "case_inspector", "inspector"),
    }
    with transaction():
        a = OfficeDivision(code="jgbz", name="机关编制处", sort=1)
        b = OfficeDivision(code="sybz", name="事业编制处", sort=2)
        db.session.add_all([a, b])
        db.session.flush()
        db.session.add_all([DivisionMember(division_id=a.id, user_id=users["staff"]),
                            DivisionMember(division_id=b.id, user_id=users["staff2"])])
        db.session.flush()
        load_default_workflow(("jgbz", "sybz"))
        div_a, div_b = a.id, b.id
    return World(ref, dept, unit, foreign, cap, div_a, div_b, users)


@pytest.fixture()
def world(app, app_ctx) -> World:
    return make_world(app)


def user(world: World, role: str):
    from flask_appbuilder.security.sqla.models import User

    return db.session.get(User, world.users[role])


def file_case(world: World, *, delta: int = 3, case_type: str = "staffing_increase", institution: int | None = None,
              changes: list[dict] | None = None, posts: list[tuple[str, int]] = ()) -> int:
    """A case as a department would file it, with its structured changes."""
    with transaction():
        case = cases.create_case(AdjustmentCase(title=f"增编申请 {delta}", case_type=case_type,
                                                institution_id=institution or world.dept, reasons="业务量增加"),
                                 user(world, "department"))
        for spec in changes if changes is not None else [
                {"kind": "ledger_delta", "institution_id": institution or world.dept,
                 "quota_type_id": world.ref.admin_q, "amount": delta}]:
            cases.save_change(CaseChange(case_id=case.id, **spec))
        for name, hours in posts:
            cases.save_post(CasePost(case_id=case.id, name=name, annual_hours=hours))
        return case.id


def fire(world: World, case_id: int, transition: str, role: str, **kw):
    with transaction():
        case = db.session.get(AdjustmentCase, case_id)
        return cases.transition(case, transition, user(world, role), **kw)


def countersign_all(world: World, case_id: int):
    with transaction():
        case = db.session.get(AdjustmentCase, case_id)
        cases.countersign(case, world.div_a, user(world, "staff"), agree=True)
        cases.countersign(case, world.div_b, user(world, "staff2"), agree=True)


def walk_to_office_meeting(world: World, case_id: int) -> None:
    for t, role in (("submit", "department"), ("accept", "staff"), ("start_justification", "staff"),
                    ("to_review", "staff")):
        fire(world, case_id, t, role)
    countersign_all(world, case_id)
    fire(world, case_id, "review_pass", "staff")


def state(case_id):
    db.session.expire_all()
    return db.session.get(AdjustmentCase, case_id).state.code


def approved(inst_id, qt):
    return db.session.execute(select(QuotaAllocation.approved).where(
        QuotaAllocation.institution_id == inst_id, QuotaAllocation.quota_type_id == qt)).scalar() or 0


def snapshot(world):
    """Everything an apply could touch, to compare before and after a refusal."""
    db.session.expire_all()
    return {
        "allocations": sorted(db.session.execute(select(QuotaAllocation.institution_id, QuotaAllocation.quota_type_id,
                                                        QuotaAllocation.approved, QuotaAllocation.occupied)).all()),
        "ledger": db.session.execute(select(func.count(QuotaLedgerEntry.id))).scalar(),
        "caps": sorted(db.session.execute(select(RegionalCap.id, RegionalCap.used)).all()),
        "history": db.session.execute(select(func.count(WorkflowHistory.id))).scalar(),
        "audit": db.session.execute(select(func.count(AuditLog.id))).scalar(),
        "evaluations": db.session.execute(select(func.count(CaseEvaluation.id))).scalar(),
        "states": sorted(db.session.execute(select(AdjustmentCase.id, AdjustmentCase.state_id)).all()),
    }


PASSWORD_ROLES = {"department": "case_dept", "foreign": "case_foreign", "staff": "case_staff",
                  "staff2": "case_staff2", "leader": "case_leader", "admin": "case_admin",
                  "inspector": "case_inspector"}


def client_for(app, role):
    client = app.test_client()
    assert login(client, PASSWORD_ROLES[role]).status_code == 302
    return client


# Display names of the case world's accounts (issue #11: actors by display name).
NAMES = {"case_staff": ("王", "处员"), "case_staff2": ("赵", "处员"), "case_leader": ("李", "主任"),
         "case_dept": ("教育局", "经办")}


def name_users():
    """The case world's accounts with Chinese display names (the pages must show these)."""
    from flask_appbuilder.security.sqla.models import User

    with transaction():
        for account, (first, last) in NAMES.items():
            db.session.execute(update(User).where(User.username == account).values(first_name=first, last_name=last))
