"""用编进人 under parallel requests: real threads, real database (SQLite file or
PostgreSQL)."""
from __future__ import annotations

from sqlalchemy import func, select

from app.execution.staffing_use import services
from app.execution.staffing_use.models import EntryBatch, StaffingPlan, StaffingPlanLine
from app.extensions import db
from app.quota.models import Person, QuotaAllocation
from tests.execution.staffing_use.fixtures import approved_line, new_batch, new_plan
from tests.factories import give_quota, new_person
from tests.races import ATTEMPTS, FREE, assert_chain_intact, race


def test_plan_lines_race_for_the_vacancy(app, staffing):
    s = staffing
    give_quota(s["fin"], s["ref"].admin_q, FREE - 5)  # 10 vacant
    plans = [new_plan(s["fin"], [])[0] for _ in range(ATTEMPTS)]

    def attempt(i):
        services.create_line(StaffingPlanLine(plan_id=plans[i], quota_type_id=s["ref"].admin_q, channel="exam",
                                              planned=1))

    assert race(app, attempt) == (FREE, ATTEMPTS - FREE)
    assert services.outstanding(s["fin"], s["ref"].admin_q) == FREE
    assert db.session.execute(select(func.count()).select_from(StaffingPlanLine)).scalar() == FREE
    assert_chain_intact()


def test_two_batches_for_the_last_vacancy_exactly_one_enters(app, staffing):
    s = staffing
    first = approved_line(s["fin"], s["ref"].admin_q, 1)
    for _ in range(4):
        new_person(s["fin"], s["ref"].admin_q)  # 5 approved, 4 occupied, 1 planned: the last vacancy
    # a second line cannot be planned; its batch is on a line planned before the persons entered
    second = db.session.execute(select(StaffingPlanLine.id).where(StaffingPlanLine.id != first)).scalar()
    assert second is None
    other_line = approved_line(s["edu"], s["ref"].admin_q, 1)
    batches = [new_batch(first, s["exam"], 1, step="review"), new_batch(first, s["exam"], 1, step="review")]
    bystander = new_batch(other_line, s["exam"], 1, step="review")

    def attempt(i):
        services.enter_batch(db.session.get(EntryBatch, batches[i]))

    assert race(app, attempt, attempts=2) == (1, 1)
    db.session.expire_all()
    steps = sorted(db.session.execute(select(EntryBatch.step).where(EntryBatch.id.in_(batches))).scalars())
    assert steps == ["entered", "review"]
    alloc = db.session.execute(select(QuotaAllocation).where(QuotaAllocation.institution_id == s["fin"])).scalar()
    assert (alloc.approved, alloc.occupied) == (5, 5)
    assert db.session.get(StaffingPlanLine, first).filled == 1
    assert db.session.execute(select(func.count()).select_from(Person)
                              .where(Person.institution_id == s["fin"])).scalar() == 5
    assert db.session.get(EntryBatch, bystander).step == "review"
    assert_chain_intact()


def test_the_last_vacancy_against_persons_entered_directly(app, staffing):
    """Batches of one on separate lines race with direct person entries for 3 slots."""
    s = staffing
    line = approved_line(s["edu"], s["ref"].admin_q, 10)  # 10 approved, all planned
    batches = [new_batch(line, s["exam"], 1, step="review") for _ in range(8)]
    from app.quota import services as quota
    from tests.factories import valid_id_number

    numbers = [valid_id_number() for _ in range(8)]

    def attempt(i):
        if i % 2:
            services.enter_batch(db.session.get(EntryBatch, batches[i // 2]))
        else:
            quota.create_person(Person(name=f"直{i}", id_number=numbers[i // 2], institution_id=s["edu"],
                                       quota_type_id=s["ref"].admin_q))

    assert race(app, attempt, attempts=16) == (10, 6)
    db.session.expire_all()
    alloc = db.session.execute(select(QuotaAllocation).where(QuotaAllocation.institution_id == s["edu"])).scalar()
    entered = db.session.execute(select(func.count()).select_from(EntryBatch)
                                 .where(EntryBatch.step == "entered")).scalar()
    assert alloc.occupied == 10
    assert db.session.get(StaffingPlanLine, line).filled == entered
    assert_chain_intact()


def test_sixteen_requests_enter_one_batch_once(app, staffing):
    s = staffing
    line = approved_line(s["edu"], s["ref"].admin_q, 3)
    b = new_batch(line, s["exam"], 3, step="review")

    def attempt(i):
        services.enter_batch(db.session.get(EntryBatch, b))

    assert race(app, attempt, attempts=16) == (1, 15)
    db.session.expire_all()
    assert db.session.get(StaffingPlanLine, line).filled == 3
    assert db.session.execute(select(func.count()).select_from(Person)).scalar() == 3
    assert db.session.execute(select(StaffingPlan.status)).scalar() == "approved"
    assert_chain_intact()
