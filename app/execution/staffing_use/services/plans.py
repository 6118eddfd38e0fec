"""Application types, annual plans, plan lines and the monthly review meeting.

A plan line reserves hires on one allocation (institution × quota type).  The
rule: the unfilled hires of every holding plan (draft, submitted, approved) on
that allocation never exceed its vacancy (approved − occupied).  It is checked
under the allocation's row lock (``lock_in_order``, as the person services take
it), so two parallel plan lines — or a plan line and a person entering — are
decided one after the other on PostgreSQL; SQLite writers are serialised.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import func, select, update
from sqlalchemy.orm.attributes import set_committed_value

from app.core import audit, scoping
from app.core.counters import lock_in_order, locked_state
from app.core.db import without_autoflush
from app.core.errors import Conflict, DomainError, ValidationFailed
from app.core.orm import check_choice, require, sync_foreign_keys
from app.execution.staffing_use import rules
from app.execution.staffing_use.models import (
    APPLICANT_KINDS,
    CHANNELS,
    HOLDING_PLAN_STATUSES,
    ApplicationType,
    ReviewMeeting,
    StaffingPlan,
    StaffingPlanLine,
)
from app.extensions import db
from app.office.services import clean_text as _text
from app.quota.models import Institution, QuotaAllocation, QuotaType
from app.quota.services import check_quota_type_allowed


# ---------------------------------------------------------------------------
# Application types (a dictionary administrators keep)
# ---------------------------------------------------------------------------


def save_application_type(t: ApplicationType, **changes) -> ApplicationType:
    for key, value in changes.items():
        setattr(t, key, value)
    _text(t, "code", "编码 / code")
    _text(t, "name", "名称 / name")
    check_choice(t.channel, CHANNELS, "进人渠道 / channel")
    check_choice(t.applicant_kind, APPLICANT_KINDS, "申请人类别 / applicant kind")
    if not t.document_names():
        raise ValidationFailed("write.required", field="所需材料 / required documents")
    t.required_documents = "\n".join(dict.fromkeys(t.document_names()))
    t.active = True if t.active is None else t.active
    db.session.add(t)
    db.session.flush()
    return t


def delete_application_type(t: ApplicationType) -> None:
    from app.execution.staffing_use.models import EntryBatch

    used = db.session.execute(select(func.count()).where(EntryBatch.application_type_id == t.id)).scalar()
    if used:
        raise DomainError("staffing.type_in_use", type=t.name, count=used)
    db.session.delete(t)
    db.session.flush()


# ---------------------------------------------------------------------------
# Plans and their lines
# ---------------------------------------------------------------------------


def _require_draft(plan: StaffingPlan) -> None:
    status = db.session.execute(select(StaffingPlan.status).where(StaffingPlan.id == plan.id)
                                .with_for_update()).scalar()
    if status != "draft":
        raise Conflict("staffing.plan_not_draft", plan=plan.title, status=rules.status_text(status))


def _check_meeting(plan: StaffingPlan) -> None:
    """A plan goes only to a meeting still to be held."""
    if plan.meeting_id is None:
        return
    meeting = require(ReviewMeeting, plan.meeting_id, "月专题会议 / review meeting")
    if meeting.status != "scheduled":
        raise Conflict("staffing.meeting_decided", meeting=meeting.title)


@without_autoflush
def create_plan(plan: StaffingPlan) -> StaffingPlan:
    sync_foreign_keys(plan)
    inst = require(Institution, plan.institution_id, "机构 / institution")
    scoping.refuse_outside(scoping.current_scope(), inst.id, label=inst.name)
    if plan.year is None or not 2000 <= plan.year <= 2100:
        raise ValidationFailed("staffing.year", year=plan.year)
    plan.title = (plan.title or "").strip() or f"{inst.name} {plan.year} 年度用编计划"
    plan.status, plan.decision_doc_no = "draft", None
    _check_meeting(plan)
    db.session.add(plan)
    db.session.flush()
    return plan


PLAN_UPDATABLE = frozenset({"title", "note", "meeting_id", "meeting"})


@without_autoflush
def update_plan(plan: StaffingPlan, **changes) -> StaffingPlan:
    """A draft's title, note and the meeting it asks for; nothing once submitted."""
    unknown = set(changes) - PLAN_UPDATABLE
    if unknown:
        raise DomainError("staffing.plan_field_fixed", plan=plan.title, fields=", ".join(sorted(unknown)))
    _require_draft(plan)
    for key, value in changes.items():
        setattr(plan, key, value)
    sync_foreign_keys(plan)
    _text(plan, "title", "标题 / title")
    _check_meeting(plan)
    db.session.flush()
    return plan


def delete_plan(plan: StaffingPlan) -> None:
    _require_draft(plan)
    for line in list(plan.lines):
        db.session.delete(line)
    db.session.delete(plan)
    db.session.flush()


def submit_plan(plan: StaffingPlan) -> StaffingPlan:
    """报送: a draft with lines goes to the meeting it names."""
    _require_draft(plan)
    scoping.refuse_outside(scoping.current_scope(), plan.institution_id, label=plan.title)
    if not plan.lines:
        raise ValidationFailed("staffing.plan_empty", plan=plan.title)
    if plan.meeting_id is None:
        raise ValidationFailed("staffing.plan_needs_meeting", plan=plan.title)
    _check_meeting(plan)
    plan.status = "submitted"
    db.session.flush()
    return plan


def outstanding(institution_id: int, quota_type_id: int, *, except_line: Optional[int] = None) -> int:
    """Unfilled hires of the holding plans on one allocation."""
    L, P = StaffingPlanLine, StaffingPlan
    q = (select(func.coalesce(func.sum(L.planned - L.filled), 0)).join(P, P.id == L.plan_id)
         .where(L.institution_id == institution_id, L.quota_type_id == quota_type_id,
                P.status.in_(HOLDING_PLAN_STATUSES)))
    if except_line is not None:
        q = q.where(L.id != except_line)
    return int(db.session.execute(q).scalar())


def _check_room(inst: Institution, qt: QuotaType, planned: int, *, except_line: Optional[int]) -> None:
    """The rule of a plan line, under the allocation's row lock."""
    A = QuotaAllocation
    where = [A.institution_id == inst.id, A.quota_type_id == qt.id]
    lock_in_order(A, [where])
    row = db.session.execute(select(A.approved, A.occupied).where(*where)).first()
    approved, occupied = (row.approved, row.occupied) if row else (0, 0)
    held = outstanding(inst.id, qt.id, except_line=except_line)
    room = approved - occupied - held
    if planned > room:
        raise DomainError("staffing.plan_exceeds_vacancy", institution=inst.name, quota_type=qt.name,
                          approved=approved, occupied=occupied, planned=held, requested=planned,
                          excess=planned - max(room, 0))


@without_autoflush
def create_line(line: StaffingPlanLine) -> StaffingPlanLine:
    sync_foreign_keys(line)
    plan = require(StaffingPlan, line.plan_id, "用编计划 / plan")
    _require_draft(plan)
    inst = db.session.get(Institution, plan.institution_id)
    qt = require(QuotaType, line.quota_type_id, "编制类型 / quota type")
    check_choice(line.channel, CHANNELS, "进人渠道 / channel")
    if not isinstance(line.planned, int) or line.planned <= 0:
        raise ValidationFailed("staffing.planned_positive", planned=line.planned)
    check_quota_type_allowed(inst, qt)
    line.institution_id, line.filled = inst.id, 0
    clash = db.session.execute(select(StaffingPlanLine.id).where(
        StaffingPlanLine.plan_id == plan.id, StaffingPlanLine.quota_type_id == qt.id,
        StaffingPlanLine.channel == line.channel)).first()
    if clash:
        raise ValidationFailed("staffing.line_duplicate", plan=plan.title, quota_type=qt.name,
                               channel=rules.channel_text(line.channel))
    _check_room(inst, qt, line.planned, except_line=None)
    line.label = f"{plan.title} · {qt.name} · {rules.channel_text(line.channel).split()[0]}"
    db.session.add(line)
    db.session.flush()
    return line


LINE_UPDATABLE = frozenset({"planned"})


@without_autoflush
def update_line(line: StaffingPlanLine, **changes) -> StaffingPlanLine:
    """Only the number planned changes (another type or channel is another line)."""
    fixed = set(changes) - LINE_UPDATABLE
    if fixed:
        raise DomainError("staffing.line_field_fixed", line=str(line), fields=", ".join(sorted(fixed)))
    plan = db.session.get(StaffingPlan, line.plan_id)
    _require_draft(plan)
    locked_state(line, ("planned", "filled"), derived=("filled",))
    planned = changes.get("planned", line.planned)
    if not isinstance(planned, int) or planned <= 0:
        raise ValidationFailed("staffing.planned_positive", planned=planned)
    _check_room(db.session.get(Institution, line.institution_id), db.session.get(QuotaType, line.quota_type_id),
                planned, except_line=line.id)
    line.planned = planned
    db.session.flush()
    return line


def delete_line(line: StaffingPlanLine) -> None:
    _require_draft(db.session.get(StaffingPlan, line.plan_id))
    db.session.delete(line)
    db.session.flush()


def reject_plan(plan: StaffingPlan, doc_no: Optional[str] = None) -> StaffingPlan:
    """不予通过: a submitted plan's lines stop holding their hires."""
    moved = db.session.execute(update(StaffingPlan).where(StaffingPlan.id == plan.id,
                                                          StaffingPlan.status == "submitted")
                               .values(status="rejected", decision_doc_no=doc_no)
                               .execution_options(synchronize_session=False)).rowcount
    if not moved:
        raise Conflict("staffing.plan_not_submitted", plan=plan.title)
    audit.record(db.session, "update", "StaffingPlan", plan.id, before={"status": "submitted"},
                 after={"status": "rejected"})
    set_committed_value(plan, "status", "rejected")
    set_committed_value(plan, "decision_doc_no", doc_no)
    return plan


# ---------------------------------------------------------------------------
# The monthly review meeting
# ---------------------------------------------------------------------------

MEETING_UPDATABLE = frozenset({"title", "held_on", "doc_no", "minutes"})


@without_autoflush
def save_meeting(m: ReviewMeeting, **changes) -> ReviewMeeting:
    if m.id is not None:
        unknown = set(changes) - MEETING_UPDATABLE
        if unknown:
            raise TypeError(f"save_meeting: not changeable here: {sorted(unknown)}")
        old = locked_state(m, ("status",), derived=("status",))
        if old["status"] == "decided":
            raise Conflict("staffing.meeting_decided", meeting=m.title)
    for key, value in changes.items():
        setattr(m, key, value)
    _text(m, "title", "会议名称 / title")
    if m.held_on is None:
        raise ValidationFailed("write.required", field="会议日期 / held on")
    m.doc_no = (m.doc_no or "").strip() or None
    m.status = m.status or "scheduled"
    if m.id is None and m.status != "scheduled":
        raise ValidationFailed("staffing.meeting_new_status")
    db.session.add(m)
    db.session.flush()
    return m


def delete_meeting(m: ReviewMeeting) -> None:
    used = db.session.execute(select(func.count()).where(StaffingPlan.meeting_id == m.id)).scalar()
    if used:
        raise DomainError("staffing.meeting_in_use", meeting=m.title, count=used)
    db.session.delete(m)
    db.session.flush()


def decide_meeting(m: ReviewMeeting, *, doc_no: Optional[str] = None, rejected: tuple[int, ...] = (),
                   today: Optional[dt.date] = None) -> list[StaffingPlan]:
    """会议决定: every plan submitted to the meeting is approved under its 文号,
    but those named in ``rejected``; the meeting is then decided, once."""
    doc_no = (doc_no or m.doc_no or "").strip()
    today = today or dt.date.today()
    if not doc_no:
        raise ValidationFailed("staffing.meeting_doc_no", meeting=m.title)
    moved = db.session.execute(update(ReviewMeeting).where(ReviewMeeting.id == m.id,
                                                           ReviewMeeting.status == "scheduled")
                               .values(status="decided", doc_no=doc_no, decided_on=today)
                               .execution_options(synchronize_session=False)).rowcount
    if not moved:
        raise Conflict("staffing.meeting_decided", meeting=m.title)
    audit.record(db.session, "update", "ReviewMeeting", m.id, before={"status": "scheduled"},
                 after={"status": "decided", "doc_no": doc_no})
    for key, value in {"status": "decided", "doc_no": doc_no, "decided_on": today}.items():
        set_committed_value(m, key, value)
    # Lock the plans by id alone: PostgreSQL refuses FOR UPDATE on the outer joins of their eager loads.
    ids = list(db.session.execute(select(StaffingPlan.id).where(StaffingPlan.meeting_id == m.id,
                                                                StaffingPlan.status == "submitted")
                                  .order_by(StaffingPlan.id).with_for_update()).scalars())
    plans = list(db.session.execute(select(StaffingPlan).where(StaffingPlan.id.in_(ids)).order_by(StaffingPlan.id)
                                    .execution_options(populate_existing=True)).scalars())
    if not plans:
        raise ValidationFailed("staffing.meeting_no_plans", meeting=m.title)
    for plan in plans:
        if plan.id in rejected:
            reject_plan(plan, doc_no)
        else:
            plan.status, plan.decision_doc_no = "approved", doc_no
    db.session.flush()
    return plans
