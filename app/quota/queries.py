"""Reads for the home page: SQL aggregates, restricted to the caller's scope."""
from __future__ import annotations

from sqlalchemy import func, select

from app.core import scoping
from app.extensions import db
from app.quota.models import Institution, InstitutionCap, QuotaAllocation, QuotaType, Region


def quota_totals():
    """Approved / occupied / vacant per quota type over the rows the user may see."""
    stmt = (
        select(QuotaType.name, func.sum(QuotaAllocation.approved), func.sum(QuotaAllocation.occupied))
        .join(QuotaType, QuotaAllocation.quota_type_id == QuotaType.id)
        .group_by(QuotaType.id, QuotaType.name)
        .order_by(QuotaType.id)
    )
    stmt = scoping.apply(QuotaAllocation, stmt)
    return [(name, approved or 0, occupied or 0, (approved or 0) - (occupied or 0))
            for name, approved, occupied in db.session.execute(stmt)]


def institution_counts():
    """Institutions the user may see, by status."""
    stmt = scoping.apply(Institution, select(Institution.status, func.count(Institution.id)).group_by(Institution.status))
    return dict(db.session.execute(stmt).all())


def institution_caps():
    """机构限额 per region (not a department user's business: empty for them)."""
    stmt = scoping.apply(
        InstitutionCap,
        select(Region.name, InstitutionCap.total, InstitutionCap.used)
        .join(Region, InstitutionCap.region_id == Region.id)
        .order_by(Region.code),
    )
    return db.session.execute(stmt).all()
