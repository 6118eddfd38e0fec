"""Transactions, engine settings and database locks shared by every door.

``transaction()`` is the only place that commits.  Services ``flush()``; the entry
point (view, action, API, CLI, seed, job) wraps the use case in ``transaction()``.

Concurrency (SPEC §1): the quota invariants are enforced with relative
conditional UPDATEs (``… SET used = used + :n WHERE … AND used + :n <= total``)
that PostgreSQL re-evaluates on the locked row.  On SQLite every transaction
starts with ``BEGIN IMMEDIATE`` so writers are serialised from the first
statement instead of failing at commit (pysqlite's implicit BEGIN is disabled).

Reads never take the write lock (issue #12): a GET request's transaction
begins as a plain deferred ``BEGIN``, a read snapshot in WAL mode, so list pages
neither queue behind a writer (an import) nor behind each other.  The few GETs
that write something incidental (logout deletes its session row) are upgraded
at their first write: the read snapshot ends and ``BEGIN IMMEDIATE`` starts a
writing transaction from that statement on.  No service rule runs in a GET, so
no check reads in one snapshot and writes in another.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from app.extensions import db

# True while a read-only request (GET, HEAD, OPTIONS) is being served.
_reading: ContextVar[bool] = ContextVar("bianzhi_reading", default=False)
_READ_KEY = "bianzhi_read_snapshot"  # connection.info: a deferred BEGIN is open
_READ_STATEMENTS = ("SELECT", "PRAGMA", "WITH", "SAVEPOINT", "RELEASE", "ROLLBACK", "EXPLAIN")


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
        reading = _reading.get()
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")
        conn.info[_READ_KEY] = reading

    @event.listens_for(engine, "before_cursor_execute")
    def _sqlite_upgrade_on_write(conn, _cursor, statement, _params, _context, _many):
        if conn.info.get(_READ_KEY) and not statement.lstrip().upper().startswith(_READ_STATEMENTS):
            conn.info[_READ_KEY] = False
            raw = conn.connection.dbapi_connection
            if raw.in_transaction:
                raw.execute("COMMIT")  # only reads so far: ending the snapshot loses nothing
            raw.execute("BEGIN IMMEDIATE")

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _sqlite_end(conn):
        conn.info.pop(_READ_KEY, None)


def read_only_requests(app) -> None:
    """GET, HEAD and OPTIONS requests read in a snapshot without the write lock
    (SQLite; PostgreSQL readers never block on writers anyway)."""
    from flask import request

    def _mark():
        _reading.set(request.method in ("GET", "HEAD", "OPTIONS"))

    def _unmark(_exc=None):
        _reading.set(False)

    # First of all before_request functions: they may already query.
    app.before_request_funcs.setdefault(None, []).insert(0, _mark)
    app.teardown_request(_unmark)


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
