"""The workflow interpreter: what may happen next, and making it happen.

Subjects (adjustment cases today; staffing-use plans later) are any model with
``id``, ``workflow_id`` and ``state_id`` columns whose domain registers it with
``register_subject``: its type name for the history and for ``Workflow.subject``,
its facts (type and amount, for transition conditions) and the type codes a
transition may name.  What a transition that ``applies_changes`` does is
registered apart, by the domain that knows it (``register_apply``: the approval
domain applies an adjustment case), so the subject's own domain need not import
it.  Everything runs inside the caller's transaction: a refused transition, or a
hook that raises, leaves the subject where it was.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Optional

from sqlalchemy import inspect as sa_inspect, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from app.core import audit
from app.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from app.core.scoping import role_names
from app.core.workdays import CalendarYearMissing, add_working_days
from app.extensions import db
from app.office.services import divisions_of
from app.workflow import delegations
from app.workflow.models import Countersignature, WorkflowHistory, WorkflowState, WorkflowTransition


@dataclass(frozen=True)
class Subject:
    model: type
    name: str  # the subject type stored in the history and in Workflow.subject
    facts: Callable[[Any], tuple[str, int]]  # obj -> (type code, amount)
    types: tuple[str, ...] = ()  # the type codes a transition's condition may name


_SUBJECTS: dict[type, Subject] = {}
_ON_APPLY: dict[type, Callable[[Any, WorkflowHistory], None]] = {}


def register_subject(subject: Subject) -> None:
    _SUBJECTS[subject.model] = subject


def register_apply(model: type, hook: Callable[[Any, WorkflowHistory], None]) -> None:
    """What a transition that ``applies_changes`` does to a ``model`` subject."""
    _ON_APPLY[model] = hook


def subjects() -> list[Subject]:
    return list(_SUBJECTS.values())


def subject_of(obj) -> Subject:
    return _SUBJECTS[type(obj)]


def subject_types(name: str) -> tuple[str, ...]:
    """The type codes of the subject stored as ``name`` (none for an unknown subject)."""
    return next((s.types for s in _SUBJECTS.values() if s.name == name), ())


def _s():
    return db.session


def state_of(obj) -> WorkflowState:
    return _s().get(WorkflowState, obj.state_id)


def label(obj, lang: str | None = None) -> str:
    """A state's or transition's name in the request's language (or ``lang``)."""
    return _name(obj, lang)


def _name(obj, lang: str | None = None) -> str:
    from app.core.messages import current_lang

    return (obj.name_en if (lang or current_lang()) == "en" and obj.name_en else obj.name) or ""


# ---------------------------------------------------------------------------
# Reads
# ---------------------------------------------------------------------------


def history(obj) -> list[WorkflowHistory]:
    sub = subject_of(obj)
    return list(
        _s().execute(
            select(WorkflowHistory)
            .where(WorkflowHistory.subject_type == sub.name, WorkflowHistory.subject_id == obj.id)
            .order_by(WorkflowHistory.id)
        ).scalars()
    )


def current_entry(obj) -> Optional[WorkflowHistory]:
    """The history row by which the subject entered its current state."""
    sub = subject_of(obj)
    return _s().execute(
        select(WorkflowHistory)
        .where(WorkflowHistory.subject_type == sub.name, WorkflowHistory.subject_id == obj.id,
               WorkflowHistory.to_state_id == obj.state_id)
        .order_by(WorkflowHistory.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def countersign_status(obj) -> list[tuple[Any, Optional[Countersignature]]]:
    """(division, its opinion in this round or None) for every division the state needs."""
    state = state_of(obj)
    divisions = sorted(state.countersign_divisions, key=lambda d: (d.sort or 0, d.id))
    if not divisions:
        return []
    entry = current_entry(obj)
    signed = {}
    if entry is not None:
        signed = {
            c.division_id: c
            for c in _s().execute(select(Countersignature).where(Countersignature.entry_id == entry.id)).scalars()
        }
    return [(d, signed.get(d.id)) for d in divisions]


def _candidates(obj) -> list[WorkflowTransition]:
    type_code, amount = subject_of(obj).facts(obj)
    rows = _s().execute(
        select(WorkflowTransition)
        .where(WorkflowTransition.workflow_id == obj.workflow_id, WorkflowTransition.from_state_id == obj.state_id)
        .order_by(WorkflowTransition.sort, WorkflowTransition.id)
    ).scalars()
    return [t for t in rows if t.matches(type_code, amount)]


def may_fire(transition: WorkflowTransition, user) -> bool:
    names = role_names(user)
    if transition.is_signoff:
        return transition.workflow.signoff_role.name in names
    return bool({r.name for r in transition.roles} & names)


def available(obj, user) -> list[WorkflowTransition]:
    """Transitions out of the current state whose conditions hold and whose role the user has."""
    return [t for t in _candidates(obj) if may_fire(t, user)]


# ---------------------------------------------------------------------------
# Writes
# ---------------------------------------------------------------------------


def _find(obj, transition) -> WorkflowTransition:
    if isinstance(transition, WorkflowTransition):
        return transition
    where = [WorkflowTransition.workflow_id == obj.workflow_id]
    if isinstance(transition, int) or (isinstance(transition, str) and transition.isdigit()):
        where.append(WorkflowTransition.id == int(transition))
    else:
        where.append(WorkflowTransition.code == str(transition))
    found = _s().execute(select(WorkflowTransition).where(*where)).scalar_one_or_none()
    if found is None:
        raise NotFound("workflow.unknown_transition", transition=str(transition))
    return found


def check(obj, transition, user, *, comment: str | None = None, doc_no: str | None = None) -> WorkflowTransition:
    """Every reason a transition may be refused, in the order a user would fix them."""
    t = _find(obj, transition)
    state = state_of(obj)
    if t.from_state_id != obj.state_id:
        raise Conflict("workflow.wrong_state", transition=_name(t), state=_name(state), expected=_name(t.from_state))
    type_code, amount = subject_of(obj).facts(obj)
    if not t.matches(type_code, amount):
        raise ValidationFailed("workflow.condition_unmet", transition=_name(t), case_type=type_code, amount=amount,
                               types=t.case_types or "*",
                               range=f"{t.min_amount if t.min_amount is not None else '-∞'}"
                                     f"…{t.max_amount if t.max_amount is not None else '∞'}")
    if user is None:
        raise Forbidden("workflow.no_actor", transition=_name(t))
    if t.is_signoff and not may_fire(t, user):
        raise Forbidden("workflow.signoff_only", transition=_name(t), role=t.workflow.signoff_role.name,
                        user=user.username)
    if not may_fire(t, user):
        raise Forbidden("workflow.role_required", transition=_name(t), user=user.username,
                        roles=", ".join(sorted(r.name for r in t.roles)) or "—")
    if t.requires_comment and not (comment or "").strip():
        raise ValidationFailed("workflow.comment_required", transition=_name(t))
    if t.requires_doc_no and not (doc_no or "").strip():
        raise ValidationFailed("workflow.doc_no_required", transition=_name(t))
    if t.requires_countersign:
        missing = [_name(d) for d, sig in countersign_status(obj) if sig is None or not sig.agree]
        if missing:
            raise ValidationFailed("workflow.countersign_missing", transition=_name(t), state=_name(state),
                                   divisions="、".join(missing))
    return t


def _claim(obj, t: WorkflowTransition) -> None:
    """Move the state with a conditional UPDATE: of two racing transitions, one wins.

    On PostgreSQL the UPDATE also locks the row until commit, so the loser
    waits and then finds the state changed; SQLite serialises writers anyway.
    """
    model = type(obj)
    result = _s().execute(
        update(model)
        .where(model.id == obj.id, model.state_id == t.from_state_id)
        .values(state_id=t.to_state_id)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict("workflow.state_changed", transition=_name(t))
    set_committed_value(obj, "state_id", t.to_state_id)
    if "state" in sa_inspect(model).relationships:  # reload the related state row on next access
        _s().expire(obj, ["state"])


def step_due(state: WorkflowState, entered_on: dt.date) -> Optional[dt.date]:
    """The deadline of a step entered on ``entered_on``: the state's time limit in
    working days (app.core.workdays).

    When the deadline runs into a year the calendar does not hold yet (every
    December, until the administrator enters the next year, which their to-do
    asks for), the case still moves: the step is recorded without a deadline,
    shown as pending, and the escalation run computes it once the year is
    entered (``app.workflow.deadlines.fill_pending``).  Never a weekday guess."""
    if not state.time_limit_days or state.is_final:
        return None
    try:
        return add_working_days(entered_on, state.time_limit_days)
    except CalendarYearMissing:
        return None


def record_entry(obj, *, to_state: WorkflowState, user, comment: str | None = None, doc_no: str | None = None,
                 transition: Optional[WorkflowTransition] = None, on_behalf_of=None) -> WorkflowHistory:
    """Append a history row (and its audit row), with the step's deadline."""
    sub = subject_of(obj)
    row = WorkflowHistory(
        subject_type=sub.name, subject_id=obj.id, transition_id=transition.id if transition else None,
        from_state_id=transition.from_state_id if transition else None, to_state_id=to_state.id,
        actor_id=getattr(user, "id", None), actor_name=getattr(user, "username", None) or audit.current_actor(),
        comment=(comment or "").strip() or None, doc_no=(doc_no or "").strip() or None,
        on_behalf_of_id=getattr(on_behalf_of, "id", None), on_behalf_of_name=getattr(on_behalf_of, "username", None),
        due_on=step_due(to_state, dt.date.today()),
    )
    _s().add(row)
    _s().flush()
    audit.record(
        _s(), "transition", sub.name, obj.id,
        before={"state": transition.from_state.code} if transition else None,
        after={"state": to_state.code, "transition": transition.code if transition else "start",
               "comment": row.comment, "doc_no": row.doc_no, "actor": row.actor_name,
               "on_behalf_of": row.on_behalf_of_name,
               "due_on": row.due_on.isoformat() if row.due_on else None},
    )
    return row


def start(obj, workflow, user, comment: str | None = None) -> WorkflowHistory:
    """Put a new subject in its workflow's initial state."""
    initial = _s().execute(
        select(WorkflowState).where(WorkflowState.workflow_id == workflow.id, WorkflowState.is_initial.is_(True))
        .order_by(WorkflowState.sort, WorkflowState.id).limit(1)
    ).scalar_one_or_none()
    if initial is None:
        raise ValidationFailed("workflow.no_initial_state", workflow=workflow.name)
    obj.workflow_id, obj.state_id = workflow.id, initial.id
    _s().add(obj)
    _s().flush()
    return record_entry(obj, to_state=initial, user=user, comment=comment)


def fire(obj, transition, user, *, comment: str | None = None, doc_no: str | None = None,
         on_behalf_of=None) -> WorkflowHistory:
    """Check, claim the state, write the history, run the apply hook — or change nothing.

    ``on_behalf_of`` (a user or id): the actor stands in for that user under a
    live delegation (代办) of a role that fires the transition."""
    t = check(obj, transition, user, comment=comment, doc_no=doc_no)
    principal = delegations.check_transition(user, on_behalf_of, t) if on_behalf_of else None
    _claim(obj, t)
    entry = record_entry(obj, to_state=t.to_state, user=user, comment=comment, doc_no=doc_no, transition=t,
                         on_behalf_of=principal)
    if t.applies_changes:
        hook = _ON_APPLY.get(type(obj))
        if hook is not None:
            hook(obj, entry)
    _s().flush()
    return entry


def countersign(obj, division_id: int, user, *, agree: bool, comment: str | None = None,
                on_behalf_of=None) -> Countersignature:
    """One division's opinion on the subject in its current state (会签), perhaps
    on behalf of a delegator of the same division."""
    state = state_of(obj)
    required = {d.id: d for d in state.countersign_divisions}
    if division_id not in required:
        raise ValidationFailed("workflow.countersign_not_needed", state=_name(state), division=str(division_id))
    division = required[division_id]
    if user is None or division_id not in divisions_of(user.id):
        raise Forbidden("workflow.countersign_not_member", division=_name(division),
                        user=getattr(user, "username", "—"))
    principal = delegations.check_countersign(user, on_behalf_of, division) if on_behalf_of else None
    if not agree and not (comment or "").strip():
        raise ValidationFailed("workflow.countersign_reason_required", division=_name(division))
    entry = current_entry(obj)
    if entry is None:  # pragma: no cover - every state is entered through a history row
        raise Conflict("workflow.state_changed", transition="会签 / countersign")
    exists = _s().execute(
        select(Countersignature.id).where(Countersignature.entry_id == entry.id,
                                          Countersignature.division_id == division_id)
    ).first()
    if exists:
        raise Conflict("workflow.countersign_done", division=_name(division), state=_name(state))
    sig = Countersignature(entry_id=entry.id, division_id=division_id, user_id=user.id, agree=bool(agree),
                           comment=(comment or "").strip() or None, on_behalf_of_id=getattr(principal, "id", None))
    try:
        # The unique (entry, division) constraint settles a race between two
        # members of one division (PostgreSQL); the savepoint keeps the
        # transaction usable for the refusal.
        with _s().begin_nested():
            _s().add(sig)
    except IntegrityError:
        raise Conflict("workflow.countersign_done", division=_name(division), state=_name(state)) from None
    return sig
