"""办理时限与督办 — step deadlines and their escalation (issue #14 §5).

A state's ``time_limit_days`` (working days, the holiday calendar of
``app.core.workdays``) gives each entry into it a ``due_on``, written on the
history row by the engine (``engine.step_due``).  A step is the history row by which
the subject entered its current state; a step past its ``due_on`` is overdue.

``escalate`` is one INSERT … SELECT: every overdue step that has no
escalation yet gets one, addressed to its workflow's lead leader (分管领导);
the unique key on the step's history row (and ON CONFLICT DO NOTHING) makes a
re-run, or two runs at once, escalate a step once.  It is the scheduled
verification rule ``workflow_overdue`` (``RULE``, in the registry of
``app.core.checks``): each run escalates in its own transaction and reports
every overdue step as a problem, so the verification engine flags it as a
finding and resolves that finding when the step is done.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import and_, exists, func, literal, select
from sqlalchemy.orm import aliased

from app.core import audit, checks
from app.core.workdays import CalendarYearMissing, add_working_days, fill_due_days, working_days_between
from app.extensions import db
from app.workflow import engine
from app.workflow.models import Workflow, WorkflowEscalation, WorkflowHistory, WorkflowState


def time_left(due_on: Optional[dt.date], today: Optional[dt.date] = None, entry=None) -> dict:
    """What the case page and the to-do show: working days left (negative: overdue).
    ``entry`` (the step's history row): a limited step whose deadline is still pending
    (its calendar year is missing) says so, with the year to enter."""
    if due_on is None:
        state = getattr(entry, "to_state", None)
        if entry is not None and state is not None and state.time_limit_days and not state.is_final:
            try:
                add_working_days(entry.at.date(), state.time_limit_days)
            except CalendarYearMissing as err:
                return {"due_on": None, "pending": err, "limit": state.time_limit_days}
        return {"due_on": None}
    today = today or dt.date.today()
    try:
        left = working_days_between(today, due_on)
    except CalendarYearMissing as err:
        return {"due_on": due_on, "error": err}
    return {"due_on": due_on, "left": left, "overdue": due_on < today}


# ---------------------------------------------------------------------------
# Overdue steps, set-based
# ---------------------------------------------------------------------------


def _current_steps(today: dt.date):
    """(entry id, subject type, subject id, state id, due on, lead leader id) of every
    step past its deadline, over every registered subject (one SELECT each, UNION ALL)."""
    parts = []
    for sub in engine.subjects():
        model, h, later = sub.model, WorkflowHistory, aliased(WorkflowHistory)
        parts.append(
            select(h.id.label("entry_id"), literal(sub.name).label("subject_type"), h.subject_id.label("subject_id"),
                   h.to_state_id.label("state_id"), h.due_on.label("due_on"),
                   Workflow.lead_leader_id.label("leader_id"))
            .join(model, and_(model.id == h.subject_id, model.state_id == h.to_state_id))
            .join(WorkflowState, WorkflowState.id == h.to_state_id)
            .join(Workflow, Workflow.id == WorkflowState.workflow_id)
            .where(h.subject_type == sub.name, h.due_on < today, WorkflowState.is_final.is_(False),
                   ~exists().where(later.subject_type == h.subject_type, later.subject_id == h.subject_id,
                                   later.id > h.id)))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else parts[0].union_all(*parts[1:])


def _insert(session):
    name = session.get_bind().dialect.name
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(WorkflowEscalation)


def escalate(session, today: dt.date) -> list[int]:
    """Escalate every overdue step not escalated yet; the ids of the new escalations."""
    steps = _current_steps(today)
    if steps is None:
        return []
    steps = steps.subquery()
    new = (select(steps.c.entry_id, steps.c.subject_type, steps.c.subject_id, steps.c.state_id, steps.c.due_on,
                  steps.c.leader_id, literal(today).label("escalated_on"))
           .where(~exists().where(WorkflowEscalation.entry_id == steps.c.entry_id)))
    stmt = (_insert(session)
            .from_select(["entry_id", "subject_type", "subject_id", "state_id", "due_on", "leader_id",
                          "escalated_on"], new)
            .on_conflict_do_nothing(index_elements=["entry_id"])
            .returning(WorkflowEscalation.id, WorkflowEscalation.subject_type, WorkflowEscalation.subject_id,
                       WorkflowEscalation.entry_id, WorkflowEscalation.due_on, WorkflowEscalation.leader_id))
    rows = session.execute(stmt).all()
    for esc_id, subject_type, subject_id, entry_id, due_on, leader_id in rows:  # the new ones only
        audit.record(session, "escalate", subject_type, subject_id,
                     after={"escalation": esc_id, "entry": entry_id, "due_on": due_on.isoformat(),
                            "lead_leader": leader_id})
    return [row[0] for row in rows]


def fill_pending(session) -> int:
    """Steps recorded without a deadline because their calendar year was missing
    (``engine.step_due``): the current ones get it now if the year has been entered.
    A handful at most (December's steps), so a loop over them."""
    later = aliased(WorkflowHistory)
    pending = session.execute(
        select(WorkflowHistory.id, WorkflowHistory.at, WorkflowState.time_limit_days)
        .join(WorkflowState, WorkflowState.id == WorkflowHistory.to_state_id)
        .where(WorkflowHistory.due_on.is_(None), WorkflowState.time_limit_days.is_not(None),
               WorkflowState.is_final.is_(False),
               ~exists().where(later.subject_type == WorkflowHistory.subject_type,
                               later.subject_id == WorkflowHistory.subject_id, later.id > WorkflowHistory.id))).all()
    return fill_due_days(session, WorkflowHistory, [(entry_id, at.date(), limit) for entry_id, at, limit in pending])


def overdue_rule(session, params, today):
    """办理超期: every step past its deadline (escalated to the lead leader once);
    first the deadlines left pending for a calendar year that has since been entered."""
    fill_pending(session)
    escalate(session, today)
    steps = _current_steps(today)
    if steps is None:
        return
    steps = steps.subquery()
    rows = session.execute(
        select(steps.c.entry_id, steps.c.subject_type, steps.c.subject_id, steps.c.due_on, WorkflowState.name,
               Workflow.name, WorkflowEscalation.leader_id)
        .join(WorkflowState, WorkflowState.id == steps.c.state_id)
        .join(Workflow, Workflow.id == WorkflowState.workflow_id)
        .outerjoin(WorkflowEscalation, WorkflowEscalation.entry_id == steps.c.entry_id))
    for entry_id, subject_type, subject_id, due_on, state, workflow, leader_id in rows:
        yield checks.Problem(
            key=f"{subject_type}:{subject_id}:{entry_id}",
            title=f"办理超期: {workflow} #{subject_id} 在“{state}”超过期限 {due_on.isoformat()}"[:200],
            detail=f"{workflow} #{subject_id}: 办理期限 {due_on.isoformat()}, "
                   f"{'已报用户 #' + str(leader_id) + ' 督办' if leader_id else '未指定分管领导'}")


RULE = checks.Rule(code="workflow_overdue", name="审批环节超期督办", name_en="Overdue workflow steps (escalation)",
                   check=overdue_rule, cron="0 8 * * 1-5",
                   description="流程环节超过办理时限 (工作日) 的, 报分管领导督办, 每个环节一次")


def _open(leader_ids):
    """Escalations to these users whose step is still current (its subject has not moved on)."""
    later = aliased(WorkflowHistory)
    return (WorkflowEscalation.leader_id.in_(leader_ids),
            ~exists().where(later.subject_type == WorkflowEscalation.subject_type,
                            later.subject_id == WorkflowEscalation.subject_id,
                            later.id > WorkflowEscalation.entry_id))


def open_escalations(leader_ids):
    """Their count, as a statement."""
    return select(func.count(WorkflowEscalation.id)).where(*_open(leader_ids))


def escalations_of(subject_type: str, subject_id: int) -> list[WorkflowEscalation]:
    return list(db.session.execute(
        select(WorkflowEscalation).where(WorkflowEscalation.subject_type == subject_type,
                                         WorkflowEscalation.subject_id == subject_id)
        .order_by(WorkflowEscalation.id)).scalars())


def _kinds(user):
    """(label, leader ids) of what waits for ``user``: its own escalations, and those
    of the users it stands in for today (代办)."""
    from flask_babel import lazy_gettext as _l

    from app.workflow.delegations import delegators_of

    kinds = [(_l("Overdue steps escalated to you"), [user.id])]
    kinds += [(_l("Overdue steps escalated to %(name)s (delegated to you)", name=p.username), [p.id])
              for p in delegators_of(user)]
    return kinds


def _may_read() -> bool:
    from flask import current_app

    return current_app.appbuilder.sm.has_access("can_read", "WorkflowEscalation")


def todo(user) -> list:
    """The lead leader's to-do: steps escalated to them, or to a user they stand in for
    today (代办), whose subject has not moved on yet."""
    from app.core.todo import Todo

    if not _may_read():
        return []
    return [Todo(label, db.session.execute(open_escalations(ids)).scalar_one(), "/workflowescalationview/list/")
            for label, ids in _kinds(user)]


def items(user) -> list:
    """The same escalations, one row each (one query per kind): the step, its deadline, since when."""
    from flask_babel import gettext as _

    from app.core.todo import Item

    if not _may_read():
        return []
    out = []
    for label, ids in _kinds(user):
        rows = db.session.execute(
            select(WorkflowEscalation.id, WorkflowState.name, WorkflowEscalation.due_on,
                   WorkflowEscalation.escalated_on)
            .join(WorkflowState, WorkflowState.id == WorkflowEscalation.state_id)
            .where(*_open(ids)).order_by(WorkflowEscalation.id))
        out += [Item(label, _("%(state)s, due %(due)s", state=state, due=due), since,
                     f"/workflowescalationview/show/{pk}") for pk, state, due, since in rows]
    return out
