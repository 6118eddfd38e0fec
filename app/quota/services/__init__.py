"""Use cases of the quota database, and the six invariants of SPEC §1.

One module per group of use cases: ``institutions``, ``ledger`` (with the
allocations it moves), ``caps``, ``leadership``, ``persons``, ``structure``
(internal divisions, 三定) and ``uscc`` (赋码).  The row locks and counter moves
they share are in ``app.core.counters``.

Every door (form, action, REST API, CLI, seeds, imports, jobs) calls these
functions inside ``core.db.transaction()``.  They flush, never commit, and raise
a ``DomainError`` naming the rule, the object and the numbers.

This package re-exports the use cases, so callers write
``from app.quota import services`` and ``services.create_person(…)``.
"""
from app.quota.services.caps import count_capped_institutions, save_institution_cap, save_regional_cap
from app.quota.services.institutions import (
    OFFICE_ONLY_FIELDS,
    create_institution,
    delete_institution,
    update_institution,
)
from app.quota.services.leadership import adjust_leadership_quota, delete_leadership_quota, save_leadership_quota
from app.quota.services.ledger import (
    adjust_quota,
    check_quota_type_allowed,
    record_ledger_entry,
    refuse_direct_allocation_edit,
    refuse_ledger_change,
    standard_limit,
    try_record_ledger_entries,
)
from app.quota.services.persons import create_person, create_person_rows, create_persons, delete_person, exit_person, update_person
from app.quota.services.structure import (
    create_division,
    create_three_determinations,
    delete_division,
    refuse_three_determinations_change,
    update_division,
)
from app.quota.services.uscc import assign_uscc

__all__ = [
    "OFFICE_ONLY_FIELDS", "adjust_leadership_quota", "adjust_quota", "assign_uscc", "check_quota_type_allowed",
    "count_capped_institutions", "create_division", "create_institution", "create_person", "create_person_rows", "create_persons",
    "create_three_determinations", "delete_division", "delete_institution", "delete_leadership_quota", "delete_person",
    "exit_person", "record_ledger_entry", "refuse_direct_allocation_edit", "refuse_ledger_change",
    "refuse_three_determinations_change", "save_institution_cap", "save_leadership_quota",
    "save_regional_cap", "standard_limit", "try_record_ledger_entries", "update_division", "update_institution", "update_person",
]
