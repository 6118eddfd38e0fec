"""Which institution each list row belongs to, which service writes it, and
the list changes as a kind of change the approval applies."""
from sqlalchemy import select

from app.approval import apply as approval
from app.core import scoping
from app.core.crud import refuse_write, register_service
from app.extensions import db
from app.execution.power_lists.models import (
    AccountabilityCase,
    CodeFormat,
    PowerCaseChange,
    PowerImplementation,
    PowerItem,
    PowerSnapshot,
    PowerType,
    ResponsibilityItem,
)
from app.execution.power_lists.services import catalogue, changes
from app.justification.cases.models import AdjustmentCase


def _impl_predicate(model):
    def predicate(scope):
        return model.implementation_id.in_(select(PowerImplementation.id).where(
            PowerImplementation.institution_id.in_(scoping.institution_ids_in(scope))))
    return predicate


def _impl_owner(obj):
    impl = obj.implementation or db.session.get(PowerImplementation, obj.implementation_id)
    return [impl.institution_id if impl is not None else None]


def _change_predicate(scope):
    return PowerCaseChange.case_id.in_(select(AdjustmentCase.id).where(
        AdjustmentCase.institution_id.in_(scoping.institution_ids_in(scope))))


def _change_owner(obj):
    case = db.session.get(AdjustmentCase, obj.case_id) if obj.case_id is not None else None
    return [case.institution_id if case is not None else None, obj.institution_id]


def register_all() -> None:
    scoping.register(PowerItem, predicate=lambda s: PowerItem.department_id.in_(scoping.institution_ids_in(s)),
                     owners=lambda o: [o.department_id])
    scoping.register(PowerImplementation, column=PowerImplementation.institution_id)
    scoping.register(PowerSnapshot, column=PowerSnapshot.institution_id)
    for model in (ResponsibilityItem, AccountabilityCase):
        scoping.register(model, predicate=_impl_predicate(model), owners=_impl_owner)
    scoping.register(PowerCaseChange, predicate=_change_predicate, owners=_change_owner)
    register_service(PowerType, create=catalogue.save_type, update=catalogue.save_type, delete=catalogue.delete_type)
    register_service(CodeFormat, create=catalogue.save_format, update=catalogue.save_format,
                     delete=catalogue.delete_format)
    register_service(PowerItem, create=catalogue.create_item, update=catalogue.update_item,
                     delete=catalogue.delete_item, update_takes_changes=True)
    register_service(PowerImplementation, create=catalogue.create_implementation,
                     update=catalogue.update_implementation, delete=catalogue.delete_implementation,
                     update_takes_changes=True)
    register_service(ResponsibilityItem, create=catalogue.save_responsibility, update=catalogue.save_responsibility,
                     delete=catalogue.delete_part)
    register_service(AccountabilityCase, create=catalogue.save_accountability, update=catalogue.save_accountability,
                     delete=catalogue.delete_part)
    register_service(PowerCaseChange, create=changes.save_change, update=changes.save_change,
                     delete=changes.delete_change)
    # Snapshots are written by publishing only, and never edited or deleted.
    register_service(PowerSnapshot, create=refuse_write, update=refuse_write, delete=refuse_write)
    approval.register_changes("power_lists", changes.count, changes.apply_case)
