"""What a list page reads on every request and almost never changes — the roles'
permissions, the list configurations, the saved filters, the reference dropdowns —
kept across requests in this process, and one number that says when it went stale
(issue #12 item 2: five statements a page, permission checks included).

``cache_generation`` holds one row.  Every flush that writes a row of a watched
model (roles, their permissions, view configurations, saved filters, reference
tables) adds one to it in the same transaction, so the number moves exactly when
the change commits, whatever process made it.  Each request reads the number in
the statement that loads the signed-in user (``BianzhiSecurityManager.load_user``:
no statement of its own) and ``remember`` answers only from entries stored under
that number; an entry of an older number is never served.  A role's permission
removed in one worker is therefore refused by every worker from its next request.

Writes outside the ORM session (raw SQL in a migration, a bulk generator) do not
move the number: run them before the application serves, or restart it.
"""
from __future__ import annotations

import secrets
import threading
from typing import Any, Callable, Hashable, Optional

from flask import current_app, g, has_request_context
from sqlalchemy import DDL, Column, Integer, Table, event, insert, select, update
from sqlalchemy.orm import Session

from app.core.model_base import Model

cache_generation = Table(
    "cache_generation", Model.metadata,
    Column("id", Integer, primary_key=True),
    Column("value", Integer, nullable=False, default=0),
)

_WATCHED: set[type] = set()
_LOCK = threading.Lock()
_ENTRIES: dict[Hashable, tuple[int, Any]] = {}
_G_KEY = "_bianzhi_generation"
_MAX_ENTRIES = 10_000  # users × lists; beyond it the cache starts over rather than grow

# A schema built by ``create_all`` (tests, the demo) gets its row as the migration's does.
event.listen(cache_generation, "after_create", DDL("INSERT INTO cache_generation (id, value) VALUES (1, 0)"))


def watch(*models: type) -> None:
    """A write to any of ``models`` makes every cached answer stale."""
    _WATCHED.update(models)


def is_watched(model: type) -> bool:
    return model in _WATCHED


def column():
    """The current number, as a scalar subquery to add to a statement already needed."""
    return select(cache_generation.c.value).where(cache_generation.c.id == 1).scalar_subquery()


def seen(value: Optional[int]) -> None:
    """The number read with this request's user (None: no row, nothing is cached)."""
    if has_request_context():
        setattr(g, _G_KEY, value)


def current() -> Optional[int]:
    return getattr(g, _G_KEY, None) if has_request_context() else None


def remember(key: Hashable, load: Callable[[], Any]) -> Any:
    """``load()``'s answer for ``key``, from the cache if stored under this request's number.

    Without a number (no request, no signed-in user, the row missing) nothing is
    cached: ``load()`` runs every time, which is always correct."""
    number = current()
    if number is None:
        return load()
    # Two applications of one process on two databases (tests, benchmarks) may meet the same
    # number: the database is part of the key.
    key = (current_app.config.get("SQLALCHEMY_DATABASE_URI"), key)
    hit = _ENTRIES.get(key)
    if hit is not None and hit[0] == number:
        return hit[1]
    value = load()
    with _LOCK:
        if len(_ENTRIES) >= _MAX_ENTRIES:
            _ENTRIES.clear()
        _ENTRIES[key] = (number, value)
    return value


def _fresh() -> int:
    # A restarted number (the row deleted and made again) starts anywhere, so it does not
    # meet the entries of the old one by chance.
    return secrets.randbelow(2**31 - 1)


def bump(connection) -> None:
    """Every cached answer is stale from this transaction's commit on."""
    moved = connection.execute(update(cache_generation).where(cache_generation.c.id == 1)
                               .values(value=(cache_generation.c.value + 1) % (2**31 - 1)))
    if moved.rowcount == 0:
        connection.execute(insert(cache_generation).values(id=1, value=_fresh()))
    if has_request_context():
        g.pop(_G_KEY, None)  # this request's later reads go to the database


def _bump_after_flush(session: Session, _ctx) -> None:
    if not _WATCHED:
        return
    watched = tuple(_WATCHED)
    if any(isinstance(obj, watched) for obj in (*session.new, *session.dirty, *session.deleted)):
        bump(session.connection())


def install() -> None:
    if not event.contains(Session, "after_flush", _bump_after_flush):
        event.listen(Session, "after_flush", _bump_after_flush)
