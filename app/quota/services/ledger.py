"""The quota ledger and the allocations it moves: invariants 1 (总量不突破),
3 (标准不突破) and 6 (不得混用编制).

The ledger is append-only; its balance is the allocation's ``approved``.  An
increase takes the regional cap first, then the allocation (lock order of
``app.core.counters``); a decrease never goes below the persons in post.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.util import identity_key

from app.core import audit
from app.core.counters import move
from app.core.errors import DomainError, InvariantViolation, QuotaExceeded, ValidationFailed
from app.core.orm import insert_many, require, sync_foreign_keys
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
    StaffingStandard,
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


# ---------------------------------------------------------------------------
# Many entries at once (a case's ledger changes): set-based, same outcome
# ---------------------------------------------------------------------------


def try_record_ledger_entries(entries: list[QuotaLedgerEntry]) -> Optional[list[QuotaLedgerEntry]]:
    """Record ``entries`` in order, set-based (issue #12 item 5), or return ``None``.

    The outcome is exactly that of ``record_ledger_entry`` called for each entry
    in turn — the same counters, balances, ledger rows and audit records — but
    the institutions, quota types, regional caps and allocations are read in one
    query each (locked, PostgreSQL; SQLite's writers are serialised), every
    invariant is checked step by step in memory on those locked values, and the
    counters are written with one executemany per table.

    The entries are inserted outside the session (``app.core.orm.insert_many``):
    they carry their ids; read them back by id for their relationships.

    ``None`` means one of the entries would be refused, and nothing but empty
    allocation rows (audited, as the one-at-a-time path creates them too) has
    been written: the caller records the entries one at a time to refuse the
    right one with its own message and numbers.
    """
    session = db.session
    for entry in entries:
        sync_foreign_keys(entry)
    if any(not e.institution_id or not e.quota_type_id or not int(e.delta or 0) for e in entries):
        return None
    insts = {i.id: i for i in session.execute(
        select(Institution).where(Institution.id.in_({e.institution_id for e in entries}))
        .options(selectinload(Institution.standard).selectinload(StaffingStandard.rows))).scalars().unique()}
    types = {t.id: t for t in session.execute(
        select(QuotaType).where(QuotaType.id.in_({e.quota_type_id for e in entries}))).scalars()}
    if any(e.institution_id not in insts or e.quota_type_id not in types for e in entries):
        return None
    for e in entries:
        inst, qt = insts[e.institution_id], types[e.quota_type_id]
        if int(e.delta) > 0 and inst.category_id not in {c.id for c in qt.allowed_categories}:
            return None  # 混用编制: the one-at-a-time path names it

    # Lock order of app.core.counters: regional caps, then allocations, each in id order.
    pairs = {(insts[e.institution_id].region_id, e.quota_type_id) for e in entries}
    caps = {(r.region_id, r.quota_type_id): dict(r._mapping) for r in session.execute(
        select(RegionalCap.id, RegionalCap.region_id, RegionalCap.quota_type_id, RegionalCap.total, RegionalCap.used)
        .where(RegionalCap.region_id.in_({p[0] for p in pairs}), RegionalCap.quota_type_id.in_({p[1] for p in pairs}))
        .order_by(RegionalCap.id).with_for_update())}
    allocs = _allocations_for({(e.institution_id, e.quota_type_id) for e in entries})

    pending, cap_moves, alloc_moves = [], {}, {}
    for e in entries:
        inst, qt, delta = insts[e.institution_id], types[e.quota_type_id], int(e.delta)
        cap, alloc = caps.get((inst.region_id, qt.id)), allocs[(inst.id, qt.id)]
        if delta > 0:
            if cap is not None and cap["used"] + delta > cap["total"]:
                return None
            maximum, _ = standard_limit(inst, qt)
            if maximum is not None and alloc["approved"] + delta > maximum:
                return None
        elif alloc["approved"] + delta < alloc["occupied"]:
            return None
        steps = [(QuotaAllocation, alloc, "approved", alloc_moves)]
        if cap is not None:  # taken before the allocation grows, given back after it shrinks
            steps.insert(0 if delta > 0 else 1, (RegionalCap, cap, "used", cap_moves))
        for model, row, column, moves in steps:
            pending.append((model.__name__, row["id"], {column: row[column]}, {column: row[column] + delta}))
            row[column] += delta
            moves[row["id"]] = moves.get(row["id"], 0) + delta
        e.institution_id, e.quota_type_id, e.delta = inst.id, qt.id, delta
        e.balance_after = alloc["approved"]

    # Every check passed on the locked rows: write the net moves, then the entries.
    for model, column, moves in ((RegionalCap, "used", cap_moves), (QuotaAllocation, "approved", alloc_moves)):
        table = model.__table__
        if moves:
            session.execute(
                update(table).where(table.c.id == bindparam("row_id"))
                .values({column: table.c[column] + bindparam("net")}),
                [{"row_id": row_id, "net": net} for row_id, net in moves.items()])
        for row_id in moves:  # objects this session holds show the new numbers
            held = session.identity_map.get(identity_key(model, row_id))
            if held is not None:
                session.expire(held)
    for object_type, row_id, before, after in pending:
        audit.record(session, "update", object_type, row_id, before=before, after=after)
    actor, today = audit.current_actor(), dt.date.today()
    for e in entries:
        e.actor = e.actor or actor
        e.effective_on = e.effective_on or today
    insert_many(entries)
    return entries


def _allocations_for(keys: set[tuple[int, int]]) -> dict[tuple[int, int], dict]:
    """The allocation rows of (institution, quota type) ``keys``, locked, created empty where missing."""
    def locked() -> dict[tuple[int, int], dict]:
        rows = db.session.execute(
            select(QuotaAllocation.id, QuotaAllocation.institution_id, QuotaAllocation.quota_type_id,
                   QuotaAllocation.approved, QuotaAllocation.occupied)
            .where(QuotaAllocation.institution_id.in_({k[0] for k in keys}),
                   QuotaAllocation.quota_type_id.in_({k[1] for k in keys}))
            .order_by(QuotaAllocation.id).with_for_update())
        return {(r.institution_id, r.quota_type_id): dict(r._mapping) for r in rows}

    found = locked()
    missing = sorted(keys - found.keys())
    for institution_id, quota_type_id in missing:
        _allocation_id(institution_id, quota_type_id)  # race-safe, audited
    return locked() if missing else found
