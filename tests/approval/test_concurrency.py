"""Parallel approvals with real threads (SQLite file or PostgreSQL)."""
from __future__ import annotations

from sqlalchemy import func, select

from app.core.db import transaction
from app.extensions import db
from app.justification.cases import services as cases
from app.justification.cases.models import AdjustmentCase
from app.office.models import DivisionMember
from app.quota.models import QuotaLedgerEntry, RegionalCap
from app.workflow.models import Countersignature, WorkflowHistory
from tests.justification.cases.fixtures import file_case, fire, walk_to_office_meeting
from tests.factories import give_quota
from tests.races import assert_chain_intact, race


def test_cases_racing_for_the_last_vacancy_exactly_one_is_applied(app, world):
    give_quota(world.foreign, world.ref.admin_q, 19)  # 39 of the city's 40: one slot left
    racers = [file_case(world, delta=1) for _ in range(8)]
    for case_id in racers:
        walk_to_office_meeting(world, case_id)
    leader = world.users["leader"]

    def attempt(i):
        from flask_appbuilder.security.sqla.models import User

        case = db.session.get(AdjustmentCase, racers[i])
        cases.transition(case, "office_approve", db.session.get(User, leader), doc_no=f"R-{i}")

    assert race(app, attempt, attempts=len(racers)) == (1, len(racers) - 1)
    db.session.expire_all()
    states = db.session.execute(select(AdjustmentCase.state_id, func.count()).where(
        AdjustmentCase.id.in_(racers)).group_by(AdjustmentCase.state_id)).all()
    assert sorted(n for _, n in states) == [1, 7]
    assert db.session.get(RegionalCap, world.cap).used == 40
    applied = db.session.execute(select(func.count()).where(AdjustmentCase.id.in_(racers),
                                                            AdjustmentCase.applied_at.is_not(None))).scalar()
    assert applied == 1
    assert_chain_intact()


def test_one_case_approved_by_many_at_once_is_applied_once(app, world):
    case_id = file_case(world, delta=2)
    walk_to_office_meeting(world, case_id)
    leader = world.users["leader"]
    ledger_before = db.session.execute(select(func.count(QuotaLedgerEntry.id))).scalar()

    def attempt(i):
        from flask_appbuilder.security.sqla.models import User

        cases.transition(db.session.get(AdjustmentCase, case_id), "office_approve", db.session.get(User, leader),
                         doc_no=f"D-{i}")

    assert race(app, attempt, attempts=16) == (1, 15)
    db.session.expire_all()
    assert db.session.execute(select(func.count(QuotaLedgerEntry.id))).scalar() == ledger_before + 1
    approvals = db.session.execute(select(func.count(WorkflowHistory.id)).where(
        WorkflowHistory.subject_id == case_id, WorkflowHistory.doc_no.is_not(None))).scalar()
    assert approvals == 1
    assert_chain_intact()


def test_two_members_of_one_division_countersign_once(app, world):
    with transaction():
        db.session.add(DivisionMember(division_id=world.div_a, user_id=world.users["staff2"]))
    case_id = file_case(world)
    for t, role in (("submit", "department"), ("accept", "staff"), ("start_justification", "staff"),
                    ("to_review", "staff")):
        fire(world, case_id, t, role)
    members = [world.users["staff"], world.users["staff2"]]

    def attempt(i):
        from flask_appbuilder.security.sqla.models import User

        cases.countersign(db.session.get(AdjustmentCase, case_id), world.div_a,
                          db.session.get(User, members[i % 2]), agree=True)

    assert race(app, attempt, attempts=8) == (1, 7)
    assert db.session.execute(select(func.count(Countersignature.id))).scalar() == 1
