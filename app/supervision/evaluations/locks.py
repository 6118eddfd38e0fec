"""Which rows of 履职评估 are closed, for the doors to show no edit or delete on them
(``app.core.resources.state_locks``), with the refusals the services raise on their
own: a published indicator system and its indicators are frozen, and so are a final
evaluation and its scores."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import select

from app.core.errors import DomainError
from app.supervision.evaluations.models import DepartmentEvaluation, Indicator, IndicatorScore, IndicatorSystem

BOTH = {"edit", "delete"}


def system_refused(status: str) -> set:
    """A published system's text is frozen; whether it may go is asked by ``delete_system`` (in use or not)."""
    return {"edit"} if status == "published" else set()


def system_refusal(system: IndicatorSystem, op: str) -> Optional[DomainError]:
    if op in system_refused(system.status):
        return DomainError("perf_eval.system_published", system=system.name)
    return None


def system_states(pks: list):
    return select(IndicatorSystem.id, IndicatorSystem.status).where(IndicatorSystem.id.in_(pks))


def published_refused(status: str) -> set:
    return BOTH if status == "published" else set()


def indicator_refusal(ind: Indicator, _op: str) -> Optional[DomainError]:
    if ind.system.status == "published":
        return DomainError("perf_eval.system_published", system=ind.system.name)
    return None


def indicator_states(pks: list):
    return (select(Indicator.id, IndicatorSystem.status)
            .join(IndicatorSystem, IndicatorSystem.id == Indicator.system_id).where(Indicator.id.in_(pks)))


def final_refused(status: str) -> set:
    return BOTH if status == "final" else set()


def evaluation_refusal(ev: DepartmentEvaluation, _op: str) -> Optional[DomainError]:
    return DomainError("perf_eval.final", evaluation=str(ev)) if ev.status == "final" else None


def evaluation_states(pks: list):
    return select(DepartmentEvaluation.id, DepartmentEvaluation.status).where(DepartmentEvaluation.id.in_(pks))


def score_refusal(score: IndicatorScore, op: str) -> Optional[DomainError]:
    return evaluation_refusal(score.evaluation, op)


def score_states(pks: list):
    return (select(IndicatorScore.id, DepartmentEvaluation.status)
            .join(DepartmentEvaluation, DepartmentEvaluation.id == IndicatorScore.evaluation_id)
            .where(IndicatorScore.id.in_(pks)))
