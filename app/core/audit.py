"""Append-only, hash-chained audit log (SPEC §9).

Every ORM write on every door is captured by session events: ``after_flush``
collects what changed (before/after values), ``before_commit`` appends the rows
to ``audit_log``.  Writes that bypass the unit of work (conditional counter
UPDATEs) are recorded by their service with :func:`record`.

Each row stores ``hash = sha256(prev_hash + canonical row)``; the chain is
appended under a transaction lock so concurrent commits cannot fork it, and
``flask audit verify`` reports the first link that no longer matches.
"""
from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from contextvars import ContextVar
from typing import Any, Iterable, Optional

from sqlalchemy import DateTime, String, Text, event, inspect, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.core.errors import DomainError
from app.core.model_base import Model

GENESIS = "0" * 64
# Columns never written into the log: secrets and login bookkeeping.
REDACTED = {"password"}
# Per table, columns recorded as "***" only: a user's e-mail is for administrators
# (the log is read by staff and leaders too), and a session row's key is the
# digest of a live session token.  A redacted key is logged as a fingerprint.
REDACTED_BY_TABLE = {"ab_user": {"password", "email"}, "user_session": {"id"}}
NOISE = {"last_login", "login_count", "fail_login_count", "changed_on", "created_on"}

_actor: ContextVar[Optional[str]] = ContextVar("audit_actor", default=None)


class AuditLog(Model):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    ts: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(150))
    action: Mapped[str] = mapped_column(String(20))
    object_type: Mapped[str] = mapped_column(String(80), index=True)
    object_id: Mapped[str] = mapped_column(String(80), index=True)
    before: Mapped[Optional[str]] = mapped_column(Text)
    after: Mapped[Optional[str]] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)

    def fields(self) -> dict:
        return {k: getattr(self, k) for k in HASHED}

    def payload(self) -> str:
        return payload(self.fields())

    def compute_hash(self) -> str:
        return chain_hash(self.fields())


HASHED = ("ts", "actor", "action", "object_type", "object_id", "before", "after", "prev_hash")


def payload(row) -> str:
    """The canonical text the hash covers: every field but ``id`` and ``hash``.

    The order of rows is fixed by ``prev_hash``, so the id is not needed and
    a commit's rows can be hashed before they are inserted, in one batch.
    ``row`` is a mapping of the fields (a row's ``__dict__`` or a plain dict).
    """
    fields = [row[k] for k in HASHED]
    fields[0] = fields[0].isoformat(timespec="microseconds")
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


def chain_hash(row) -> str:
    return hashlib.sha256(payload(row).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------
# Who is acting
# --------------------------------------------------------------------------


def set_actor(name: Optional[str]):
    """Name the actor for writes in this context (CLI, seeds, jobs, tests)."""
    return _actor.set(name)


def current_actor() -> str:
    """The logged-in user of a request, else the named actor, else ``system``."""
    from flask import has_request_context

    if has_request_context():
        from app.core.scoping import current_user

        user = current_user()
        if user is not None:
            return f"user:{user.username}"
    return _actor.get() or "system"


# --------------------------------------------------------------------------
# Capturing changes
# --------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if value is None or type(value) is str or type(value) is int:  # the usual cells, first
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def snapshot_of(values: dict[str, Any]) -> dict[str, Any]:
    """A row's values as the audit records them (for rows written without the ORM)."""
    return {key: ("***" if key in REDACTED else _jsonable(value)) for key, value in values.items()}


def _columns(obj) -> Iterable[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs]


def _redacted(obj) -> set[str]:
    table = getattr(type(obj), "__tablename__", None)
    return REDACTED | REDACTED_BY_TABLE.get(table, set())


def _snapshot(obj, *, old: bool) -> dict[str, Any]:
    state = inspect(obj)
    data = {}
    redacted = _redacted(obj)
    for key in _columns(obj):
        if key in redacted:
            data[key] = "***"
            continue
        if not old and key in state.dict:  # the value as it is now (the common, cheap case)
            value = state.dict[key]
        elif old:
            hist = state.attrs[key].history
            value = hist.deleted[0] if hist.deleted else (hist.unchanged[0] if hist.unchanged else None)
        else:
            value = state.attrs[key].value  # not loaded yet (e.g. a server default)
        data[key] = _jsonable(value)
    return data


def _changed_keys(obj) -> set[str]:
    state = inspect(obj)
    return {key for key in _columns(obj) if state.attrs[key].history.has_changes()}


def _identity(obj) -> str:
    state = inspect(obj)
    ident = state.identity
    if ident is None:
        # Just inserted (after_flush runs before the identity map learns the
        # key): the key is on the instance already.
        ident = state.mapper.primary_key_from_instance(obj)
        if all(part is None for part in ident):
            return ""
    keys = [col.key for col in state.mapper.primary_key]
    if set(keys) & _redacted(obj):
        # The key itself is a secret: a fingerprint still pairs a row's create and delete.
        return secret_key_id(",".join(str(part) for part in ident))
    return ",".join(str(part) for part in ident)


def secret_key_id(raw: str) -> str:
    """How a row whose key is itself a secret is named in the log: a fingerprint that
    still pairs the row's create and delete, and gives nothing to reuse."""
    return "#" + hashlib.sha256(("audit-key:" + raw).encode()).hexdigest()[:16]


def _pending(session: Session) -> list[dict]:
    return session.info.setdefault("audit_pending", [])


def enabled(session: Session) -> bool:
    """False while a dry run keeps nothing (``session.info["audit_disabled"]``)."""
    return not session.info.get("audit_disabled")


def record(session: Session, action: str, object_type: str, object_id: Any, before=None, after=None) -> None:
    """Record a write the ORM did not see (e.g. a conditional UPDATE)."""
    if session.info.get("audit_disabled"):
        return
    _pending(session).append(
        {
            "action": action,
            "object_type": object_type,
            "object_id": str(object_id),
            "before": before,
            "after": after,
        }
    )


def record_many(session: Session, action: str, object_type: str, objects: list[tuple[Any, Any]]) -> None:
    """``record`` of many rows at once: ``objects`` holds (object id, after) pairs."""
    if session.info.get("audit_disabled"):
        return
    _pending(session).extend({"action": action, "object_type": object_type, "object_id": str(pk),
                              "before": None, "after": after} for pk, after in objects)


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session: Session, _ctx, _instances) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditLog) and (obj in session.deleted or session.is_modified(obj)):
            raise DomainError("audit.append_only")


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _ctx) -> None:
    if session.info.get("audit_disabled"):
        return
    pending = _pending(session)
    for obj in session.new:
        if isinstance(obj, AuditLog):
            continue
        pending.append(
            {
                "action": "create",
                "object_type": type(obj).__name__,
                "object_id": _identity(obj),
                "before": None,
                "after": _snapshot(obj, old=False),
            }
        )
    for obj in session.dirty:
        if isinstance(obj, AuditLog) or not session.is_modified(obj, include_collections=False):
            continue
        changed = _changed_keys(obj)
        if not changed or changed <= NOISE:
            continue
        before = _snapshot(obj, old=True)
        after = _snapshot(obj, old=False)
        pending.append(
            {
                "action": "update",
                "object_type": type(obj).__name__,
                "object_id": _identity(obj),
                "before": {k: before[k] for k in changed},
                "after": {k: after[k] for k in changed},
            }
        )
    for obj in session.deleted:
        if isinstance(obj, AuditLog):
            continue
        pending.append(
            {
                "action": "delete",
                "object_type": type(obj).__name__,
                "object_id": _identity(obj),
                "before": _snapshot(obj, old=True),
                "after": None,
            }
        )


def _dump(value) -> Optional[str]:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


@event.listens_for(Session, "before_commit")
def _append(session: Session) -> None:
    if session.info.get("audit_disabled"):
        return
    session.flush()  # make sure after_flush has seen everything
    pending = session.info.pop("audit_pending", [])
    if not pending:
        return
    from app.core.db import xact_lock

    xact_lock(session, "audit_log_chain")
    last = session.execute(select(AuditLog.hash).order_by(AuditLog.id.desc()).limit(1)).scalar()
    prev = last or GENESIS
    actor = current_actor()
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    rows = []
    for item in pending:
        row = {"ts": now, "actor": actor, "action": item["action"], "object_type": item["object_type"],
               "object_id": item["object_id"], "before": _dump(item["before"]), "after": _dump(item["after"]),
               "prev_hash": prev}
        row["hash"] = prev = chain_hash(row)
        rows.append(row)
    try:
        # One executemany, no ORM objects: the rows are written once and never
        # changed, and an import's 50,000 of them must not weigh on its flushes.
        from app.core.bulk import execute_insert

        execute_insert(session, AuditLog.__table__, rows)
    finally:
        session.info.pop("audit_pending", None)


@event.listens_for(Session, "after_rollback")
def _discard(session: Session) -> None:
    session.info.pop("audit_pending", None)


@event.listens_for(Session, "after_soft_rollback")
def _discard_soft(session: Session, _previous) -> None:
    session.info.pop("audit_pending", None)


# --------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------


def walk_chain(session: Session, batch: int = 5000) -> dict[str, Any]:
    """Check every link in order.  Returns ``broken`` (the first broken link, or
    ``None``) and the last row checked (``last_id``, ``last_hash``, ``rows``)."""
    prev = GENESIS
    last_id = 0
    count = 0
    while True:
        rows = session.execute(
            select(AuditLog).where(AuditLog.id > last_id).order_by(AuditLog.id).limit(batch)
        ).scalars().all()
        if not rows:
            return {"broken": None, "last_id": last_id, "last_hash": prev, "rows": count}
        for row in rows:
            broken = None
            if row.prev_hash != prev:
                broken = {"id": row.id, "problem": "prev_hash", "expected": prev, "found": row.prev_hash}
            elif row.hash != row.compute_hash():
                broken = {"id": row.id, "problem": "hash", "expected": row.compute_hash(), "found": row.hash}
            if broken:
                return {"broken": broken, "last_id": last_id, "last_hash": prev, "rows": count}
            prev = row.hash
            last_id = row.id
            count += 1
        session.expunge_all()


def verify_chain(session: Session, batch: int = 5000) -> Optional[dict[str, Any]]:
    """Return the first broken link (``None`` when the chain is intact).  The
    chain alone cannot see its newest rows removed: ``app.core.audit_anchor``
    compares it with checkpoints kept outside the database."""
    return walk_chain(session, batch)["broken"]
