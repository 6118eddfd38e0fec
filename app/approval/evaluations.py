"""动态调整: effectiveness evaluations of applied cases, and the cases they open."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from app.core.counters import locked_state
from app.core.db import without_autoflush
from app.core.errors import DomainError, ValidationFailed
from app.core.orm import check_choice, sync_foreign_keys
from app.extensions import db
from app.approval.models import EVALUATION_CONCLUSIONS, EVALUATION_RECOMMENDATIONS, CaseEvaluation
from app.justification.cases.models import AdjustmentCase
from app.justification.cases.services import create_case
from app.quota.models import QuotaAllocation

# What a follow-up case is about, by what was evaluated.
FOLLOW_UP_TYPE = {"establishment": "function_change", "duties": "function_change"}


def _s():
    return db.session


def usage(institution_id: int) -> tuple[int, int]:
    """(approved, occupied) over all quota types of an institution."""
    row = _s().execute(
        select(func.coalesce(func.sum(QuotaAllocation.approved), 0), func.coalesce(func.sum(QuotaAllocation.occupied), 0))
        .where(QuotaAllocation.institution_id == institution_id)
    ).one()
    return int(row[0]), int(row[1])


@without_autoflush
def save_evaluation(ev: CaseEvaluation) -> CaseEvaluation:
    sync_foreign_keys(ev)
    case = _s().get(AdjustmentCase, ev.case_id)
    if case is None or case.applied_at is None:
        raise DomainError("evaluation.not_applied", case=case.number if case else "—")
    if ev.conclusion is not None or ev.score is not None or ev.recommendation is not None:
        # An evaluation is recorded whole: score, conclusion, recommendation, findings.
        for key, label in (("score", "评分 / score"), ("conclusion", "结论 / conclusion"),
                           ("recommendation", "建议 / recommendation"), ("findings", "评价意见 / findings")):
            if getattr(ev, key) in (None, ""):
                raise ValidationFailed("evaluation.incomplete", field=label)
        check_choice(ev.conclusion, EVALUATION_CONCLUSIONS, "结论 / conclusion")
        check_choice(ev.recommendation, EVALUATION_RECOMMENDATIONS, "建议 / recommendation")
        if not 0 <= ev.score <= 100:
            raise ValidationFailed("write.choice", field="评分 / score", value=ev.score, allowed="0–100")
        ev.evaluated_on = ev.evaluated_on or dt.date.today()
        if ev.kind == "quota_use":
            ev.approved_at_evaluation, ev.occupied_at_evaluation = usage(ev.institution_id)
    _s().add(ev)
    _s().flush()
    return ev


def open_follow_up(ev: CaseEvaluation, user) -> AdjustmentCase:
    """An evaluation that recommends adjusting opens a new case, prefilled from it."""
    locked = locked_state(ev, ("follow_up_case_id",), derived=("follow_up_case_id",))
    if locked["follow_up_case_id"] is not None:
        raise DomainError("evaluation.follow_up_exists", case=_s().get(AdjustmentCase, ev.follow_up_case_id).number)
    if ev.recommendation != "adjust":
        raise DomainError("evaluation.follow_up_needs_adjust")
    case_type = FOLLOW_UP_TYPE.get(ev.kind)
    if case_type is None:  # 编制使用: too many vacancies → 减编, a full house → 增编
        approved, occupied = usage(ev.institution_id)
        case_type = "staffing_decrease" if occupied < approved * 0.8 else "staffing_increase"
    source = ev.case
    case = create_case(AdjustmentCase(
        title=f"动态调整: {ev.institution.name} ({source.number})"[:200], case_type=case_type,
        applicant_kind="unit", institution_id=ev.institution_id,
        reasons=f"效益评价 #{ev.id} ({ev.kind}, {ev.score} 分): {ev.findings}",
    ), user)
    ev.follow_up_case_id = case.id
    _s().flush()
    return case
