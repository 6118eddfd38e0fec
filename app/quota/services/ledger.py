"""The quota ledger and the allocations it moves: invariants 1 (总量不突破),
3 (标准不突破) and 6 (不得混用编制).

The ledger is append-only; its balance is the allocation's ``approved``.  An
increase takes the regional cap first, then the allocation (lock order of
``app.core.counters``); a decrease never goes below the persons in post.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from app.core import audit
from app.core.counters import move
from app.core.errors import DomainError, InvariantViolation, QuotaExceeded, ValidationFailed
from app.core.orm import require, sync_foreign_keys
from app.extensions import db
from app.quota import rules
from app.quota.models import (
    Institution,
    InstitutionCategory,
    QuotaAllocation,
    QuotaLedgerEntry,
    QuotaType,
    Region,
    RegionalCap,
)

# ---------------------------------------------------------------------------
# Invariant 6: no 混用编制
# ---------------------------------------------------------------------------


def check_quota_type_allowed(inst: Institution, qt: QuotaType) -> None:
    allowed = {c.id for c in qt.allowed_categories}
    if inst.category_id not in allowed:
        category = inst.category or db.session.get(InstitutionCategory, inst.category_id)
        raise InvariantViolation("quota.misuse", institution=inst.name, category=category.name, quota_type=qt.name)


def allocation_where(institution_id: int, quota_type_id: int) -> list:
    return [QuotaAllocation.institution_id == institution_id, QuotaAllocation.quota_type_id == quota_type_id]


# ---------------------------------------------------------------------------
# Ledger and allocations: invariants 1, 3, 6
# ---------------------------------------------------------------------------


def _allocation_id(institution_id: int, quota_type_id: int) -> int:
    """The allocation row's id, created empty on first use (race-safe)."""
    table = QuotaAllocation.__table__
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (
        insert(table)
        .values(institution_id=institution_id, quota_type_id=quota_type_id, approved=0, occupied=0)
        .on_conflict_do_nothing(index_elements=["institution_id", "quota_type_id"])
        .returning(table.c.id)
    )
    created = db.session.execute(stmt).scalar()
    if created is not None:
        audit.record(db.session, "create", "QuotaAllocation", created, after={
            "institution_id": institution_id, "quota_type_id": quota_type_id, "approved": 0, "occupied": 0})
        return created
    return db.session.execute(select(QuotaAllocation.id).where(*allocation_where(institution_id, quota_type_id))).scalar_one()


def _allocation_numbers(alloc_id: int) -> tuple[int, int]:
    return db.session.execute(
        select(QuotaAllocation.approved, QuotaAllocation.occupied).where(QuotaAllocation.id == alloc_id)
    ).one()


def standard_limit(inst: Institution, qt: QuotaType) -> tuple[Optional[int], Optional[str]]:
    """Invariant 3: the maximum the institution's staffing standard allows."""
    std = inst.standard
    if std is None or std.quota_type_id != qt.id:
        return None, None
    return rules.standard_maximum(std.rows, inst.standard_metric), std.name


def record_ledger_entry(entry: QuotaLedgerEntry) -> QuotaLedgerEntry:
    """Append a ledger entry and move the allocation (and regional cap) by its delta."""
    sync_foreign_keys(entry)
    inst = require(Institution, entry.institution_id, "机构 / institution")
    qt = require(QuotaType, entry.quota_type_id, "编制类型 / quota type")
    delta = int(entry.delta or 0)
    if delta == 0:
        raise ValidationFailed("ledger.zero_delta")

    if delta > 0:
        check_quota_type_allowed(inst, qt)
        _take_regional_quota(inst, qt, delta)
    alloc_id = _allocation_id(inst.id, qt.id)

    if delta > 0:
        maximum, std_name = standard_limit(inst, qt)
        also = () if maximum is None else (QuotaAllocation.approved + delta <= maximum,)
        if not move(QuotaAllocation, [QuotaAllocation.id == alloc_id], "approved", delta, also=also):
            approved, _ = _allocation_numbers(alloc_id)
            raise QuotaExceeded(
                "quota.standard_exceeded",
                institution=inst.name,
                quota_type=qt.name,
                standard=std_name,
                maximum=maximum,
                used=approved,
                requested=delta,
                excess=rules.excess(maximum, approved, delta),
            )
    else:
        floor = (QuotaAllocation.approved + delta >= QuotaAllocation.occupied,)
        if not move(QuotaAllocation, [QuotaAllocation.id == alloc_id], "approved", delta, also=floor):
            approved, occupied = _allocation_numbers(alloc_id)
            raise InvariantViolation(
                "quota.negative_balance",
                institution=inst.name,
                quota_type=qt.name,
                total=approved,
                used=occupied,
                requested=-delta,
            )
        _release_regional_quota(inst, qt, -delta)

    entry.institution_id, entry.quota_type_id, entry.delta = inst.id, qt.id, delta
    entry.balance_after = _allocation_numbers(alloc_id)[0]
    entry.actor = entry.actor or audit.current_actor()
    entry.effective_on = entry.effective_on or dt.date.today()
    db.session.add(entry)
    db.session.flush()
    alloc = db.session.get(QuotaAllocation, alloc_id)
    if alloc is not None:
        db.session.refresh(alloc)
    return entry


def adjust_quota(institution: Institution, quota_type: QuotaType, delta: int, *, reason: str = "",
                 doc_no: str = "", effective_on: Optional[dt.date] = None) -> QuotaLedgerEntry:
    """Convenience door for CLI, seeds and other services."""
    return record_ledger_entry(
        QuotaLedgerEntry(
            institution_id=institution.id, quota_type_id=quota_type.id, delta=delta,
            reason=reason, doc_no=doc_no, effective_on=effective_on,
        )
    )


def _regional_cap_where(inst: Institution, qt: QuotaType) -> list:
    return [RegionalCap.region_id == inst.region_id, RegionalCap.quota_type_id == qt.id]


def _take_regional_quota(inst: Institution, qt: QuotaType, n: int) -> None:
    if move(RegionalCap, _regional_cap_where(inst, qt), "used", n, also=(RegionalCap.used + n <= RegionalCap.total,)):
        return
    row = db.session.execute(
        select(RegionalCap.total, RegionalCap.used).where(
            RegionalCap.region_id == inst.region_id, RegionalCap.quota_type_id == qt.id
        )
    ).first()
    if row is None:
        return  # no aggregate control configured for this region and type
    region = db.session.get(Region, inst.region_id)
    raise QuotaExceeded(
        "quota.regional_cap_exceeded",
        region=region.name,
        quota_type=qt.name,
        total=row.total,
        used=row.used,
        requested=n,
        excess=rules.excess(row.total, row.used, n),
    )


def _release_regional_quota(inst: Institution, qt: QuotaType, n: int) -> None:
    move(RegionalCap, _regional_cap_where(inst, qt), "used", -n)


def refuse_direct_allocation_edit(_obj) -> None:
    raise DomainError("quota.allocation_direct_edit")


def refuse_ledger_change(_obj) -> None:
    raise DomainError("ledger.append_only")
