"""Institutions: create, update (move in the tree, revoke, re-class), delete.

An institution that counts toward its region's 机构限额 takes a slot of the
institution cap (``caps``); moving it in the tree rewrites the materialised
path of its whole subtree in one statement.
"""
from __future__ import annotations

from flask import current_app, has_app_context
from sqlalchemy import String, func, literal, select, type_coerce, update

from app.core import scoping, uscc
from app.core.counters import locked_state, rowcount
from app.core.errors import InvariantViolation, ScopeViolation, ValidationFailed
from app.core.notices import warn
from app.core.orm import check_choice, sync_foreign_keys
from app.extensions import db
from app.quota import rules
from app.quota.models import (
    INSTITUTION_STATUSES,
    LIVE_STATUSES,
    Institution,
    InternalDivision,
    LeadershipQuota,
    Person,
    QuotaAllocation,
    QuotaLedgerEntry,
    StaffingStandard,
    ThreeDeterminations,
)
from app.quota.services.caps import counts_toward_cap, release_institution_slot, take_institution_slot
from app.quota.services.ledger import allocation_where

# ---------------------------------------------------------------------------
# Institutions
# ---------------------------------------------------------------------------


def _validate_institution(inst: Institution) -> None:
    if not (inst.name or "").strip():
        raise ValidationFailed("write.required", field="名称 / name")
    inst.name = inst.name.strip()
    if inst.category_id is None and inst.category is None:
        raise ValidationFailed("write.required", field="机构类别 / category")
    if inst.region_id is None and inst.region is None:
        raise ValidationFailed("write.required", field="行政区划 / region")
    check_choice(inst.status or "active", INSTITUTION_STATUSES, "状态 / status")
    with db.session.no_autoflush:  # the edit reaches the row only once it is checked
        clash = db.session.execute(select(Institution.id).where(
            Institution.name == inst.name, Institution.id != (inst.id or 0),
            Institution.parent_id.is_(None) if inst.parent_id is None else Institution.parent_id == inst.parent_id,
        ).limit(1)).first()
    if clash:
        parent = db.session.get(Institution, inst.parent_id) if inst.parent_id is not None else None
        raise ValidationFailed("institution.duplicate_name", name=inst.name, parent=parent.name if parent else "—")
    if inst.revoked_on and inst.established_on and inst.revoked_on < inst.established_on:
        raise ValidationFailed(
            "institution.dates_order", institution=inst.name, start=inst.established_on, end=inst.revoked_on
        )
    if inst.uscc:
        allow_legacy = bool(has_app_context() and current_app.config.get("USCC_ACCEPT_LEGACY_ORG_CHECK"))
        result = uscc.validate(inst.uscc, allow_legacy_org_check=allow_legacy)
        inst.uscc = result.code
        for key, params in result.warnings:
            warn(key, **params)
        clash = db.session.execute(
            select(Institution.name).where(Institution.uscc == inst.uscc, Institution.id != (inst.id or 0))
        ).scalar()
        if clash:
            raise ValidationFailed("uscc.duplicate", code=inst.uscc, institution=clash)
    else:
        inst.uscc = None


# What only the staffing office may decide about an institution; a department
# user may keep its own units' descriptive fields up to date (SPEC §1, §2:
# establishing, revoking or re-classing goes through an adjustment case).
OFFICE_ONLY_FIELDS = ("name", "uscc", "category_id", "region_id", "level", "parent_id", "within_cap", "status",
                      "established_on", "revoked_on", "standard_id", "standard_metric")
# What an edit may change (the form's and the API's edit columns).
UPDATABLE = frozenset(OFFICE_ONLY_FIELDS + ("short_name", "functions"))
# What the counters and the tree depend on: read from the row under a lock.
LOCKED = ("parent_id", "within_cap", "status", "category_id", "region_id", "path")


def _refuse_department(inst: Institution, changes) -> None:
    """A department user files a case instead of establishing an institution
    (``changes`` None) or changing an office-only field of its own."""
    if scoping.current_scope() is None:
        return  # office roles, CLI, jobs
    if changes is None:
        raise ScopeViolation("institution.office_only", institution=inst.name, field="设立 / establish")
    for key in OFFICE_ONLY_FIELDS:
        if key in changes:
            raise ScopeViolation("institution.office_only", institution=inst.name, field=key)


def create_institution(inst: Institution) -> Institution:
    _refuse_department(inst, None)
    sync_foreign_keys(inst)
    _validate_institution(inst)
    inst.status = inst.status or "active"
    if inst.within_cap is None:
        inst.within_cap = True
    if counts_toward_cap(inst.within_cap, inst.status, inst.category_id):
        take_institution_slot(inst.region_id)
    db.session.add(inst)
    db.session.flush()
    parent_path = db.session.get(Institution, inst.parent_id).path if inst.parent_id else "/"
    inst.path = f"{parent_path}{inst.id}/"
    db.session.flush()
    return inst


def update_institution(inst: Institution, **changes) -> Institution:
    """Change the named fields of ``inst`` (``UPDATABLE``) under every rule.

    The tree, the cap slots and the standard are checked against the row as
    committed now (read under a row lock), with ``changes`` applied on top.
    """
    unknown = set(changes) - UPDATABLE
    if unknown:
        raise TypeError(f"update_institution: not changeable here: {sorted(unknown)}")
    old = locked_state(inst, LOCKED, derived=LOCKED)
    for key, value in changes.items():
        setattr(inst, key, value)
    sync_foreign_keys(inst)
    _refuse_department(inst, changes)
    _validate_institution(inst)

    if inst.parent_id != old["parent_id"]:
        _move_subtree(inst, old["path"])

    if old["status"] in LIVE_STATUSES and inst.status not in LIVE_STATUSES:
        active = db.session.execute(
            select(func.count(Person.id)).where(Person.institution_id == inst.id, Person.status == "active")
        ).scalar_one()
        if active:
            raise ValidationFailed("institution.revoke_with_persons", institution=inst.name, count=active)

    if {"standard_id", "standard_metric"} & set(changes):
        _check_standard_still_holds(inst)

    was = counts_toward_cap(old["within_cap"], old["status"], old["category_id"])
    now = counts_toward_cap(inst.within_cap, inst.status, inst.category_id)
    if was and (not now or old["region_id"] != inst.region_id):
        release_institution_slot(old["region_id"])
    if now and (not was or old["region_id"] != inst.region_id):
        take_institution_slot(inst.region_id)
    db.session.flush()
    return inst


def _check_standard_still_holds(inst: Institution) -> None:
    """Invariant 3 from the other side: a new metric or standard must still cover
    what is already approved (fewer students cannot leave more teachers)."""
    std = db.session.get(StaffingStandard, inst.standard_id) if inst.standard_id else None
    if std is None:
        return
    maximum = rules.standard_maximum(std.rows, inst.standard_metric)
    approved = db.session.execute(
        select(QuotaAllocation.approved).where(*allocation_where(inst.id, std.quota_type_id))
    ).scalar() or 0
    if maximum is not None and approved > maximum:
        raise InvariantViolation("quota.standard_below_approved", institution=inst.name, standard=std.name,
                                 maximum=maximum, used=approved)


def _move_subtree(inst: Institution, old_path: str) -> None:
    if inst.parent_id is None:
        new_path = f"/{inst.id}/"
    else:
        parent = db.session.get(Institution, inst.parent_id)
        if parent is None:
            raise ValidationFailed("write.required", field="上级机构 / parent")
        if parent.path.startswith(old_path):
            raise ValidationFailed("institution.cycle", institution=inst.name, parent=parent.name)
        scoping.refuse_outside(scoping.current_scope(), parent.id, label=parent.name, path=parent.path)
        new_path = f"{parent.path}{inst.id}/"
    # Rewrite the materialised path of the whole subtree in one statement.
    rowcount(
        update(Institution)
        .where(Institution.path.like(old_path + "%"))
        .values(path=literal(new_path, String) + type_coerce(func.substr(Institution.path, len(old_path) + 1), String))
    )
    inst.path = new_path


def delete_institution(inst: Institution) -> None:
    row = locked_state(inst, ("within_cap", "status", "category_id", "region_id"))
    children = db.session.execute(select(func.count(Institution.id)).where(Institution.parent_id == inst.id)).scalar_one()
    if children:
        raise ValidationFailed("institution.has_children", institution=inst.name, count=children)
    used = db.session.execute(select(func.count(QuotaLedgerEntry.id)).where(QuotaLedgerEntry.institution_id == inst.id))
    persons = db.session.execute(select(func.count(Person.id)).where(Person.institution_id == inst.id))
    if used.scalar_one() or persons.scalar_one():
        raise ValidationFailed("institution.in_use", institution=inst.name)
    if counts_toward_cap(row["within_cap"], row["status"], row["category_id"]):
        release_institution_slot(row["region_id"])
    for model in (QuotaAllocation, LeadershipQuota, InternalDivision, ThreeDeterminations):
        for row in db.session.execute(select(model).where(model.institution_id == inst.id)).scalars():
            db.session.delete(row)
    db.session.flush()
    db.session.delete(inst)
    db.session.flush()
