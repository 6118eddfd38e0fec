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


# The institution tree, one level at a time (issue #12): a level is read on demand,
# paged, with its true size and each row's number of children, so that nothing is
# ever cut silently, whatever the size of the tree.
TREE_PAGE = 100
HIDDEN_BY_DEFAULT = ("revoked", "merged")


def tree_level(parent_id, *, include_closed: bool = False, page: int = 0, page_size: int = TREE_PAGE):
    """(rows, total, children per row id) of one level of the tree the user may see.

    ``parent_id`` None is the top: the institutions without a parent for the
    unrestricted roles, the bound institution for a department user (its own
    subtree's root).  A parent outside the user's scope has no visible children.
    """
    scope = scoping.current_scope()
    stmt = scoping.apply(Institution, select(Institution))
    if parent_id is not None:
        stmt = stmt.where(Institution.parent_id == parent_id)
    elif scope is None:
        stmt = stmt.where(Institution.parent_id.is_(None))
    else:
        stmt = stmt.where(Institution.id == scope.institution_id)
    if not include_closed:
        stmt = stmt.where(Institution.status.not_in(HIDDEN_BY_DEFAULT))
    total = db.session.execute(select(func.count()).select_from(stmt.subquery())).scalar()
    rows = db.session.execute(
        stmt.order_by(Institution.name, Institution.id).offset(page * page_size).limit(page_size)
    ).scalars().all()
    children = {}
    if rows:
        count = select(Institution.parent_id, func.count(Institution.id)).where(
            Institution.parent_id.in_([row.id for row in rows]))
        if not include_closed:
            count = count.where(Institution.status.not_in(HIDDEN_BY_DEFAULT))
        children = dict(db.session.execute(count.group_by(Institution.parent_id)).all())
    return rows, total, children


def tree_ancestors(institution):
    """The visible institutions from the top of the user's tree down to ``institution``."""
    ids = [int(part) for part in institution.path.strip("/").split("/") if part]
    stmt = scoping.apply(Institution, select(Institution).where(Institution.id.in_(ids)))
    found = {inst.id: inst for inst in db.session.execute(stmt).scalars()}
    return [found[i] for i in ids if i in found]
