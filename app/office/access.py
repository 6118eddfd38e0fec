"""Office-internal registers: no department user reaches any row; writes go through services."""
from sqlalchemy import false

from app.core import scoping
from app.core.crud import register_service


def office_only(*models) -> None:
    """Scope ``models`` to the office: a department user sees none of their rows
    and cannot create any (like the regional caps in ``app.quota.access``)."""
    for model in models:
        scoping.register(model, predicate=lambda scope: false(), owners=lambda obj: [None])


def register_all() -> None:
    from app.office import services as svc
    from app.office.models import DivisionMember, OfficeDivision, TaskForce, TaskForceMember

    office_only(OfficeDivision, DivisionMember, TaskForce, TaskForceMember)
    register_service(OfficeDivision, create=svc.save_division, update=svc.save_division, delete=svc.delete_division)
    register_service(DivisionMember, create=svc.save_division_member, update=svc.save_division_member,
                     delete=svc.delete_division_member)
    register_service(TaskForce, create=svc.save_task_force, update=svc.save_task_force,
                     delete=svc.delete_task_force)
    register_service(TaskForceMember, create=svc.save_task_force_member, update=svc.save_task_force_member,
                     delete=svc.delete_task_force_member)
