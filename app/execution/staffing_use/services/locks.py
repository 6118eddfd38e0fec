"""Which rows of 用编进人 are closed, for the doors to show no edit or delete on them
(``app.core.resources.state_locks``).  The same refusals the services raise on their
own (``plans._require_draft``, ``entry._require_step``), asked before a form shows:
a plan and its lines close once submitted; a batch is edited during 公示 only and
deleted until 入库; the persons of a batch close with its 公示."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import select

from app.core.errors import Conflict, DomainError
from app.execution.staffing_use import rules
from app.execution.staffing_use.models import EntryBatch, EntryCandidate, StaffingPlan, StaffingPlanLine

BOTH = {"edit", "delete"}


def _plan_closed(plan: StaffingPlan) -> Optional[DomainError]:
    if plan.status == "draft":
        return None
    return Conflict("staffing.plan_not_draft", plan=plan.title, status=rules.status_text(plan.status))


def plan_refusal(plan: StaffingPlan, _op: str) -> Optional[DomainError]:
    return _plan_closed(plan)


def line_refusal(line: StaffingPlanLine, _op: str) -> Optional[DomainError]:
    return _plan_closed(line.plan)


def plan_states(pks: list):
    return select(StaffingPlan.id, StaffingPlan.status).where(StaffingPlan.id.in_(pks))


def line_states(pks: list):
    return (select(StaffingPlanLine.id, StaffingPlan.status)
            .join(StaffingPlan, StaffingPlan.id == StaffingPlanLine.plan_id).where(StaffingPlanLine.id.in_(pks)))


def plan_refused(status: str) -> set:
    return set() if status == "draft" else BOTH


def batch_refused(step: str) -> set:
    """Edited during 公示 only; deleted until 入库 (``update_batch``, ``delete_batch``)."""
    if step == "publicity":
        return set()
    return BOTH if step == "entered" else {"edit"}


def batch_refusal(batch: EntryBatch, op: str) -> Optional[DomainError]:
    if op not in batch_refused(batch.step):
        return None
    expected = ("publicity",) if op == "edit" else ("publicity", "application", "review")
    return Conflict("staffing.batch_step", batch=batch.title, step=rules.status_text(batch.step),
                    expected=" / ".join(rules.status_text(s) for s in expected))


def batch_states(pks: list):
    return select(EntryBatch.id, EntryBatch.step).where(EntryBatch.id.in_(pks))


def candidate_refused(step: str) -> set:
    """A batch's persons change during its 公示 only (``save_candidate``, ``delete_candidate``)."""
    return set() if step == "publicity" else BOTH


def candidate_refusal(candidate: EntryCandidate, _op: str) -> Optional[DomainError]:
    batch = candidate.batch
    if not candidate_refused(batch.step):
        return None
    return Conflict("staffing.batch_step", batch=batch.title, step=rules.status_text(batch.step),
                    expected=rules.status_text("publicity"))


def candidate_states(pks: list):
    return (select(EntryCandidate.id, EntryBatch.step)
            .join(EntryBatch, EntryBatch.id == EntryCandidate.batch_id).where(EntryCandidate.id.in_(pks)))
