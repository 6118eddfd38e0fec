"""Which institution an evaluation belongs to and which service writes it; what
a sign-off does to an adjustment case (the workflow engine's apply hook)."""
from app.approval import evaluations
from app.approval.apply import apply_case
from app.approval.models import CaseEvaluation
from app.core import scoping
from app.core.crud import refuse_write, register_service
from app.justification.cases.models import AdjustmentCase
from app.workflow import engine


def register_all() -> None:
    engine.register_apply(AdjustmentCase, apply_case)
    scoping.register(CaseEvaluation, column=CaseEvaluation.institution_id)
    # Evaluations are scheduled by applying a case, then filled in; never added or deleted by hand.
    register_service(CaseEvaluation, create=refuse_write, update=evaluations.save_evaluation, delete=refuse_write)
