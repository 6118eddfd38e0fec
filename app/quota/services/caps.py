"""Caps: 总量不突破 (regional caps per quota type) and 限额不突破 (within-cap
party-government institutions per region, invariant 2).

A cap's ``used`` is taken from the data when the cap is saved, then moved by
the ledger (regional caps) and by the institution services (institution caps).
"""
from __future__ import annotations

from sqlalchemy import func, select

from app.core.counters import move
from app.core.errors import InvariantViolation, QuotaExceeded
from app.core.orm import require, sync_foreign_keys
from app.extensions import db
from app.quota import rules
from app.quota.models import (
    LIVE_STATUSES,
    Institution,
    InstitutionCap,
    InstitutionCategory,
    QuotaAllocation,
    QuotaType,
    Region,
    RegionalCap,
)

# ---------------------------------------------------------------------------
# Invariant 2: 限额不突破 (within-cap party-government institutions per region)
# ---------------------------------------------------------------------------


def counts_toward_cap(within_cap, status, category_id) -> bool:
    """``rules.counts_toward_cap`` for an institution's values before or after an
    edit, the category's flag read by its id."""
    category = db.session.get(InstitutionCategory, category_id) if category_id is not None else None
    return rules.counts_toward_cap(within_cap, status, bool(category and category.counts_toward_cap))


def take_institution_slot(region_id: int, n: int = 1) -> None:
    where = [InstitutionCap.region_id == region_id]
    if move(InstitutionCap, where, "used", n, also=(InstitutionCap.used + n <= InstitutionCap.total,)):
        return
    cap = db.session.execute(select(InstitutionCap).where(InstitutionCap.region_id == region_id)).scalar_one_or_none()
    if cap is None:
        return  # no cap configured for this region: nothing to enforce
    db.session.refresh(cap)
    raise QuotaExceeded(
        "quota.institution_cap_exceeded",
        region=cap.region.name,
        total=cap.total,
        used=cap.used,
        requested=n,
        excess=rules.excess(cap.total, cap.used, n),
    )


def release_institution_slot(region_id: int, n: int = 1) -> None:
    move(InstitutionCap, [InstitutionCap.region_id == region_id], "used", -n)


def count_capped_institutions(region_id: int) -> int:
    return db.session.execute(
        select(func.count(Institution.id))
        .join(InstitutionCategory, Institution.category_id == InstitutionCategory.id)
        .where(
            Institution.region_id == region_id,
            Institution.within_cap.is_(True),
            Institution.status.in_(LIVE_STATUSES),
            InstitutionCategory.counts_toward_cap.is_(True),
        )
    ).scalar_one()


def _regional_cap_used(region_id: int, quota_type_id: int) -> int:
    return db.session.execute(
        select(func.coalesce(func.sum(QuotaAllocation.approved), 0))
        .join(Institution, QuotaAllocation.institution_id == Institution.id)
        .where(Institution.region_id == region_id, QuotaAllocation.quota_type_id == quota_type_id)
    ).scalar_one()


# ---------------------------------------------------------------------------
# Caps
# ---------------------------------------------------------------------------


def save_regional_cap(cap: RegionalCap) -> RegionalCap:
    sync_foreign_keys(cap)
    region = require(Region, cap.region_id, "行政区划 / region")
    qt = require(QuotaType, cap.quota_type_id, "编制类型 / quota type")
    used = _regional_cap_used(region.id, qt.id)
    if cap.total is None or cap.total < used:
        raise InvariantViolation(
            "quota.regional_cap_below_used", region=region.name, quota_type=qt.name, used=used, total=cap.total
        )
    cap.used = used
    db.session.add(cap)
    db.session.flush()
    return cap


def save_institution_cap(cap: InstitutionCap) -> InstitutionCap:
    sync_foreign_keys(cap)
    region = require(Region, cap.region_id, "行政区划 / region")
    used = count_capped_institutions(region.id)
    if cap.total is None or cap.total < used:
        raise InvariantViolation("quota.institution_cap_below_used", region=region.name, used=used, total=cap.total)
    cap.used = used
    db.session.add(cap)
    db.session.flush()
    return cap
