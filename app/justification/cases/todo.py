"""What waits for a user among the adjustment cases (待办), counted in SQL within
the user's scope: the cases at a step the user may move (a transition out of
the case's state whose conditions hold and whose role the user has, 一支笔
included), and the countersigns the user's divisions owe in the current round.

The same rules as ``app.workflow.engine.available`` and ``countersign_status``,
as one aggregate each, so the home page does not walk every case.
"""
from __future__ import annotations

import datetime as dt

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, func, literal, or_, select
from sqlalchemy.orm import aliased

from app.core import scoping
from app.core.todo import Item, Todo
from app.extensions import db
from app.justification.cases.models import AdjustmentCase, CaseChange
from app.justification.cases.services import SUBJECT
from app.office.services import divisions_of
from app.workflow.delegations import delegators_of
from app.workflow.models import (
    Countersignature,
    Workflow,
    WorkflowHistory,
    WorkflowTransition,
    state_countersign,
    transition_role,
)


def _amount():
    """A case's amount (``AdjustmentCase.amount``): the sum of its ledger deltas' magnitudes."""
    return (select(func.coalesce(func.sum(func.abs(CaseChange.amount)), 0))
            .where(CaseChange.case_id == AdjustmentCase.id, CaseChange.kind == "ledger_delta")
            .correlate(AdjustmentCase).scalar_subquery())


def _count(stmt) -> int:
    return db.session.execute(scoping.apply(AdjustmentCase, stmt)).scalar_one()


def _waiting_cases_where(user):
    """The criteria of the cases at a step ``user`` may move on (None: the user moves none)."""
    role_ids = [role.id for role in getattr(user, "roles", []) or []]
    if not role_ids:
        return None
    T = WorkflowTransition
    may_fire = or_(
        and_(T.is_signoff.is_(True), Workflow.signoff_role_id.in_(role_ids)),
        and_(T.is_signoff.is_(False), exists().where(transition_role.c.transition_id == T.id,
                                                      transition_role.c.role_id.in_(role_ids))),
    )
    # WorkflowTransition.matches: the case type among the listed ones (empty: any), the amount in range.
    listed = literal(",") + T.case_types + literal(",")
    type_ok = or_(T.case_types.is_(None), T.case_types == "",
                  listed.like(literal("%,") + AdjustmentCase.case_type + literal(",%")))
    amount = _amount()
    amount_ok = and_(or_(T.min_amount.is_(None), amount >= T.min_amount),
                     or_(T.max_amount.is_(None), amount <= T.max_amount))
    movable = (select(T.id).join(Workflow, Workflow.id == T.workflow_id)
               .where(T.workflow_id == AdjustmentCase.workflow_id, T.from_state_id == AdjustmentCase.state_id,
                      may_fire, type_ok, amount_ok)
               .correlate(AdjustmentCase))
    # The states the user acts in at all (a handful) first, through the state index:
    # most cases sit in final states and are never looked at.
    states = select(T.from_state_id).join(Workflow, Workflow.id == T.workflow_id).where(may_fire)
    return (AdjustmentCase.state_id.in_(states), movable.exists())


def _entered_state():
    """The history entry that brought the case into its current state (the latest)."""
    return (select(func.max(WorkflowHistory.id))
            .where(WorkflowHistory.subject_type == SUBJECT, WorkflowHistory.subject_id == AdjustmentCase.id,
                   WorkflowHistory.to_state_id == AdjustmentCase.state_id)
            .correlate(AdjustmentCase).scalar_subquery())


def _waiting_countersigns_where(user):
    """The criteria of the cases whose state needs a countersign from one of ``user``'s
    divisions that it has not given yet (None: the user belongs to no division)."""
    divisions = divisions_of(user.id)
    if not divisions:
        return None
    owed = (select(state_countersign.c.division_id)
            .where(state_countersign.c.state_id == AdjustmentCase.state_id,
                   state_countersign.c.division_id.in_(divisions),
                   ~exists().where(Countersignature.entry_id == _entered_state(),
                                   Countersignature.division_id == state_countersign.c.division_id))
            .correlate(AdjustmentCase))
    states = select(state_countersign.c.state_id).where(state_countersign.c.division_id.in_(divisions))
    return (AdjustmentCase.state_id.in_(states), owed.exists())


def _overdue(today: dt.date):
    """The case's current step is past its deadline (``WorkflowHistory.due_on``)."""
    later = aliased(WorkflowHistory)
    return (exists().where(WorkflowHistory.subject_type == SUBJECT, WorkflowHistory.subject_id == AdjustmentCase.id,
                           WorkflowHistory.to_state_id == AdjustmentCase.state_id, WorkflowHistory.due_on < today,
                           ~exists().where(later.subject_type == SUBJECT, later.subject_id == AdjustmentCase.id,
                                           later.id > WorkflowHistory.id))
            .correlate(AdjustmentCase))


def waiting_cases(user, *, overdue: bool = False) -> int:
    """Cases at a step ``user`` may move on (only those past the step's deadline when ``overdue``)."""
    where = _waiting_cases_where(user)
    if where is None:
        return 0
    stmt = select(func.count(AdjustmentCase.id)).where(*where)
    return _count(stmt.where(_overdue(dt.date.today())) if overdue else stmt)


def waiting_countersigns(user) -> int:
    """Cases whose state needs a countersign from one of ``user``'s divisions that it has not given yet."""
    where = _waiting_countersigns_where(user)
    return 0 if where is None else _count(select(func.count(AdjustmentCase.id)).where(*where))


LABELS = (_l("Cases waiting at a step you act on"), _l("Countersigns your division owes"))


def todo(user) -> list[Todo]:
    """The cases' provider for the to-do registry (``app.core.todo``), for the logged-in ``user``."""
    if not current_app.appbuilder.sm.has_access("can_read", "AdjustmentCase"):
        return []
    url = url_for("AdjustmentCaseView.list")
    out = [Todo(LABELS[0], waiting_cases(user), url),
           Todo(_l("Of these, past the step's time limit"), waiting_cases(user, overdue=True), url),
           Todo(LABELS[1], waiting_countersigns(user), url)]
    for principal in delegators_of(user):  # 代办: what waits for those the user stands in for
        out.append(Todo(_delegated_label(principal), waiting_cases(principal), url))
    return out


def _delegated_label(principal):
    return _l("Cases waiting for %(name)s (delegated to you)", name=principal.username)


def items(user) -> list[Item]:
    """The same cases, one row each: number and title, since they entered their state (one query per kind)."""
    if not current_app.appbuilder.sm.has_access("can_read", "AdjustmentCase"):
        return []
    since = (select(WorkflowHistory.at).where(WorkflowHistory.id == _entered_state())
             .correlate(AdjustmentCase).scalar_subquery())
    out = []
    kinds = [(LABELS[0], _waiting_cases_where(user)), (LABELS[1], _waiting_countersigns_where(user))]
    kinds += [(_delegated_label(p), _waiting_cases_where(p)) for p in delegators_of(user)]
    for label, where in kinds:
        if where is None:
            continue
        stmt = (select(AdjustmentCase.id, AdjustmentCase.number, AdjustmentCase.title,
                       func.coalesce(since, AdjustmentCase.created_at))
                .where(*where).order_by(AdjustmentCase.id))
        for pk, number, title, at in db.session.execute(scoping.apply(AdjustmentCase, stmt)):
            out.append(Item(label, f"{number or ''} {title}".strip(), at,
                            url_for("AdjustmentCaseView.show", pk=pk)))
    return out
