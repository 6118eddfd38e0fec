"""Which institution each 用编进人 row belongs to, and which service writes it.

Every plan, line, batch, person of a batch and exit filing carries its
institution, so one column predicate scopes each read; a new child row is
owned by its parent's institution at the door's scope check.  Application types and
review meetings are office-wide (everyone with read sees them).
"""
from app.core import scoping
from app.core.crud import register_service
from app.extensions import db
from app.execution.staffing_use import services as svc
from app.execution.staffing_use.models import (
    ApplicationType,
    EntryBatch,
    EntryCandidate,
    ExitFiling,
    ReviewMeeting,
    StaffingPlan,
    StaffingPlanLine,
)
from app.quota.models import Person


def _owner_via(parent_model, fk: str):
    """A new row's institution is its parent's (the service copies it only after
    the door's scope check): plan → line, line → batch, batch → person of the
    batch, person → exit filing."""
    def owners(obj):
        if obj.institution_id is not None:
            return [obj.institution_id]
        parent = db.session.get(parent_model, getattr(obj, fk)) if getattr(obj, fk) is not None else None
        return [parent.institution_id if parent is not None else None]
    return owners


def register_all() -> None:
    scoping.register(StaffingPlan, column=StaffingPlan.institution_id)
    for model, parent, fk in ((StaffingPlanLine, StaffingPlan, "plan_id"),
                              (EntryBatch, StaffingPlanLine, "plan_line_id"),
                              (EntryCandidate, EntryBatch, "batch_id"), (ExitFiling, Person, "person_id")):
        scoping.register(model, predicate=lambda scope, _c=model.institution_id: _c.in_(
            scoping.institution_ids_in(scope)), owners=_owner_via(parent, fk))
    register_service(ApplicationType, create=svc.save_application_type, update=svc.save_application_type,
                     delete=svc.delete_application_type, update_takes_changes=True)
    register_service(ReviewMeeting, create=svc.save_meeting, update=svc.save_meeting, delete=svc.delete_meeting,
                     update_takes_changes=True)
    register_service(StaffingPlan, create=svc.create_plan, update=svc.update_plan, delete=svc.delete_plan,
                     update_takes_changes=True)
    register_service(StaffingPlanLine, create=svc.create_line, update=svc.update_line, delete=svc.delete_line,
                     update_takes_changes=True)
    register_service(EntryBatch, create=svc.create_batch, update=svc.update_batch, delete=svc.delete_batch,
                     update_takes_changes=True)
    register_service(EntryCandidate, create=svc.save_candidate, update=svc.save_candidate,
                     delete=svc.delete_candidate, update_takes_changes=True)
    register_service(ExitFiling, create=svc.create_exit_filing, update=svc.refuse_exit_filing_change,
                     delete=svc.refuse_exit_filing_change)
