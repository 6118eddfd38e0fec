"""Scoping and the services behind the generic doors.

A task belongs to its drawn institution (a department user would reach only its
own subtree; no department role reads the spot checks by default).  Plans,
items and the inspector pool are the office's own.  Draws are written only by
their use cases (freeze, draw), never by the generic doors.
"""
from app.core import scoping, target_pools
from app.core.crud import refuse_write, register_service
from app.supervision.spot_checks import services as svc
from app.supervision.spot_checks.models import SpotDraw, SpotItem, SpotPlan, SpotTask


def register_all() -> None:
    scoping.register(SpotTask, column=SpotTask.institution_id)
    register_service(SpotItem, create=svc.create_item, update=svc.update_item)
    register_service(SpotPlan, create=svc.create_plan, update=svc.update_plan, delete=svc.delete_plan,
                     update_takes_changes=True)
    register_service(SpotDraw, create=refuse_write, update=refuse_write, delete=refuse_write)
    register_service(SpotTask, create=refuse_write, update=refuse_write, delete=refuse_write)
    target_pools.register(target_pools.DEFAULT, svc.institution_register)
