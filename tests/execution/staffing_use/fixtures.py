"""Factories for 用编进人, through the real services inside ``transaction()``:
an application type, a meeting, an approved plan line, a batch ready for the
next step."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import select

from app.core.db import transaction
from app.core.errors import DomainError
from app.execution.staffing_use import services
from app.execution.staffing_use.models import (
    ApplicationType,
    EntryBatch,
    EntryCandidate,
    ReviewMeeting,
    StaffingPlan,
    StaffingPlanLine,
)
from app.extensions import db
from tests.conftest import login
from tests.factories import give_quota, make_user, new_institution, valid_id_number

DOCS = "报名登记表\n体检合格证明\n考察材料"
PAST = dt.date(2026, 1, 5)
_serial = itertools.count(1)


def new_type(code="EX01", channel="exam", docs=DOCS) -> int:
    with transaction():
        return services.save_application_type(ApplicationType(
            code=code, name=f"考试录用{code}", applicant_kind="graduate", channel=channel,
            required_documents=docs)).id


def new_meeting(title=None) -> int:
    with transaction():
        return services.save_meeting(ReviewMeeting(title=title or f"2026年{next(_serial)}月专题会议",
                                                   held_on=dt.date(2026, 1, 3))).id


def new_plan(inst: int, lines: list[tuple[int, str, int]], meeting: int | None = None) -> tuple[int, list[int]]:
    """A draft plan of ``inst`` with lines (quota type, channel, planned)."""
    with transaction():
        plan = services.create_plan(StaffingPlan(institution_id=inst, year=2026, title="", meeting_id=meeting))
        ids = [services.create_line(StaffingPlanLine(plan_id=plan.id, quota_type_id=qt, channel=ch, planned=n)).id
               for qt, ch, n in lines]
        return plan.id, ids


def approve(plan_id: int, meeting: int, doc_no="青编用〔2026〕1号") -> None:
    with transaction():
        plan = db.session.get(StaffingPlan, plan_id)
        services.update_plan(plan, meeting_id=meeting)
        services.submit_plan(plan)
        services.decide_meeting(db.session.get(ReviewMeeting, meeting), doc_no=doc_no)


def approved_line(inst: int, qt: int, planned: int, channel="exam") -> int:
    plan, (line,) = new_plan(inst, [(qt, channel, planned)])
    approve(plan, new_meeting())
    return line


def new_batch(line: int, type_id: int, n: int, *, docs=DOCS, step="publicity", names=None) -> int:
    """A batch of ``n`` persons on ``line``, moved on to ``step``."""
    with transaction():
        b = services.create_batch(EntryBatch(title=f"批次{next(_serial)}", plan_line_id=line,
                                             application_type_id=type_id, publicity_start=PAST,
                                             publicity_end=PAST + dt.timedelta(days=6), documents=docs))
        for i in range(n):
            services.save_candidate(EntryCandidate(batch_id=b.id, name=(names or {}).get(i, f"新人{i}"),
                                                   id_number=valid_id_number(birth=dt.date(1998, 3, 1))))
        bid = b.id
    order = ("publicity", "application", "review", "entered")
    for target in order[1:order.index(step) + 1]:
        with transaction():
            services.advance(db.session.get(EntryBatch, bid))
    return bid


def refused(work, key, snapshot):
    """``work`` is refused with ``key``, worded differently in zh and en, and the
    database's ``snapshot()`` is the same after as before."""
    before = snapshot()
    with pytest.raises(DomainError) as err:
        with transaction():
            work()
    assert err.value.key == key
    assert err.value.message("zh") != err.value.message("en")
    assert snapshot() == before
    return err.value


def step_of(batch_id: int) -> str:
    db.session.expire_all()
    return db.session.execute(select(EntryBatch.step).where(EntryBatch.id == batch_id)).scalar()


@pytest.fixture()
def staffing(app, ref):
    """市教育局 (行政编制 10) with 青岛二中 below it (事业编制 5), 市财政局 beside
    them (行政编制 5); an exam type and a recruitment type; a logged-in
    department user of 市教育局 and a staff user."""
    edu = new_institution(ref, "市教育局")
    school = new_institution(ref, "青岛二中", parent=edu, category="pi")
    fin = new_institution(ref, "市财政局")
    give_quota(edu, ref.admin_q, 10)
    give_quota(school, ref.inst_q, 5)
    give_quota(fin, ref.admin_q, 5)
    exam = new_type("EX01", "exam")
    recruit = new_type("RC01", "recruitment")
    make_user(app, "dept", "department", institution_id=edu)
    make_user(app, "staff1", "staff")
    client = app.test_client()
    assert login(client, "dept").status_code == 302
    return dict(edu=edu, school=school, fin=fin, exam=exam, recruit=recruit, client=client, ref=ref)
