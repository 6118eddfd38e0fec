"""Which institution each quota row belongs to, and which service writes it."""
from sqlalchemy import false

from app.core import scoping
from app.core.crud import register_service
from app.quota import services as svc
from app.quota.models import (
    Institution,
    InternalDivision,
    LeadershipQuota,
    Person,
    QuotaAllocation,
    QuotaLedgerEntry,
    RegionalCap,
    InstitutionCap,
    ThreeDeterminations,
    UserInstitution,
)


def _institution_predicate(scope):
    return Institution.path.like(scope.path + "%")


def _institution_owners(inst):
    # A new institution belongs where it is attached; an existing one to itself.
    return [inst.id] if inst.id is not None else [inst.parent_id or (inst.parent.id if inst.parent else None)]


def register_all() -> None:
    scoping.register(Institution, predicate=_institution_predicate, owners=_institution_owners)
    for model in (InternalDivision, ThreeDeterminations, QuotaAllocation, QuotaLedgerEntry, LeadershipQuota, Person):
        scoping.register(model, column=model.institution_id)
    # Caps and account bindings are not a department user's business at all.
    for model in (RegionalCap, InstitutionCap, UserInstitution):
        scoping.register(model, predicate=lambda scope: false(), owners=lambda obj: [None])

    register_service(Institution, create=svc.create_institution, update=svc.update_institution,
                     delete=svc.delete_institution)
    register_service(QuotaLedgerEntry, create=svc.record_ledger_entry, update=svc.refuse_ledger_change,
                     delete=svc.refuse_ledger_change)
    register_service(QuotaAllocation, create=svc.refuse_direct_allocation_edit,
                     update=svc.refuse_direct_allocation_edit, delete=svc.refuse_direct_allocation_edit)
    register_service(RegionalCap, create=svc.save_regional_cap, update=svc.save_regional_cap)
    register_service(InstitutionCap, create=svc.save_institution_cap, update=svc.save_institution_cap)
    register_service(LeadershipQuota, create=svc.save_leadership_quota, update=svc.save_leadership_quota,
                     delete=svc.delete_leadership_quota)
    register_service(InternalDivision, create=svc.save_division, update=svc.save_division)
    register_service(Person, create=svc.create_person, update=svc.update_person, delete=svc.delete_person)
    register_service(ThreeDeterminations, create=svc.create_three_determinations,
                     update=svc.refuse_three_determinations_change, delete=svc.refuse_three_determinations_change)
