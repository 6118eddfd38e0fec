"""An institution's structure: internal divisions (内设机构) and 三定 versions.

三定 versions are appended, never rewritten.
"""
from __future__ import annotations

from sqlalchemy import func, select

from app.core.errors import DomainError, ValidationFailed
from app.core.orm import require, sync_foreign_keys
from app.extensions import db
from app.quota.models import Institution, InternalDivision, ThreeDeterminations

# ---------------------------------------------------------------------------
# 三定: versions are appended, never rewritten
# ---------------------------------------------------------------------------


def save_division(div: InternalDivision) -> InternalDivision:
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
    db.session.add(div)
    db.session.flush()
    return div


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
