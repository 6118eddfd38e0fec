"""Use cases of the quota database, and the six invariants of SPEC §1.

Every door (form, action, REST API, CLI, seeds, imports, jobs) calls these
functions inside ``core.db.transaction()``.  They flush, never commit, and raise
a ``DomainError`` naming the rule, the object and the numbers.

Concurrency: counters are moved with relative conditional UPDATEs
(``SET used = used + :n WHERE … AND used + :n <= total``) and the row count
decides; PostgreSQL re-evaluates the WHERE on the locked row, SQLite runs
writers one at a time (``BEGIN IMMEDIATE``).  Lock order, to avoid deadlocks:
institution cap → regional cap → allocation → leadership quota.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import String, and_, case, func, insert, text, inspect as sa_inspect, literal, or_, select, type_coerce, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm.attributes import set_committed_value

from app.core import audit, idnumber, scoping, uscc
from app.core.db import xact_lock
from app.core.errors import (
    DomainError,
    InvariantViolation,
    NotFound,
    QuotaExceeded,
    ScopeViolation,
    ValidationFailed,
)
from app.core.notices import warn
from app.core.orm import check_choice, require, sync_foreign_keys, validate_columns
from app.extensions import db
from app.quota import rules
from app.quota.models import (
    EXIT_REASONS,
    GENDERS,
    INSTITUTION_STATUSES,
    LIVE_STATUSES,
    PERSON_STATUSES,
    Institution,
    InstitutionCap,
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
    StaffingStandard,
    ThreeDeterminations,
)


def _s():
    return db.session


def locked_state(obj, keys, *, derived=()) -> dict:
    """The row's committed values of ``keys``, read under a row lock.

    Two requests editing the same row each hold a copy loaded before the other
    committed; counters must move from what the database holds now, not from
    that copy.  PostgreSQL: SELECT … FOR UPDATE waits for the other writer and
    returns its committed values.  SQLite: writers are serialised, the plain
    read is already current.
    """
    model = type(obj)
    columns = [getattr(model, k) for k in keys]
    with _s().no_autoflush:  # the pending edit must not reach the row before we read it
        row = _s().execute(select(*columns).where(model.id == obj.id).with_for_update()).one_or_none()
    if row is None:  # deleted by another request meanwhile
        raise NotFound("write.not_found", object=str(obj))
    state = dict(zip(keys, row))
    # Our copy may be older than the row.  What this request did not change
    # takes the row's current value (so neither the counters nor the UPDATE
    # act on a stale copy); what it changed is written.  Derived columns are
    # the service's own business and always come from the row.
    attrs = sa_inspect(obj).attrs
    for key, value in state.items():
        if key in derived or not attrs[key].history.has_changes():
            set_committed_value(obj, key, value)
    return state


def _lock_in_order(model, wheres: list[list]) -> None:
    """SELECT … FOR UPDATE the rows matching any of ``wheres``, in id order (PostgreSQL).

    SQLite needs nothing (its writers are serialised) and SQLAlchemy drops the
    FOR UPDATE there.
    """
    _s().execute(
        select(model.id).where(or_(*(and_(*w) for w in wheres))).order_by(model.id).with_for_update()
    ).all()


def _rowcount(stmt) -> int:
    return _s().execute(stmt.execution_options(synchronize_session=False)).rowcount


def _move(model, where: list, column: str, n: int, *, also: tuple = ()) -> bool:
    """Move a counter by ``n`` in one conditional UPDATE; audit it; False if refused.

    ``also`` holds the invariant as SQL (e.g. ``used + n <= total``): it is
    evaluated by the database on the row it locks, so parallel requests cannot
    both pass it.  The new value comes back with RETURNING (SQLite ≥ 3.35, PG).
    """
    col = getattr(model, column)
    stmt = (
        update(model)
        .where(*where, *also)
        .values({column: col + n})
        .returning(model.id, col)
        .execution_options(synchronize_session=False)
    )
    row = _s().execute(stmt).first()
    if row is None:
        return False
    audit.record(_s(), "update", model.__name__, row[0], before={column: row[1] - n}, after={column: row[1]})
    return True


# ---------------------------------------------------------------------------
# Invariant 6: no 混用编制
# ---------------------------------------------------------------------------


def check_quota_type_allowed(inst: Institution, qt: QuotaType) -> None:
    allowed = {c.id for c in qt.allowed_categories}
    if inst.category_id not in allowed:
        category = inst.category or _s().get(InstitutionCategory, inst.category_id)
        raise InvariantViolation("quota.misuse", institution=inst.name, category=category.name, quota_type=qt.name)


# ---------------------------------------------------------------------------
# Invariant 2: 限额不突破 (within-cap party-government institutions per region)
# ---------------------------------------------------------------------------


def _counts_toward_cap(within_cap, status, category_id) -> bool:
    if not within_cap or status not in LIVE_STATUSES or category_id is None:
        return False
    category = _s().get(InstitutionCategory, category_id)
    return bool(category and category.counts_toward_cap)


def _take_institution_slot(region_id: int, n: int = 1) -> None:
    where = [InstitutionCap.region_id == region_id]
    if _move(InstitutionCap, where, "used", n, also=(InstitutionCap.used + n <= InstitutionCap.total,)):
        return
    cap = _s().execute(select(InstitutionCap).where(InstitutionCap.region_id == region_id)).scalar_one_or_none()
    if cap is None:
        return  # no cap configured for this region: nothing to enforce
    _s().refresh(cap)
    raise QuotaExceeded(
        "quota.institution_cap_exceeded",
        region=cap.region.name,
        total=cap.total,
        used=cap.used,
        requested=n,
        excess=rules.excess(cap.total, cap.used, n),
    )


def _release_institution_slot(region_id: int, n: int = 1) -> None:
    _move(InstitutionCap, [InstitutionCap.region_id == region_id], "used", -n)


def count_capped_institutions(region_id: int) -> int:
    return _s().execute(
        select(func.count(Institution.id))
        .join(InstitutionCategory, Institution.category_id == InstitutionCategory.id)
        .where(
            Institution.region_id == region_id,
            Institution.within_cap.is_(True),
            Institution.status.in_(LIVE_STATUSES),
            InstitutionCategory.counts_toward_cap.is_(True),
        )
    ).scalar_one()


# ---------------------------------------------------------------------------
# Institutions
# ---------------------------------------------------------------------------


def _validate_institution(inst: Institution) -> None:
    from flask import current_app, has_app_context

    if not (inst.name or "").strip():
        raise ValidationFailed("write.required", field="名称 / name")
    inst.name = inst.name.strip()
    if inst.category_id is None and inst.category is None:
        raise ValidationFailed("write.required", field="机构类别 / category")
    if inst.region_id is None and inst.region is None:
        raise ValidationFailed("write.required", field="行政区划 / region")
    check_choice(inst.status or "active", INSTITUTION_STATUSES, "状态 / status")
    with _s().no_autoflush:  # the edit reaches the row only once it is checked
        clash = _s().execute(select(Institution.id).where(
            Institution.name == inst.name, Institution.id != (inst.id or 0),
            Institution.parent_id.is_(None) if inst.parent_id is None else Institution.parent_id == inst.parent_id,
        ).limit(1)).first()
    if clash:
        parent = _s().get(Institution, inst.parent_id) if inst.parent_id is not None else None
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
        clash = _s().execute(
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


def _refuse_department(inst: Institution, fields) -> None:
    if scoping.current_scope() is None:
        return  # office roles, CLI, jobs
    if fields is None:
        raise ScopeViolation("institution.office_only", institution=inst.name, field="设立 / establish")
    state = sa_inspect(inst)
    for key in fields:
        if state.attrs[key].history.has_changes():
            raise ScopeViolation("institution.office_only", institution=inst.name, field=key)


def create_institution(inst: Institution) -> Institution:
    _refuse_department(inst, None)
    sync_foreign_keys(inst)
    _validate_institution(inst)
    inst.status = inst.status or "active"
    if inst.within_cap is None:
        inst.within_cap = True
    if _counts_toward_cap(inst.within_cap, inst.status, inst.category_id):
        _take_institution_slot(inst.region_id)
    _s().add(inst)
    _s().flush()
    parent_path = _s().get(Institution, inst.parent_id).path if inst.parent_id else "/"
    inst.path = f"{parent_path}{inst.id}/"
    _s().flush()
    return inst


def update_institution(inst: Institution) -> Institution:
    old = locked_state(inst, ("parent_id", "within_cap", "status", "category_id", "region_id", "path"),
                       derived=("path",))
    sync_foreign_keys(inst)
    _refuse_department(inst, OFFICE_ONLY_FIELDS)
    _validate_institution(inst)

    if inst.parent_id != old["parent_id"]:
        _move_subtree(inst, old["path"])

    if old["status"] in LIVE_STATUSES and inst.status not in LIVE_STATUSES:
        active = _s().execute(
            select(func.count(Person.id)).where(Person.institution_id == inst.id, Person.status == "active")
        ).scalar_one()
        if active:
            raise ValidationFailed("institution.revoke_with_persons", institution=inst.name, count=active)

    _check_standard_still_holds(inst)

    was = _counts_toward_cap(old["within_cap"], old["status"], old["category_id"])
    now = _counts_toward_cap(inst.within_cap, inst.status, inst.category_id)
    if was and (not now or old["region_id"] != inst.region_id):
        _release_institution_slot(old["region_id"])
    if now and (not was or old["region_id"] != inst.region_id):
        _take_institution_slot(inst.region_id)
    _s().flush()
    return inst


def _check_standard_still_holds(inst: Institution) -> None:
    """Invariant 3 from the other side: a new metric or standard must still cover
    what is already approved (fewer students cannot leave more teachers)."""
    state = sa_inspect(inst)
    if not (state.attrs.standard_id.history.has_changes() or state.attrs.standard_metric.history.has_changes()):
        return
    std = _s().get(StaffingStandard, inst.standard_id) if inst.standard_id else None
    if std is None:
        return
    maximum = rules.standard_maximum(std.rows, inst.standard_metric)
    approved = _s().execute(
        select(QuotaAllocation.approved).where(*_allocation_where(inst.id, std.quota_type_id))
    ).scalar() or 0
    if maximum is not None and approved > maximum:
        raise InvariantViolation("quota.standard_below_approved", institution=inst.name, standard=std.name,
                                 maximum=maximum, used=approved)


def _move_subtree(inst: Institution, old_path: str) -> None:
    if inst.parent_id is None:
        new_path = f"/{inst.id}/"
    else:
        parent = _s().get(Institution, inst.parent_id)
        if parent is None:
            raise ValidationFailed("write.required", field="上级机构 / parent")
        if parent.path.startswith(old_path):
            raise ValidationFailed("institution.cycle", institution=inst.name, parent=parent.name)
        scope = scoping.current_scope()
        if scope is not None and not scoping.institution_in_scope(parent.id, scope):
            from app.core.errors import ScopeViolation

            raise ScopeViolation("scope.forbidden", object=parent.name)
        new_path = f"{parent.path}{inst.id}/"
    # Rewrite the materialised path of the whole subtree in one statement.
    _rowcount(
        update(Institution)
        .where(Institution.path.like(old_path + "%"))
        .values(path=literal(new_path, String) + type_coerce(func.substr(Institution.path, len(old_path) + 1), String))
    )
    inst.path = new_path


def delete_institution(inst: Institution) -> None:
    row = locked_state(inst, ("within_cap", "status", "category_id", "region_id"))
    children = _s().execute(select(func.count(Institution.id)).where(Institution.parent_id == inst.id)).scalar_one()
    if children:
        raise ValidationFailed("institution.has_children", institution=inst.name, count=children)
    used = _s().execute(select(func.count(QuotaLedgerEntry.id)).where(QuotaLedgerEntry.institution_id == inst.id))
    persons = _s().execute(select(func.count(Person.id)).where(Person.institution_id == inst.id))
    if used.scalar_one() or persons.scalar_one():
        raise ValidationFailed("institution.in_use", institution=inst.name)
    if _counts_toward_cap(row["within_cap"], row["status"], row["category_id"]):
        _release_institution_slot(row["region_id"])
    for model in (QuotaAllocation, LeadershipQuota, InternalDivision, ThreeDeterminations):
        for row in _s().execute(select(model).where(model.institution_id == inst.id)).scalars():
            _s().delete(row)
    _s().flush()
    _s().delete(inst)
    _s().flush()


# ---------------------------------------------------------------------------
# Ledger and allocations: invariants 1, 3, 6
# ---------------------------------------------------------------------------


def _allocation_id(institution_id: int, quota_type_id: int) -> int:
    """The allocation row's id, created empty on first use (race-safe)."""
    table = QuotaAllocation.__table__
    dialect = _s().get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (
        insert(table)
        .values(institution_id=institution_id, quota_type_id=quota_type_id, approved=0, occupied=0)
        .on_conflict_do_nothing(index_elements=["institution_id", "quota_type_id"])
        .returning(table.c.id)
    )
    created = _s().execute(stmt).scalar()
    if created is not None:
        audit.record(_s(), "create", "QuotaAllocation", created, after={
            "institution_id": institution_id, "quota_type_id": quota_type_id, "approved": 0, "occupied": 0})
        return created
    return _s().execute(select(QuotaAllocation.id).where(*_allocation_where(institution_id, quota_type_id))).scalar_one()


def _allocation_numbers(alloc_id: int) -> tuple[int, int]:
    return _s().execute(
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
        if not _move(QuotaAllocation, [QuotaAllocation.id == alloc_id], "approved", delta, also=also):
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
        if not _move(QuotaAllocation, [QuotaAllocation.id == alloc_id], "approved", delta, also=floor):
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
    _s().add(entry)
    _s().flush()
    alloc = _s().get(QuotaAllocation, alloc_id)
    if alloc is not None:
        _s().refresh(alloc)
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


def _regional_cap_used(region_id: int, quota_type_id: int) -> int:
    return _s().execute(
        select(func.coalesce(func.sum(QuotaAllocation.approved), 0))
        .join(Institution, QuotaAllocation.institution_id == Institution.id)
        .where(Institution.region_id == region_id, QuotaAllocation.quota_type_id == quota_type_id)
    ).scalar_one()


def _regional_cap_where(inst: Institution, qt: QuotaType) -> list:
    return [RegionalCap.region_id == inst.region_id, RegionalCap.quota_type_id == qt.id]


def _take_regional_quota(inst: Institution, qt: QuotaType, n: int) -> None:
    if _move(RegionalCap, _regional_cap_where(inst, qt), "used", n, also=(RegionalCap.used + n <= RegionalCap.total,)):
        return
    row = _s().execute(
        select(RegionalCap.total, RegionalCap.used).where(
            RegionalCap.region_id == inst.region_id, RegionalCap.quota_type_id == qt.id
        )
    ).first()
    if row is None:
        return  # no aggregate control configured for this region and type
    region = _s().get(Region, inst.region_id)
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
    _move(RegionalCap, _regional_cap_where(inst, qt), "used", -n)


def refuse_direct_allocation_edit(_obj) -> None:
    raise DomainError("quota.allocation_direct_edit")


def refuse_ledger_change(_obj) -> None:
    raise DomainError("ledger.append_only")


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
    _s().add(cap)
    _s().flush()
    return cap


def save_institution_cap(cap: InstitutionCap) -> InstitutionCap:
    sync_foreign_keys(cap)
    region = require(Region, cap.region_id, "行政区划 / region")
    used = count_capped_institutions(region.id)
    if cap.total is None or cap.total < used:
        raise InvariantViolation("quota.institution_cap_below_used", region=region.name, used=used, total=cap.total)
    cap.used = used
    _s().add(cap)
    _s().flush()
    return cap


# ---------------------------------------------------------------------------
# Leadership quotas: invariant 5
# ---------------------------------------------------------------------------


def _leaders_in_post(institution_id: int, division_id: Optional[int], rank_id: int) -> int:
    return _s().execute(
        select(func.count(Person.id)).where(
            Person.institution_id == institution_id,
            Person.division_id.is_(None) if division_id is None else Person.division_id == division_id,
            Person.rank_id == rank_id,
            Person.status == "active",
        )
    ).scalar_one()


def save_leadership_quota(lq: LeadershipQuota) -> LeadershipQuota:
    sync_foreign_keys(lq)
    inst = require(Institution, lq.institution_id, "机构 / institution")
    rank = require(Rank, lq.rank_id, "职级 / rank")
    holder = inst.name
    if lq.division_id is not None:
        division = require(InternalDivision, lq.division_id, "内设机构 / division")
        if division.institution_id != inst.id:
            raise ValidationFailed("write.required", field="内设机构 / division")
        holder = f"{inst.name} {division.name}"
    used = _leaders_in_post(inst.id, lq.division_id, rank.id)
    if lq.approved is None or lq.approved < used:
        raise InvariantViolation("quota.leadership_below_used", holder=holder, rank=rank.name, used=used,
                                 total=lq.approved)
    lq.used = used
    _s().add(lq)
    _s().flush()
    return lq


def adjust_leadership_quota(institution_id: int, division_id: Optional[int], rank_id: int,
                            delta: int) -> LeadershipQuota:
    """Move approved 领导职数 by ``delta`` (relative, so parallel approvals add up);
    never below the leaders in post."""
    where = _leadership_where(institution_id, division_id, rank_id)
    lq = _s().execute(select(LeadershipQuota).where(*where)).scalar_one_or_none()
    if lq is None:
        lq = save_leadership_quota(LeadershipQuota(institution_id=institution_id, division_id=division_id,
                                                   rank_id=rank_id, approved=0))
    if not _move(LeadershipQuota, [LeadershipQuota.id == lq.id], "approved", delta,
                 also=(LeadershipQuota.approved + delta >= LeadershipQuota.used,)):
        _s().refresh(lq)
        holder = _s().get(Institution, institution_id).name
        if division_id is not None:
            holder = f"{holder} {_s().get(InternalDivision, division_id).name}"
        raise InvariantViolation("quota.leadership_below_used", holder=holder, rank=_s().get(Rank, rank_id).name,
                                 used=lq.used, total=lq.approved + delta)
    _s().refresh(lq)
    return lq


def delete_leadership_quota(lq: LeadershipQuota) -> None:
    lq.approved = 0
    save_leadership_quota(lq)  # refuses while leaders are in post
    _s().delete(lq)
    _s().flush()


def _leadership_where(institution_id: int, division_id: Optional[int], rank_id: int) -> list:
    return [
        LeadershipQuota.institution_id == institution_id,
        LeadershipQuota.rank_id == rank_id,
        LeadershipQuota.division_id.is_(None) if division_id is None else LeadershipQuota.division_id == division_id,
    ]


def _take_leadership(person: Person, rank: Rank, n: int = 1) -> None:
    """``n`` more leaders of ``rank`` where ``person`` sits, within the approved positions."""
    cond = _leadership_where(person.institution_id, person.division_id, rank.id)
    if _move(LeadershipQuota, cond, "used", n, also=(LeadershipQuota.used + n <= LeadershipQuota.approved,)):
        return
    row = _s().execute(select(LeadershipQuota.approved, LeadershipQuota.used).where(*cond)).first()
    total, used = (row.approved, row.used) if row else (0, 0)
    inst = _s().get(Institution, person.institution_id)
    holder = inst.name
    if person.division_id:
        holder = f"{inst.name} {_s().get(InternalDivision, person.division_id).name}"
    raise QuotaExceeded(
        "quota.leadership_exceeded", holder=holder, rank=rank.name, total=total, used=used, requested=n,
        excess=rules.excess(total, used, n),
    )


def _release_leadership(institution_id: int, division_id: Optional[int], rank_id: int) -> None:
    _move(LeadershipQuota, _leadership_where(institution_id, division_id, rank_id), "used", -1)


# ---------------------------------------------------------------------------
# Persons: invariants 4, 5, 6
# ---------------------------------------------------------------------------


def _allocation_where(institution_id: int, quota_type_id: int) -> list:
    return [QuotaAllocation.institution_id == institution_id, QuotaAllocation.quota_type_id == quota_type_id]


def _occupy(inst: Institution, qt: QuotaType, n: int = 1) -> None:
    """``n`` more persons on ``inst``'s ``qt`` quota, never beyond the approved number."""
    where = _allocation_where(inst.id, qt.id)
    if not _move(QuotaAllocation, where, "occupied", n,
                 also=(QuotaAllocation.occupied + n <= QuotaAllocation.approved,)):
        _refuse_entry(inst, qt, n)


def _refuse_entry(inst: Institution, qt: QuotaType, n: int) -> None:
    row = _s().execute(select(QuotaAllocation.approved, QuotaAllocation.occupied)
                       .where(*_allocation_where(inst.id, qt.id))).first()
    total, used = (row.approved, row.occupied) if row else (0, 0)
    raise QuotaExceeded(
        "quota.over_quota_entry", institution=inst.name, quota_type=qt.name, total=total, used=used, requested=n,
        excess=rules.excess(total, used, n),
    )


def _occupy_many(groups: dict[tuple[int, int], list]) -> None:
    """``_occupy`` for many allocations in one UPDATE: ``groups`` maps
    (institution id, quota type id) to [institution, quota type, n]; each
    allocation moves by its own n, each within its own approved number."""
    A = QuotaAllocation
    insts = {k[0] for k in groups}
    types = {k[1] for k in groups}
    ids = {(i, q): pk for i, q, pk in _s().execute(
        select(A.institution_id, A.quota_type_id, A.id).where(A.institution_id.in_(insts), A.quota_type_id.in_(types))
    ).all() if (i, q) in groups}
    for key in sorted(groups):
        if key not in ids:  # no allocation at all: nothing approved to enter
            _refuse_entry(*groups[key])
    n_of = {ids[key]: groups[key][2] for key in groups}
    _lock_in_order(A, [[A.id == pk] for pk in sorted(n_of)])  # parallel imports lock in one order
    delta = case(n_of, value=A.id)
    moved = dict(_s().execute(
        update(A).where(A.id.in_(n_of), A.occupied + delta <= A.approved)
        .values(occupied=A.occupied + delta).returning(A.id, A.occupied)
        .execution_options(synchronize_session=False)
    ).all())
    for pk, occupied in moved.items():
        audit.record(_s(), "update", "QuotaAllocation", pk, before={"occupied": occupied - n_of[pk]},
                     after={"occupied": occupied})
    for key in sorted(groups):
        if ids[key] not in moved:
            _refuse_entry(*groups[key])


def _vacate(institution_id: int, quota_type_id: int) -> None:
    _move(QuotaAllocation, _allocation_where(institution_id, quota_type_id), "occupied", -1)


def _validate_person(p: Person) -> tuple[Institution, QuotaType, Optional[Rank]]:
    sync_foreign_keys(p)
    if not (p.name or "").strip():
        raise ValidationFailed("write.required", field="姓名 / name")
    p.name = p.name.strip()
    p.id_number, born, sex = idnumber.facts(p.id_number or "")
    p.birth_date = p.birth_date or born
    p.gender = p.gender or sex
    p.status = p.status or "active"
    check_choice(p.status, PERSON_STATUSES, "状态 / status")
    check_choice(p.gender, GENDERS, "性别 / gender")
    if p.exit_reason is not None:
        check_choice(p.exit_reason, EXIT_REASONS, "出编原因 / exit reason")
    if p.status == "active" and (p.exit_date or p.exit_reason):
        raise ValidationFailed("person.exit_fields_when_active", person=p.name)
    if p.status == "exited" and not (p.exit_date and p.exit_reason):
        raise ValidationFailed("person.exit_reason_required", person=p.name)
    if p.exit_date and p.entry_date and p.exit_date < p.entry_date:
        raise ValidationFailed("person.dates_order", person=p.name, entry=p.entry_date, exit=p.exit_date)
    inst = require(Institution, p.institution_id, "机构 / institution")
    qt = require(QuotaType, p.quota_type_id, "编制类型 / quota type")
    rank = _s().get(Rank, p.rank_id) if p.rank_id else None
    if p.division_id is not None:
        division = require(InternalDivision, p.division_id, "内设机构 / division")
        if division.institution_id != inst.id:
            raise ValidationFailed("write.required", field="内设机构 / division")
    return inst, qt, rank


def _check_unique_active(p: Person) -> None:
    clash = _s().execute(
        select(Institution.name)
        .join(Person, Person.institution_id == Institution.id)
        .where(Person.id_number == p.id_number, Person.status == "active", Person.id != (p.id or 0))
    ).scalar()
    if clash:
        raise ValidationFailed("person.duplicate_active", id_number=idnumber.mask(p.id_number), institution=clash)


def _check_entry(inst: Institution, qt: QuotaType) -> None:
    """A person enters only a living institution, on a quota type its category may hold."""
    if inst.status not in LIVE_STATUSES:
        raise ValidationFailed("person.institution_revoked", institution=inst.name, status=inst.status)
    check_quota_type_allowed(inst, qt)


def _enter(p: Person, inst: Institution, qt: QuotaType, rank: Optional[Rank]) -> None:
    """Occupy a quota (and a leadership position) for an active person."""
    _check_entry(inst, qt)
    _check_unique_active(p)
    _occupy(inst, qt)
    if rank is not None and rank.is_leadership:
        _take_leadership(p, rank)


def create_person(p: Person) -> Person:
    inst, qt, rank = _validate_person(p)
    if p.status == "active":
        p.entry_date = p.entry_date or dt.date.today()
        _enter(p, inst, qt, rank)
    _s().add(p)
    _s().flush()
    return p


def create_persons(persons: list[Person]) -> list[Person]:
    """``create_person`` for many persons at once (imports): the same rules, set-based.

    Each person is validated as by ``create_person``; then one SELECT finds ID
    numbers already in post, and each allocation (and leadership position) moves
    once by the number of persons entering it, in one conditional UPDATE whose
    condition is the invariant for the whole group.  All or nothing: the first
    refusal raises, and the caller's transaction (or savepoint) is rolled back;
    to know which person broke a group's limit, call ``create_person`` one by one.
    """
    entering: list[tuple[Person, Institution, QuotaType, Optional[Rank]]] = []
    for p in persons:
        inst, qt, rank = _validate_person(p)
        if p.status == "active":
            p.entry_date = p.entry_date or dt.date.today()
            _check_entry(inst, qt)
            entering.append((p, inst, qt, rank))
    _check_unique_active_many([p for p, *_ in entering])
    allocations: dict[tuple[int, int], list] = {}
    leaders: dict[tuple[int, Optional[int], int], list] = {}
    for p, inst, qt, rank in entering:
        allocations.setdefault((inst.id, qt.id), [inst, qt, 0])[2] += 1
        if rank is not None and rank.is_leadership:
            leaders.setdefault((inst.id, p.division_id, rank.id), [p, rank, 0])[2] += 1
    _occupy_many(allocations)
    # Sorted keys: two parallel imports lock the leadership rows in the same order.
    for key in sorted(leaders, key=lambda k: (k[0], k[1] or 0, k[2])):
        _take_leadership(*leaders[key])
    _insert_persons(persons)
    return persons


def _insert_persons(persons: list[Person]) -> None:
    """One multi-row INSERT (the ORM's unit of work costs more than the rest of
    an import), with what a flush would do: column limits checked first, and a
    ``create`` audit record per person, as the session events write for ORM rows."""
    table = Person.__table__
    keys = [c.key for c in table.columns if c.key != "id"]
    for p in persons:
        validate_columns(p)
    rows = [{k: getattr(p, k) for k in keys} for p in persons]
    if not rows:
        return
    if _s().get_bind().dialect.name == "postgresql":
        # Keys drawn from the sequence first, then a plain executemany: on
        # PostgreSQL an INSERT … RETURNING of 1,000 rows cost about 3× as much.
        ids = _s().execute(text("SELECT nextval(pg_get_serial_sequence('person', 'id')) FROM generate_series(1, :n)"),
                           {"n": len(rows)}).scalars().all()
        for row, pk in zip(rows, ids):
            row["id"] = pk
        _s().execute(insert(table), rows)
    else:
        ids = _s().execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).scalars().all()
    for p, pk, row in zip(persons, ids, rows):
        row.pop("id", None)
        p.id = pk
        audit.record(_s(), "create", "Person", pk, after=audit.snapshot_of({"id": pk, **row}))


def _check_unique_active_many(persons: list[Person]) -> None:
    """No ID number twice in post: not among ``persons``, not against the database."""
    seen: dict[str, Person] = {}
    for p in persons:
        if p.id_number in seen:
            raise ValidationFailed("person.duplicate_active", id_number=idnumber.mask(p.id_number),
                                   institution=_s().get(Institution, seen[p.id_number].institution_id).name)
        seen[p.id_number] = p
    for start in range(0, len(persons), 500):
        numbers = [p.id_number for p in persons[start:start + 500]]
        # By ID number only, the status filtered here: with a status condition
        # PostgreSQL (no statistics yet for the rows an import has just written)
        # walked every active person through the status index for each chunk.
        clash = next((row for row in _s().execute(
            select(Person.id_number, Person.institution_id, Person.status).where(Person.id_number.in_(numbers))
        ) if row.status == "active"), None)
        if clash:
            raise ValidationFailed("person.duplicate_active", id_number=idnumber.mask(clash[0]),
                                   institution=_s().get(Institution, clash[1]).name)


def _occupancy(status, institution_id, quota_type_id, division_id, rank_id):
    """What an active person holds: (allocation key, leadership key or None)."""
    if status != "active":
        return None, None
    leadership = None
    if rank_id is not None:
        rank = _s().get(Rank, rank_id)
        if rank is not None and rank.is_leadership:
            leadership = (institution_id, division_id, rank_id)
    return (institution_id, quota_type_id), leadership


def update_person(p: Person) -> Person:
    keys = ("status", "institution_id", "quota_type_id", "division_id", "rank_id")
    old = locked_state(p, keys)
    inst, qt, rank = _validate_person(p)
    old_alloc, old_lead = _occupancy(*(old[k] for k in keys))
    new_alloc, new_lead = _occupancy(p.status, p.institution_id, p.quota_type_id, p.division_id, p.rank_id)

    # A transfer touches two rows of each counter table; two opposite transfers
    # at once would lock them in opposite orders.  Lock both up front, by id.
    if old_alloc and new_alloc and old_alloc != new_alloc:
        _lock_in_order(QuotaAllocation, [_allocation_where(*old_alloc), _allocation_where(*new_alloc)])
    if old_lead and new_lead and old_lead != new_lead:
        _lock_in_order(LeadershipQuota, [_leadership_where(*old_lead), _leadership_where(*new_lead)])

    if old_alloc and old_alloc != new_alloc:
        _vacate(*old_alloc)
    if old_lead and old_lead != new_lead:
        _release_leadership(*old_lead)
    if new_alloc and new_alloc != old_alloc:
        _check_entry(inst, qt)
        _check_unique_active(p)
        _occupy(inst, qt)
    if new_lead and new_lead != old_lead:
        _take_leadership(p, rank)
    _s().flush()
    return p


def exit_person(p: Person, *, exit_date: dt.date, exit_reason: str) -> Person:
    """出编: the person leaves the quota; its slot becomes vacant again."""
    p.status, p.exit_date, p.exit_reason = "exited", exit_date, exit_reason
    return update_person(p)


def delete_person(p: Person) -> None:
    row = locked_state(p, ("status", "institution_id", "quota_type_id", "division_id", "rank_id"))
    alloc, lead = _occupancy(*row.values())
    if alloc:
        _vacate(*alloc)
    if lead:
        _release_leadership(*lead)
    _s().delete(p)
    _s().flush()


# ---------------------------------------------------------------------------
# 三定: versions are appended, never rewritten
# ---------------------------------------------------------------------------


def save_division(div: InternalDivision) -> InternalDivision:
    sync_foreign_keys(div)
    inst = require(Institution, div.institution_id, "机构 / institution")
    div.name = (div.name or "").strip()
    if not div.name:
        raise ValidationFailed("write.required", field="名称 / name")
    clash = _s().execute(select(InternalDivision.id).where(
        InternalDivision.institution_id == inst.id, InternalDivision.name == div.name,
        InternalDivision.id != (div.id or 0))).first()
    if clash:
        raise ValidationFailed("division.duplicate", institution=inst.name, name=div.name)
    _s().add(div)
    _s().flush()
    return div


def create_three_determinations(td: ThreeDeterminations) -> ThreeDeterminations:
    sync_foreign_keys(td)
    require(Institution, td.institution_id, "机构 / institution")
    last = _s().execute(
        select(func.max(ThreeDeterminations.version)).where(ThreeDeterminations.institution_id == td.institution_id)
    ).scalar()
    td.version = (last or 0) + 1
    _s().add(td)
    _s().flush()
    return td


def refuse_three_determinations_change(_td) -> None:
    raise DomainError("three_det.append_only")


# ---------------------------------------------------------------------------
# 赋码: issuing USCCs to registered institutions
# ---------------------------------------------------------------------------


def assign_uscc(inst: Institution) -> Optional[str]:
    """Give ``inst`` the next free USCC of its category and region (None if it has one).

    The serial (positions 9–16) is one more than the highest issued for the
    same prefix; a transaction lock per prefix keeps parallel issues apart.
    """
    if inst.uscc:
        return None
    category = inst.category or _s().get(InstitutionCategory, inst.category_id)
    region = inst.region or _s().get(Region, inst.region_id)
    # Function zones have no GB/T 2260 code: they register under their city.
    while region is not None and not (len(region.code) == 6 and region.code.isdigit()):
        region = region.parent
    if region is None:
        raise ValidationFailed("uscc.generate_region", region=inst.region.code if inst.region else "")
    prefix = "1" + category.uscc_code + region.code
    xact_lock(_s(), "uscc:" + prefix)
    issued = _s().execute(select(Institution.uscc).where(Institution.uscc.like(prefix + "%"))).scalars().all()
    serials = [int(code[8:16]) for code in issued if code[8:16].isdigit()]
    inst.uscc = uscc.generate(category.uscc_code, region.code, max(serials, default=0) + 1)
    _s().flush()
    return inst.uscc
