"""Who reaches which evaluation rows, and which services write them.

Grades, indicator systems and plans are the office's (a department user sees
none); a department user reads its own evaluations and their scores only.
"""
from sqlalchemy import select

from app.core import scoping
from app.core.crud import register_service
from app.extensions import db
from app.office.access import office_only
from app.supervision.evaluations import services as svc
from app.supervision.evaluations.models import (DepartmentEvaluation, EvaluationPlan, Grade, Indicator,
                                                IndicatorScore, IndicatorSystem)


def _score_owners(score):
    ev = db.session.get(DepartmentEvaluation, score.evaluation_id) if score.evaluation_id else None
    return [ev.institution_id if ev else None]


def register_all() -> None:
    office_only(Grade, IndicatorSystem, Indicator, EvaluationPlan)
    scoping.register(DepartmentEvaluation, column=DepartmentEvaluation.institution_id)
    scoping.register(IndicatorScore, predicate=lambda scope: IndicatorScore.evaluation_id.in_(
        select(DepartmentEvaluation.id).where(
            DepartmentEvaluation.institution_id.in_(scoping.institution_ids_in(scope)))), owners=_score_owners)
    register_service(Grade, create=svc.save_grade, update=svc.save_grade, delete=svc.delete_grade)
    register_service(IndicatorSystem, create=svc.save_system, update=svc.save_system, delete=svc.delete_system)
    register_service(Indicator, create=svc.save_indicator, update=svc.save_indicator, delete=svc.delete_indicator)
    register_service(EvaluationPlan, create=svc.save_plan, update=svc.save_plan, delete=svc.delete_plan)
    register_service(DepartmentEvaluation, create=svc.create_evaluation, update=svc.update_evaluation,
                     delete=svc.delete_evaluation, update_takes_changes=True)
    register_service(IndicatorScore, create=svc.save_score, update=svc.save_score, delete=svc.delete_score)
