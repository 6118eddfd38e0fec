"""入编备案 by batch (公示 → 申请 → 审核 → 入库) and 出编备案.

入库 happens in one transaction: the batch's step moves by a conditional UPDATE
(of two parallel entries of one batch exactly one proceeds), the allocation is
locked first (the order the person services and the plan lines use), the plan
line's ``filled`` moves within ``planned`` by one conditional UPDATE, and the
persons enter through the quota domain's bulk person service under every
invariant (no 超编进人, no 混用, ID checks, one ID number in post).  The first
refusal raises and the door's transaction rolls the whole batch back.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import case, func, select, update
from sqlalchemy.orm.attributes import set_committed_value

from app.core import audit, idnumber, scoping
from app.core.counters import lock_in_order, locked_state, move
from app.core.db import without_autoflush
from app.core.errors import Conflict, DomainError, ValidationFailed
from app.core.orm import check_choice, require, sync_foreign_keys
from app.execution.staffing_use import rules
from app.execution.staffing_use.models import (
    ApplicationType,
    EntryBatch,
    EntryCandidate,
    ExitFiling,
    StaffingPlan,
    StaffingPlanLine,
)
from app.extensions import db
from app.office.services import clean_text
from app.quota import services as quota
from app.quota.models import EXIT_REASONS, Person, QuotaAllocation


def _refuse_outside(institution_id: int, label: str) -> None:
    scoping.refuse_outside(scoping.current_scope(), institution_id, label=label)


def _check_dates(b: EntryBatch) -> None:
    if b.publicity_start is None or b.publicity_end is None:
        raise ValidationFailed("write.required", field="公示起止日期 / publicity dates")
    if b.publicity_end < b.publicity_start:
        raise ValidationFailed("staffing.publicity_order", start=b.publicity_start, end=b.publicity_end)


def _check_type(b: EntryBatch, line: StaffingPlanLine) -> None:
    t = require(ApplicationType, b.application_type_id, "申请类型 / application type")
    if not t.active:
        raise ValidationFailed("staffing.type_inactive", type=t.name)
    if t.channel != line.channel:
        raise ValidationFailed("staffing.type_channel", type=t.name, type_channel=rules.channel_text(t.channel),
                               line_channel=rules.channel_text(line.channel))


@without_autoflush
def create_batch(b: EntryBatch) -> EntryBatch:
    """A batch opens at 公示 on a line of an approved plan, through an application
    type of the line's channel."""
    sync_foreign_keys(b)
    line = require(StaffingPlanLine, b.plan_line_id, "计划明细 / plan line")
    plan = db.session.get(StaffingPlan, line.plan_id)
    _refuse_outside(line.institution_id, plan.title)
    if plan.status != "approved":
        raise DomainError("staffing.plan_not_approved", plan=plan.title, status=rules.status_text(plan.status))
    _check_type(b, line)
    _check_dates(b)
    b.institution_id, b.step, b.entered_on, b.certificate_no = line.institution_id, "publicity", None, None
    b.title = (b.title or "").strip() or f"{plan.title} {rules.channel_text(line.channel).split()[0]}"
    clean_text(b, "documents", "材料 / documents", required=False)
    db.session.add(b)
    db.session.flush()
    return b


BATCH_UPDATABLE = frozenset({"title", "documents", "publicity_start", "publicity_end", "application_type_id",
                             "application_type"})


def _require_step(b: EntryBatch, *steps: str) -> str:
    step = db.session.execute(select(EntryBatch.step).where(EntryBatch.id == b.id).with_for_update()).scalar()
    if step not in steps:
        raise Conflict("staffing.batch_step", batch=b.title, step=rules.status_text(step),
                       expected=" / ".join(rules.status_text(s) for s in steps))
    return step


@without_autoflush
def update_batch(b: EntryBatch, **changes) -> EntryBatch:
    """Title, documents, dates and type change during 公示 only."""
    unknown = set(changes) - BATCH_UPDATABLE
    if unknown:
        raise DomainError("staffing.batch_field_fixed", batch=b.title, fields=", ".join(sorted(unknown)))
    _require_step(b, "publicity")
    for key, value in changes.items():
        setattr(b, key, value)
    sync_foreign_keys(b)
    clean_text(b, "title", "标题 / title")
    clean_text(b, "documents", "材料 / documents", required=False)
    _check_type(b, db.session.get(StaffingPlanLine, b.plan_line_id))
    _check_dates(b)
    db.session.flush()
    return b


def delete_batch(b: EntryBatch) -> None:
    _require_step(b, "publicity", "application", "review")
    for c in list(b.candidates):
        db.session.delete(c)
    db.session.delete(b)
    db.session.flush()


# -- candidates ---------------------------------------------------------------


@without_autoflush
def save_candidate(c: EntryCandidate, **changes) -> EntryCandidate:
    """A person of a batch during 公示: name and a valid ID number, once per batch."""
    for key, value in changes.items():
        setattr(c, key, value)
    sync_foreign_keys(c)
    b = require(EntryBatch, c.batch_id, "入编批次 / batch")
    _require_step(b, "publicity")
    clean_text(c, "name", "姓名 / name")
    clean_text(c, "post", "岗位 / post", required=False)
    c.id_number, _born, _sex = idnumber.facts(c.id_number or "")
    c.institution_id, c.person_id = b.institution_id, None
    clash = db.session.execute(select(EntryCandidate.id).where(
        EntryCandidate.batch_id == b.id, EntryCandidate.id_number == c.id_number,
        EntryCandidate.id != (c.id or 0))).first()
    if clash:
        raise ValidationFailed("staffing.candidate_duplicate", batch=b.title, id_number=idnumber.mask(c.id_number))
    db.session.add(c)
    db.session.flush()
    return c


def delete_candidate(c: EntryCandidate) -> None:
    _require_step(db.session.get(EntryBatch, c.batch_id), "publicity")
    db.session.delete(c)
    db.session.flush()


# -- the steps ------------------------------------------------------------------


def _step(b: EntryBatch, current: str, **also) -> None:
    """Move ``b`` one step on from ``current`` (with the columns in ``also``) by a
    conditional UPDATE: of two parallel requests, one moves it and the other is
    refused (409)."""
    target = rules.NEXT_STEP[current]
    moved = db.session.execute(update(EntryBatch).where(EntryBatch.id == b.id, EntryBatch.step == current)
                               .values(step=target, **also).execution_options(synchronize_session=False)).rowcount
    if not moved:
        step = db.session.execute(select(EntryBatch.step).where(EntryBatch.id == b.id)).scalar()
        raise Conflict("staffing.batch_step", batch=b.title, step=rules.status_text(step),
                       expected=rules.status_text(current))
    audit.record(db.session, "update", "EntryBatch", b.id, before={"step": current},
                 after={"step": target, **{k: str(v) for k, v in also.items()}})
    # The object follows the row without a reload (a refresh re-runs every eager join).
    for key, value in {"step": target, **also}.items():
        set_committed_value(b, key, value)


def _candidates(b: EntryBatch) -> list[EntryCandidate]:
    return list(db.session.execute(select(EntryCandidate).where(EntryCandidate.batch_id == b.id)
                                   .order_by(EntryCandidate.id)).scalars())


def apply_batch(b: EntryBatch, *, today: Optional[dt.date] = None) -> EntryBatch:
    """公示 → 申请: the publicity period is over, the batch has persons within what
    the line has left, and every document its type requires is submitted."""
    today = today or dt.date.today()
    _refuse_outside(b.institution_id, b.title)
    if b.publicity_end > today:
        raise DomainError("staffing.publicity_running", batch=b.title, end=b.publicity_end)
    n = len(_candidates(b))
    if n == 0:
        raise ValidationFailed("staffing.batch_empty", batch=b.title)
    line = db.session.get(StaffingPlanLine, b.plan_line_id)
    if n > line.planned - line.filled:
        raise DomainError("staffing.line_exhausted", line=str(line), planned=line.planned, filled=line.filled,
                          requested=n)
    missing = rules.missing_documents(b.application_type.document_names(), b.documents)
    if missing:
        raise ValidationFailed("staffing.documents_missing", batch=b.title, type=b.application_type.name,
                               documents="、".join(missing))
    _step(b, "publicity")
    return b


def review_batch(b: EntryBatch) -> EntryBatch:
    """申请 → 审核: the office has reviewed the application."""
    _refuse_outside(b.institution_id, b.title)
    _step(b, "application")
    return b


def enter_batch(b: EntryBatch, *, today: Optional[dt.date] = None) -> list[Person]:
    """审核 → 入库: every person of the batch enters, or none (see the module doc)."""
    today = today or dt.date.today()
    _refuse_outside(b.institution_id, b.title)
    _step(b, "review", entered_on=today, certificate_no=rules.certificate_number(today.year, b.id))
    line = db.session.get(StaffingPlanLine, b.plan_line_id)
    C, A, L = EntryCandidate, QuotaAllocation, StaffingPlanLine
    # Plain rows, not ORM objects: a batch's persons need no eager joins to enter.
    candidates = db.session.execute(select(C.id, C.name, C.id_number, C.post).where(C.batch_id == b.id)
                                    .order_by(C.id)).all()
    n = len(candidates)
    lock_in_order(A, [[A.institution_id == line.institution_id, A.quota_type_id == line.quota_type_id]])
    if not move(L, [L.id == line.id], "filled", n, also=(L.filled + n <= L.planned,)):
        db.session.refresh(line)
        raise DomainError("staffing.line_exhausted", line=str(line), planned=line.planned, filled=line.filled,
                          requested=n)
    persons = [Person(name=c.name, id_number=c.id_number, institution_id=line.institution_id,
                      quota_type_id=line.quota_type_id, post=c.post, status="active", entry_date=today)
               for c in candidates]
    quota.create_persons(persons)
    # One UPDATE for every link (a CASE on the candidate's id: one statement, not one
    # per candidate), audited as the session events would audit an ORM update.
    links = [{"id": c.id, "person_id": p.id} for c, p in zip(candidates, persons)]
    if links:
        person_of = {link["id"]: link["person_id"] for link in links}
        db.session.execute(update(C).where(C.id.in_(person_of), C.batch_id == b.id)
                           .values(person_id=case(person_of, value=C.id))
                           .execution_options(synchronize_session=False))
    for link in links:
        audit.record(db.session, "update", "EntryCandidate", link["id"], before={"person_id": None},
                     after={"person_id": link["person_id"]})
    db.session.flush()
    return persons


ADVANCE = {"publicity": apply_batch, "application": review_batch, "review": enter_batch}


def advance(b: EntryBatch):
    """The next step, whatever it is (the CLI's one door)."""
    step = locked_state(b, ("step",), derived=("step",))["step"]
    if step not in ADVANCE:
        raise Conflict("staffing.batch_step", batch=b.title, step=rules.status_text(step),
                       expected=" / ".join(rules.status_text(s) for s in ADVANCE))
    return ADVANCE[step](b)


# -- exit filing --------------------------------------------------------------------


@without_autoflush
def create_exit_filing(f: ExitFiling) -> ExitFiling:
    """出编备案: the person leaves the quota through the quota domain's exit, which
    frees the slot; a person already out is refused (read under its row lock)."""
    sync_foreign_keys(f)
    p = require(Person, f.person_id, "人员 / person")
    _refuse_outside(p.institution_id, p.name)
    status = locked_state(p, ("status",))["status"]
    if status != "active":
        raise Conflict("staffing.person_not_active", person=p.name)
    if f.exit_date is None:
        raise ValidationFailed("write.required", field="出编日期 / exit date")
    check_choice(f.exit_reason, EXIT_REASONS, "出编原因 / exit reason")
    clean_text(f, "doc_no", "文号 / document number", required=False)
    f.institution_id = p.institution_id
    quota.exit_person(p, exit_date=f.exit_date, exit_reason=f.exit_reason)
    db.session.add(f)
    db.session.flush()
    return f


def refuse_exit_filing_change(f: ExitFiling, **_changes) -> None:
    raise DomainError("staffing.exit_filing_fixed", filing=str(f))


def count_entered(institution_id: Optional[int] = None) -> int:
    q = select(func.count(EntryCandidate.id)).where(EntryCandidate.person_id.is_not(None))
    if institution_id is not None:
        q = q.where(EntryCandidate.institution_id == institution_id)
    return int(db.session.execute(q).scalar())
