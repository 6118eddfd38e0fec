"""Which institution each case row belongs to, and which service writes it;
the adjustment case as a subject of the workflow engine."""
from sqlalchemy import select

from app.core import scoping
from app.core.crud import refuse_write, register_service
from app.extensions import db
from app.justification.cases import services
from app.justification.cases.models import CASE_TYPES, AdjustmentCase, CaseAttachment, CaseChange, CasePost
from app.workflow import engine


def _case_predicate(model):
    def predicate(scope):
        return model.case_id.in_(select(AdjustmentCase.id).where(
            AdjustmentCase.institution_id.in_(scoping.institution_ids_in(scope))))
    return predicate


def _case_owner(obj):
    case = obj.case if obj.case is not None else db.session.get(AdjustmentCase, obj.case_id)
    return [case.institution_id if case is not None else None]


def register_all() -> None:
    # What a sign-off applies is the approval domain's: it registers its hook itself.
    engine.register_subject(engine.Subject(AdjustmentCase, services.SUBJECT, services.facts, CASE_TYPES))
    scoping.register(AdjustmentCase, column=AdjustmentCase.institution_id)
    for model in (CaseChange, CasePost, CaseAttachment):
        scoping.register(model, predicate=_case_predicate(model), owners=_case_owner)
    register_service(AdjustmentCase, create=services.create_case, update=services.update_case,
                     delete=services.delete_case)
    register_service(CaseChange, create=services.save_change, update=services.save_change,
                     delete=services.delete_part)
    register_service(CasePost, create=services.save_post, update=services.save_post, delete=services.delete_part)
    # Attachments arrive through the upload endpoint only (services.add_attachment).
    register_service(CaseAttachment, create=refuse_write, update=refuse_write, delete=services.delete_part)
