"""Entry filing (公示 → 申请 → 审核 → 入库), the certificate and exit filing:
each rule, each refusal named and leaving the database as it was."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from app.core.db import transaction
from app.execution.staffing_use import services
from app.execution.staffing_use.models import EntryBatch, EntryCandidate, ExitFiling, StaffingPlanLine
from app.extensions import db
from app.quota.models import Person, QuotaAllocation
from tests.execution.staffing_use.fixtures import refused as check_refused
from tests.execution.staffing_use.fixtures import DOCS, approved_line, new_batch, step_of
from tests.factories import new_person, valid_id_number


def snapshot():
    db.session.expire_all()
    return (db.session.execute(select(func.count()).select_from(Person)).scalar(),
            tuple(db.session.execute(select(QuotaAllocation.occupied).order_by(QuotaAllocation.id)).scalars()),
            tuple(db.session.execute(select(StaffingPlanLine.filled).order_by(StaffingPlanLine.id)).scalars()),
            tuple(db.session.execute(select(EntryBatch.step, EntryBatch.certificate_no)
                                     .order_by(EntryBatch.id)).all()),
            db.session.execute(select(func.count()).select_from(EntryCandidate)).scalar(),
            db.session.execute(select(func.count()).select_from(ExitFiling)).scalar())


def refused(work, key):
    return check_refused(work, key, snapshot)


def batch(pk):
    db.session.expire_all()
    return db.session.get(EntryBatch, pk)


def test_four_steps_enter_the_persons_and_issue_a_certificate(staffing):
    s = staffing
    line = approved_line(s["edu"], s["ref"].admin_q, 3)
    b = new_batch(line, s["exam"], 2, names={0: "李雷", 1: "韩梅梅"})
    assert step_of(b) == "publicity"
    for step in ("application", "review", "entered"):
        with transaction():
            services.advance(batch(b))
        assert step_of(b) == step
    got = batch(b)
    assert got.certificate_no.startswith("RB2026-") and got.entered_on == dt.date.today()
    persons = db.session.execute(select(Person).where(Person.institution_id == s["edu"])).scalars().all()
    assert sorted(p.name for p in persons) == ["李雷", "韩梅梅"]
    assert all(p.status == "active" and p.quota_type_id == s["ref"].admin_q for p in persons)
    assert {c.person_id for c in got.candidates} == {p.id for p in persons}
    assert db.session.get(StaffingPlanLine, line).filled == 2
    alloc = db.session.execute(select(QuotaAllocation).where(QuotaAllocation.institution_id == s["edu"])).scalar()
    assert alloc.occupied == 2
    refused(lambda: services.advance(batch(b)), "staffing.batch_step")
    refused(lambda: services.delete_batch(batch(b)), "staffing.batch_step")


def test_a_missing_required_document_is_refused_by_name(staffing):
    s = staffing
    line = approved_line(s["edu"], s["ref"].admin_q, 3)
    b = new_batch(line, s["exam"], 1, docs="报名登记表\n考察材料")
    err = refused(lambda: services.apply_batch(batch(b)), "staffing.documents_missing")
    assert "体检合格证明" in err.message("zh") and "体检合格证明" in err.message("en")
    with transaction():
        services.update_batch(batch(b), documents=DOCS)
        services.apply_batch(batch(b))
    assert step_of(b) == "application"


def test_publicity_must_be_over_and_the_batch_not_empty(staffing):
    s = staffing
    line = approved_line(s["edu"], s["ref"].admin_q, 3)
    b = new_batch(line, s["exam"], 0)
    refused(lambda: services.apply_batch(batch(b)), "staffing.batch_empty")
    with transaction():
        services.update_batch(batch(b), publicity_end=dt.date.today() + dt.timedelta(days=3))
        services.save_candidate(EntryCandidate(batch_id=b, name="甲", id_number=valid_id_number()))
    refused(lambda: services.apply_batch(batch(b)), "staffing.publicity_running")
    refused(lambda: services.update_batch(batch(b), publicity_end=dt.date(2025, 1, 1)), "staffing.publicity_order")


def test_batch_needs_an_approved_plan_and_a_type_of_its_channel(staffing):
    from tests.execution.staffing_use.fixtures import new_plan

    s = staffing
    _plan, (draft_line,) = new_plan(s["edu"], [(s["ref"].admin_q, "exam", 1)])
    start = dt.date(2026, 1, 1)
    refused(lambda: services.create_batch(EntryBatch(title="x", plan_line_id=draft_line, application_type_id=s["exam"],
                                                     publicity_start=start, publicity_end=start)),
            "staffing.plan_not_approved")
    line = approved_line(s["school"], s["ref"].inst_q, 1, channel="recruitment")
    refused(lambda: services.create_batch(EntryBatch(title="x", plan_line_id=line, application_type_id=s["exam"],
                                                     publicity_start=start, publicity_end=start)),
            "staffing.type_channel")


def test_candidates_need_a_valid_unique_id_number(staffing):
    s = staffing
    line = approved_line(s["edu"], s["ref"].admin_q, 3)
    b = new_batch(line, s["exam"], 0)
    number = valid_id_number()
    refused(lambda: services.save_candidate(EntryCandidate(batch_id=b, name="甲", id_number=number[:17] + "0"
                                                           if number[17] != "0" else number[:17] + "1")),
            "ric.invalid")
    with transaction():
        services.save_candidate(EntryCandidate(batch_id=b, name="甲", id_number=number))
    refused(lambda: services.save_candidate(EntryCandidate(batch_id=b, name="乙", id_number=number)),
            "staffing.candidate_duplicate")


def test_entry_is_all_or_nothing_under_the_quota_invariants(staffing):
    s = staffing
    line = approved_line(s["fin"], s["ref"].admin_q, 5)
    b = new_batch(line, s["exam"], 3, step="review")
    for _ in range(3):  # persons entered outside the plan leave two vacancies
        new_person(s["fin"], s["ref"].admin_q)
    err = refused(lambda: services.enter_batch(batch(b)), "quota.over_quota_entry")
    assert "超出 1" in err.message("zh")
    assert step_of(b) == "review"


def test_a_person_already_in_post_stops_the_whole_batch(staffing):
    s = staffing
    line = approved_line(s["edu"], s["ref"].admin_q, 3)
    b = new_batch(line, s["exam"], 2, step="review")
    taken = batch(b).candidates[1].id_number
    new_person(s["fin"], s["ref"].admin_q, id_number=taken)
    refused(lambda: services.enter_batch(batch(b)), "person.duplicate_active")


def test_a_batch_beyond_its_plan_line_is_refused(staffing):
    s = staffing
    line = approved_line(s["edu"], s["ref"].admin_q, 3)
    first = new_batch(line, s["exam"], 2, step="review")
    second = new_batch(line, s["exam"], 2, step="review")
    with transaction():
        services.enter_batch(batch(first))
    err = refused(lambda: services.enter_batch(batch(second)), "staffing.line_exhausted")
    assert err.params["filled"] == 2 and err.params["requested"] == 2


def test_exit_filing_frees_the_quota_once(staffing):
    s = staffing
    line = approved_line(s["fin"], s["ref"].admin_q, 5)
    b = new_batch(line, s["exam"], 5, step="entered")
    person = batch(b).candidates[0].person_id
    with transaction():
        services.create_exit_filing(ExitFiling(person_id=person, exit_date=dt.date.today(),
                                               exit_reason="retired", doc_no="青编出〔2026〕1号"))
    alloc = db.session.execute(select(QuotaAllocation).where(QuotaAllocation.institution_id == s["fin"])).scalar()
    db.session.refresh(alloc)
    assert (alloc.approved, alloc.occupied) == (5, 4)
    assert db.session.get(Person, person).status == "exited"
    refused(lambda: services.create_exit_filing(ExitFiling(person_id=person, exit_date=dt.date.today(),
                                                           exit_reason="retired")), "staffing.person_not_active")
    other = batch(b).candidates[1].person_id
    refused(lambda: services.create_exit_filing(ExitFiling(person_id=other, exit_date=dt.date.today(),
                                                           exit_reason="bored")), "write.choice")
    filing = db.session.execute(select(ExitFiling)).scalar()
    refused(lambda: services.refuse_exit_filing_change(filing), "staffing.exit_filing_fixed")
