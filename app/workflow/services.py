"""Editing a workflow definition: the checks that keep it interpretable."""
from __future__ import annotations

from sqlalchemy import or_, select

from app.core.errors import DomainError, ValidationFailed
from app.core.orm import sync_foreign_keys
from app.extensions import db
from app.workflow.engine import subject_types
from app.workflow.models import Workflow, WorkflowHistory, WorkflowState, WorkflowTransition


def _s():
    return db.session


def _required(value, field: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationFailed("write.required", field=field)


def save_workflow(wf: Workflow) -> Workflow:
    sync_foreign_keys(wf)
    _required(wf.code, "代码 / code")
    _required(wf.name, "名称 / name")
    _required(wf.signoff_role_id, "签批角色 / sign-off role")
    _s().add(wf)
    _s().flush()
    return wf


def save_state(state: WorkflowState) -> WorkflowState:
    sync_foreign_keys(state)
    _required(state.workflow_id, "流程 / workflow")
    _required(state.code, "代码 / code")
    _required(state.name, "名称 / name")
    if state.time_limit_days is not None and (isinstance(state.time_limit_days, bool)
                                              or not 1 <= state.time_limit_days <= 365):
        raise ValidationFailed("workflow.time_limit", state=state.name, value=state.time_limit_days)
    if state.is_final and state.id is not None:
        leaving = _s().execute(select(WorkflowTransition.id).where(WorkflowTransition.from_state_id == state.id)).first()
        if leaving:
            raise ValidationFailed("workflow.final_state_has_exit", state=state.name)
    _s().add(state)
    _s().flush()
    return state


def save_transition(t: WorkflowTransition) -> WorkflowTransition:
    sync_foreign_keys(t)
    for key, label in (("workflow_id", "流程 / workflow"), ("code", "代码 / code"), ("name", "名称 / name"),
                       ("from_state_id", "起始状态 / from"), ("to_state_id", "目标状态 / to")):
        _required(getattr(t, key), label)
    wf = _s().get(Workflow, t.workflow_id)
    src, dst = _s().get(WorkflowState, t.from_state_id), _s().get(WorkflowState, t.to_state_id)
    if src.workflow_id != wf.id or dst.workflow_id != wf.id:
        raise ValidationFailed("workflow.state_other_workflow", transition=t.name, workflow=wf.name)
    if src.is_final:
        raise ValidationFailed("workflow.final_state_has_exit", state=src.name)
    allowed = subject_types(wf.subject)
    for code in t.case_type_list:
        if code not in allowed:
            raise ValidationFailed("workflow.unknown_case_type", value=code, allowed=", ".join(allowed))
    t.case_types = ",".join(t.case_type_list) or None
    if t.min_amount is not None and t.max_amount is not None and t.min_amount > t.max_amount:
        raise ValidationFailed("write.choice", field="数量范围 / amount range", value=f"{t.min_amount}…{t.max_amount}",
                               allowed="min ≤ max")
    _s().add(t)
    _s().flush()
    return t


def _refuse_if_used(obj, where, what: str) -> None:
    if _s().execute(select(WorkflowHistory.id).where(where).limit(1)).first():
        raise DomainError("workflow.in_use", object=what)


def delete_state(state: WorkflowState) -> None:
    _refuse_if_used(state, or_(WorkflowHistory.to_state_id == state.id, WorkflowHistory.from_state_id == state.id),
                    state.name)
    used = _s().execute(select(WorkflowTransition.id).where(
        or_(WorkflowTransition.from_state_id == state.id, WorkflowTransition.to_state_id == state.id))).first()
    if used:
        raise DomainError("workflow.state_has_transitions", state=state.name)
    _s().delete(state)
    _s().flush()


def delete_transition(t: WorkflowTransition) -> None:
    # History keeps its from/to states; the transition link becomes empty (SET NULL).
    _s().delete(t)
    _s().flush()


def delete_workflow(wf: Workflow) -> None:
    raise DomainError("workflow.delete_refused", workflow=wf.name)
