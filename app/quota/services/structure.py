"""An institution's structure: internal divisions (内设机构) and 三定 versions.

三定 versions are appended, never rewritten.
"""
from __future__ import annotations

from sqlalchemy import func, select

from app.core.counters import locked_state
from app.core.errors import DomainError, ValidationFailed
from app.core.orm import require, sync_foreign_keys
from app.extensions import db
from app.quota.models import Institution, InternalDivision, LeadershipQuota, Person, ThreeDeterminations

# ---------------------------------------------------------------------------
# Internal divisions (内设机构)
# ---------------------------------------------------------------------------

# What an edit may change (the form's and the API's edit columns).
DIVISION_FIELDS = frozenset({"institution_id", "name", "functions", "sort"})


def _validate_division(div: InternalDivision) -> None:
    sync_foreign_keys(div)
    inst = require(Institution, div.institution_id, "机构 / institution")
    div.name = (div.name or "").strip()
    if not div.name:
        raise ValidationFailed("write.required", field="名称 / name")
    clash = db.session.execute(select(InternalDivision.id).where(
        InternalDivision.institution_id == inst.id, InternalDivision.name == div.name,
        InternalDivision.id != (div.id or 0))).first()
    if clash:
        raise ValidationFailed("division.duplicate", institution=inst.name, name=div.name)


def create_division(div: InternalDivision) -> InternalDivision:
    _validate_division(div)
    db.session.add(div)
    db.session.flush()
    return div


def update_division(div: InternalDivision, **changes) -> InternalDivision:
    """Change the named fields of ``div`` (``DIVISION_FIELDS``): rename, re-sort …"""
    unknown = set(changes) - DIVISION_FIELDS
    if unknown:
        raise TypeError(f"update_division: not changeable here: {sorted(unknown)}")
    for key, value in changes.items():
        setattr(div, key, value)
    _validate_division(div)
    db.session.flush()
    return div


def delete_division(div: InternalDivision) -> None:
    """Remove a division nobody is in: refused while persons are in post in it or
    leadership positions are approved for it; positions of 0 go with it."""
    locked_state(div, ("institution_id",))  # a parallel entry into it waits for this delete
    users = db.session.execute(select(func.count(Person.id)).where(Person.division_id == div.id,
                                                                    Person.status == "active")).scalar_one()
    users += db.session.execute(select(func.count(LeadershipQuota.id)).where(
        LeadershipQuota.division_id == div.id, LeadershipQuota.approved > 0)).scalar_one()
    if users:
        raise DomainError("division.in_use", division=div.name, count=users)
    for lq in db.session.execute(select(LeadershipQuota).where(LeadershipQuota.division_id == div.id)).scalars():
        db.session.delete(lq)
    db.session.delete(div)
    db.session.flush()


# ---------------------------------------------------------------------------
# 三定: versions are appended, never rewritten
# ---------------------------------------------------------------------------


def create_three_determinations(td: ThreeDeterminations) -> ThreeDeterminations:
    sync_foreign_keys(td)
    require(Institution, td.institution_id, "机构 / institution")
    last = db.session.execute(
        select(func.max(ThreeDeterminations.version)).where(ThreeDeterminations.institution_id == td.institution_id)
    ).scalar()
    td.version = (last or 0) + 1
    db.session.add(td)
    db.session.flush()
    return td


def refuse_three_determinations_change(_td) -> None:
    raise DomainError("three_det.append_only")
