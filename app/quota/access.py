"""Which institution each quota row belongs to, and which service writes it; the
institution tree itself, handed to core scoping (``scoping.register_tree``)."""
from sqlalchemy import false, select

from app.core import generation, scoping
from app.core.crud import register_service
from app.core.orm import starts_with
from app.extensions import db
from app.quota import services as svc
from app.quota.models import (
    Institution,
    InstitutionCategory,
    InternalDivision,
    LeadershipQuota,
    Person,
    QuotaAllocation,
    QuotaLedgerEntry,
    QuotaType,
    Rank,
    Region,
    RegionalCap,
    InstitutionCap,
    ThreeDeterminations,
    UserInstitution,
)


def _path_under(path: str):
    """Institutions whose path starts with ``path`` (an index range on SQLite: 9 ms of
    20,000 at province scale against 0.7 ms, and the global search runs three)."""
    return starts_with(Institution.path, path)


def _institution_predicate(scope):
    return _path_under(scope.path)


def _institution_owners(inst):
    # A new institution belongs where it is attached; an existing one to itself.
    return [inst.id] if inst.id is not None else [inst.parent_id or (inst.parent.id if inst.parent else None)]


def _bound(user_id: int):
    """(institution id, path) an account is bound to (department users)."""
    return db.session.execute(
        select(Institution.id, Institution.path)
        .join(UserInstitution, UserInstitution.institution_id == Institution.id)
        .where(UserInstitution.user_id == user_id)
    ).first()


def _bound_columns(user_id_column):
    def one(column):
        return (select(column).join(UserInstitution, UserInstitution.institution_id == Institution.id)
                .where(UserInstitution.user_id == user_id_column).limit(1).scalar_subquery())

    return one(Institution.id), one(Institution.path)


def _path_of(institution_id: int):
    return db.session.execute(select(Institution.path).where(Institution.id == institution_id)).scalar()


def _ids_under(path: str):
    return select(Institution.id).where(_path_under(path)).scalar_subquery()


def register_all() -> None:
    # Reference tables a list's search form offers in full (app.core.choices).
    generation.watch(Region, InstitutionCategory, QuotaType, Rank)
    scoping.register_tree(scoping.Tree(bound=_bound, path_of=_path_of, ids_under=_ids_under,
                                             bound_columns=_bound_columns))
    scoping.register(Institution, predicate=_institution_predicate, owners=_institution_owners)
    for model in (InternalDivision, ThreeDeterminations, QuotaAllocation, QuotaLedgerEntry, LeadershipQuota, Person):
        scoping.register(model, column=model.institution_id)
    # Caps and account bindings are not a department user's business at all.
    for model in (RegionalCap, InstitutionCap, UserInstitution):
        scoping.register(model, predicate=lambda scope: false(), owners=lambda obj: [None])

    register_service(Institution, create=svc.create_institution, update=svc.update_institution,
                     delete=svc.delete_institution, update_takes_changes=True)
    register_service(QuotaLedgerEntry, create=svc.record_ledger_entry, update=svc.refuse_ledger_change,
                     delete=svc.refuse_ledger_change)
    register_service(QuotaAllocation, create=svc.refuse_direct_allocation_edit,
                     update=svc.refuse_direct_allocation_edit, delete=svc.refuse_direct_allocation_edit)
    register_service(RegionalCap, create=svc.save_regional_cap, update=svc.save_regional_cap)
    register_service(InstitutionCap, create=svc.save_institution_cap, update=svc.save_institution_cap)
    register_service(LeadershipQuota, create=svc.save_leadership_quota, update=svc.save_leadership_quota,
                     delete=svc.delete_leadership_quota)
    register_service(InternalDivision, create=svc.create_division, update=svc.update_division,
                     delete=svc.delete_division, update_takes_changes=True)
    register_service(Person, create=svc.create_person, update=svc.update_person, delete=svc.delete_person,
                     update_takes_changes=True)
    register_service(ThreeDeterminations, create=svc.create_three_determinations,
                     update=svc.refuse_three_determinations_change, delete=svc.refuse_three_determinations_change)
