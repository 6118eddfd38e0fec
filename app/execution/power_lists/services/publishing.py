"""Publishing (公开): a dated, immutable snapshot of one department's list.

The snapshot freezes every active implementation of the department, with its
responsibility items and accountability cases, as canonical JSON per item.
``content_hash`` is SHA-256 over the previous snapshot's hash of the same
department and every item's JSON in order, so an edited, added or removed row
(or a removed older snapshot) is detected by ``verify``.  Publishing of one
department is serialised (a lock on it): the chain has no forks.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from typing import Iterable, Optional

from sqlalchemy import insert, select

from app.core import audit, scoping
from app.core.db import xact_lock
from app.core.errors import DomainError
from app.core.orm import require
from app.extensions import db
from app.execution.power_lists import search_index
from app.execution.power_lists.models import (
    AccountabilityCase,
    PowerImplementation,
    PowerItem,
    PowerSnapshot,
    PowerSnapshotItem,
    PowerType,
    ResponsibilityItem,
)
from app.quota.models import Institution

CHUNK = 2000


def _s():
    return db.session


# One encoder for every item (json.dumps with options builds a new one per call).
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical(detail: dict) -> str:
    return _ENCODER.encode(detail)


def content_hash(prev_hash: Optional[str], details: Iterable[str]) -> str:
    h = hashlib.sha256((prev_hash or "").encode())
    for text in details:
        h.update(b"\n")
        h.update(text.encode())
    return h.hexdigest()


def _collect(institution_id: int) -> list[dict]:
    """The department's active list, in code order, read in three set-based queries."""
    rows = _s().execute(
        select(PowerImplementation.id, PowerImplementation.code, PowerImplementation.name, PowerType.code,
               PowerType.name, PowerItem.sub_item, PowerImplementation.legal_basis, PowerImplementation.level,
               PowerImplementation.handling_division, PowerImplementation.statutory_days,
               PowerImplementation.promised_days, PowerImplementation.fees, PowerImplementation.flow)
        .join(PowerItem, PowerItem.id == PowerImplementation.item_id)
        .join(PowerType, PowerType.id == PowerImplementation.type_id)
        .where(PowerImplementation.institution_id == institution_id, PowerImplementation.status == "active")
        .order_by(PowerImplementation.code, PowerImplementation.id)).all()
    # The duties of all those implementations in two statements (no per-row or per-chunk reads).
    mine = select(PowerImplementation.id).where(PowerImplementation.institution_id == institution_id,
                                                PowerImplementation.status == "active")
    duties, cases = defaultdict(list), defaultdict(list)
    for impl_id, step, step_name, content in _s().execute(
            select(ResponsibilityItem.implementation_id, ResponsibilityItem.step, ResponsibilityItem.step_name,
                   ResponsibilityItem.content).where(ResponsibilityItem.implementation_id.in_(mine))
            .order_by(ResponsibilityItem.implementation_id, ResponsibilityItem.step, ResponsibilityItem.id)):
        duties[impl_id].append({"step": step, "step_name": step_name, "content": content})
    for impl_id, content in _s().execute(
            select(AccountabilityCase.implementation_id, AccountabilityCase.content)
            .where(AccountabilityCase.implementation_id.in_(mine))
            .order_by(AccountabilityCase.implementation_id, AccountabilityCase.id)):
        cases[impl_id].append(content)
    keys = ("code", "name", "type_code", "type_name", "sub_item", "legal_basis", "level", "handling_division",
            "statutory_days", "promised_days", "fees", "flow")
    return [{**dict(zip(keys, r[1:])), "responsibilities": duties[r[0]], "accountabilities": cases[r[0]]}
            for r in rows]


def latest(institution_id: int) -> Optional[PowerSnapshot]:
    return _s().execute(select(PowerSnapshot).where(PowerSnapshot.institution_id == institution_id)
                        .order_by(PowerSnapshot.id.desc()).limit(1)).scalar_one_or_none()


def publish(institution_id: int, *, today: Optional[dt.date] = None, actor: Optional[str] = None) -> PowerSnapshot:
    """Freeze the department's list now; refused when it has nothing to publish."""
    inst = require(Institution, institution_id, "部门 / department")
    scoping.refuse_outside(scoping.current_scope(), inst.id, label=inst.name)
    xact_lock(_s(), f"power_publish:{inst.id}")
    if _s().get_bind().dialect.name == "postgresql":  # the same lock for writers that do not know the name
        _s().execute(select(Institution.id).where(Institution.id == inst.id).with_for_update())
    items = _collect(inst.id)
    if not items:
        raise DomainError("power_list.nothing_to_publish", department=inst.name)
    prev = latest(inst.id)
    prev_hash = prev.content_hash if prev else None
    # One pass: each item's canonical JSON is its row and goes into the hash.
    rows = []
    for i, d in enumerate(items, start=1):
        rows.append({"seq": i, "code": d["code"], "name": d["name"], "type_code": d["type_code"],
                     "detail": canonical(d)})
    snap = PowerSnapshot(institution_id=inst.id, published_on=today or dt.date.today(),
                         published_by=actor or audit.current_actor(), item_count=len(items), prev_hash=prev_hash,
                         content_hash=content_hash(prev_hash, (r["detail"] for r in rows)))
    _s().add(snap)
    _s().flush()
    for r in rows:
        r["snapshot_id"] = snap.id
    # The items are the snapshot (its hash covers them): a Core executemany, no ORM
    # bulk machinery, then the public search's text index in the same transaction.
    table = PowerSnapshotItem.__table__
    for i in range(0, len(rows), CHUNK):
        _s().execute(insert(table), rows[i:i + CHUNK])
    search_index.add_snapshot(_s(), snap.id)
    return snap


def verify(snap: PowerSnapshot) -> Optional[str]:
    """None if the snapshot is as published; else what differs (zh / en)."""
    details, n = [], 0
    for code, name, type_code, text in _s().execute(
            select(PowerSnapshotItem.code, PowerSnapshotItem.name, PowerSnapshotItem.type_code,
                   PowerSnapshotItem.detail).where(PowerSnapshotItem.snapshot_id == snap.id)
            .order_by(PowerSnapshotItem.seq)):
        n += 1
        try:
            d = json.loads(text)
        except ValueError:
            d = {}
        if (d.get("code"), d.get("name"), d.get("type_code")) != (code, name, type_code):
            return f"事项 {code} 的检索字段与内容不符 / item {code}: its search columns differ from its content"
        details.append(text)
    if n != snap.item_count:
        return f"事项数 {n}, 发布时 {snap.item_count} / {n} items, {snap.item_count} when published"
    prev = _s().execute(select(PowerSnapshot.content_hash).where(
        PowerSnapshot.institution_id == snap.institution_id, PowerSnapshot.id < snap.id)
        .order_by(PowerSnapshot.id.desc()).limit(1)).scalar()
    if prev != snap.prev_hash:
        return "前一版本已被改动或删除 / the previous snapshot was altered or removed"
    if content_hash(snap.prev_hash, details) != snap.content_hash:
        return "内容与发布时的哈希不符 / the content does not match its published hash"
    return None


def verify_all() -> list[tuple[PowerSnapshot, str]]:
    failures = []
    for snap in _s().execute(select(PowerSnapshot).order_by(PowerSnapshot.id)).scalars():
        problem = verify(snap)
        if problem:
            failures.append((snap, problem))
    return failures
