"""Transactions, engine settings and database locks shared by every door.

``transaction()`` is the only place that commits.  Services ``flush()``; the entry
point (view, action, API, CLI, seed, job) wraps the use case in ``transaction()``.

Concurrency (SPEC §1): the quota invariants are enforced with relative
conditional UPDATEs (``… SET used = used + :n WHERE … AND used + :n <= total``)
that PostgreSQL re-evaluates on the locked row.  On SQLite every transaction
starts with ``BEGIN IMMEDIATE`` so writers are serialised from the first
statement instead of failing at commit (pysqlite's implicit BEGIN is disabled).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from app.extensions import db


def configure_engine(engine: Engine) -> None:
    """Dialect settings every connection needs; called once per engine."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _sqlite_connect(dbapi_conn, _record):  # pragma: no cover - trivial
        # Take over transaction control from pysqlite so BEGIN IMMEDIATE works.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def transaction(session: Session | None = None) -> Iterator[Session]:
    """Run a use case: commit once on success, roll everything back on error."""
    session = session or db.session
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


def lock_key(name: str) -> int:
    """A stable 63-bit key for a PostgreSQL advisory lock."""
    import hashlib

    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big") & 0x7FFF_FFFF_FFFF_FFFF


def xact_lock(session: Session, name: str) -> None:
    """Serialise a critical section until the end of the current transaction.

    PostgreSQL: a transaction-scoped advisory lock.  SQLite: nothing to do, the
    transaction already holds the database write lock (BEGIN IMMEDIATE).
    """
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        from sqlalchemy import text

        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_key(name)})


def without_autoflush(fn):
    """Run a service with autoflush off, as the generic doors do: its checks
    query the database, and a half-validated edit must not reach it first."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from app.extensions import db

        with db.session.no_autoflush:
            return fn(*args, **kwargs)

    return wrapper
