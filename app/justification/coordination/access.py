"""The coordination list is office-internal: no department user reaches it."""
from app.core.crud import register_service
from app.office.access import office_only


def register_all() -> None:
    from app.justification.coordination import services as svc
    from app.justification.coordination.models import CoordinationItem, Milestone

    office_only(CoordinationItem, Milestone)
    register_service(CoordinationItem, create=svc.create_item, update=svc.update_item, delete=svc.delete_item)
    register_service(Milestone, create=svc.save_milestone, update=svc.save_milestone, delete=svc.delete_milestone)
