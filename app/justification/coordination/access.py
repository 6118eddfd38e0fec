"""The coordination list is office-internal: no department user reaches it.

Its items name office divisions (lead and co-divisions) and task forces: the
office refuses to delete either while an item refers to it.
"""
from sqlalchemy import exists, or_, select

from app.core.crud import register_service
from app.core.errors import DomainError
from app.extensions import db
from app.justification.coordination import services as svc
from app.justification.coordination.models import CoordinationItem, Milestone, coordination_item_division
from app.office.access import office_only
from app.office.services import register_division_referrer, register_task_force_referrer


def _refuse_task_force_in_use(tf) -> None:
    item = db.session.execute(select(CoordinationItem.title).where(CoordinationItem.task_force_id == tf.id)
                              .limit(1)).scalar()
    if item is not None:
        raise DomainError("coordination.task_force_in_use", task_force=tf.name, item=item)


def register_all() -> None:
    office_only(CoordinationItem, Milestone)
    register_service(CoordinationItem, create=svc.create_item, update=svc.update_item, delete=svc.delete_item)
    register_service(Milestone, create=svc.save_milestone, update=svc.save_milestone, delete=svc.delete_milestone)
    register_division_referrer("顶格协调事项 / coordination items",
                               lambda d: or_(exists().where(CoordinationItem.lead_division_id == d),
                                             exists().where(coordination_item_division.c.division_id == d)))
    register_task_force_referrer("coordination items", _refuse_task_force_in_use)
