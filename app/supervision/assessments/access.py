"""Who reaches which assessment rows, and which services write them.

Cap rules and plans are the office's; a department user reads the assessments
(and their reviews) of the institutions in its subtree — a supervising
department sees its own institutions'.
"""
from sqlalchemy import select

from app.core import scoping
from app.core.crud import register_service
from app.extensions import db
from app.office.access import office_only
from app.supervision.assessments import services as svc
from app.supervision.assessments.models import AssessmentPlan, AssessmentReview, CapRule, InstitutionAssessment


def _review_owners(review):
    a = db.session.get(InstitutionAssessment, review.assessment_id) if review.assessment_id else None
    return [a.institution_id if a else None]


def register_all() -> None:
    office_only(CapRule, AssessmentPlan)
    scoping.register(InstitutionAssessment, column=InstitutionAssessment.institution_id)
    scoping.register(AssessmentReview, predicate=lambda scope: AssessmentReview.assessment_id.in_(
        select(InstitutionAssessment.id).where(
            InstitutionAssessment.institution_id.in_(scoping.institution_ids_in(scope)))), owners=_review_owners)
    register_service(CapRule, create=svc.save_cap_rule, update=svc.save_cap_rule)
    register_service(AssessmentPlan, create=svc.save_plan, update=svc.save_plan, delete=svc.delete_plan)
    register_service(InstitutionAssessment, create=svc.create_assessment, update=svc.update_assessment,
                     delete=svc.delete_assessment, update_takes_changes=True)
    register_service(AssessmentReview, create=svc.save_review, update=svc.save_review, delete=svc.delete_review)
