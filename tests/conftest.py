"""Test fixtures: a migrated database (SQLite file, or PostgreSQL via DATABASE_URL),
reference data, users per role and logged-in clients.

Tests that start threads need committed data, so isolation is by emptying the
domain tables after each test rather than by a wrapping transaction.  The tables
are read from the models' metadata (every table but FAB's ``ab_*``), so a new
domain's tables are wiped without a list to keep.
"""
from __future__ import annotations

import os
import re
import tempfile

import pytest
from flask.testing import FlaskClient
from sqlalchemy import text

os.environ.setdefault("BIANZHI_CONFIG", "testing")

from app import create_app  # noqa: E402
from app.core import audit, generation  # noqa: E402
from app.extensions import db  # noqa: E402
from config import TestingConfig  # noqa: E402

PASSWORD = "Test#Pass-2026"


def _database_per_worker() -> None:
    """Under pytest-xdist (``-n auto`` in pyproject), each worker gets its own
    PostgreSQL database, ``<name>_<worker>``, created here and named in
    ``DATABASE_URL`` so that every fixture and subprocess of that worker uses it.
    SQLite needs nothing: each worker's file lives in its own temporary directory.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    url = os.environ.get("DATABASE_URL", "")
    if not worker or not url.startswith("postgresql"):
        return
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    suite = make_url(url.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"{suite.database}_{worker}"
    engine = create_engine(suite, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar() is None:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    os.environ["DATABASE_URL"] = suite.set(database=name).render_as_string(hide_password=False)


_database_per_worker()


def _database_url(tmp_dir: str) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        url = url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url
        return _without_commit_flush(url) if url.startswith("postgresql") else url
    return f"sqlite:///{os.path.join(tmp_dir, 'test.db')}"


def _without_commit_flush(url: str) -> str:
    """The suite's PostgreSQL sessions acknowledge a commit before its WAL is flushed
    (``synchronous_commit=off``): isolation, locking and every constraint are
    unchanged, only durability across a server crash, which no test is about.
    It takes about 40 % off the PostgreSQL run (thousands of small commits)."""
    if "synchronous_commit" in url:
        return url
    return url + ("&" if "?" in url else "?") + "options=-csynchronous_commit%3Doff"


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


class IsolatedClient(FlaskClient):
    """Each request in its own app context, like a real server.

    Flask reuses an already-pushed app context for a request; tests that hold
    one (to use the services directly) would otherwise share ``g.user`` and the
    database session between clients.
    """

    def open(self, *args, **kwargs):
        # End the test's own read transaction first: on SQLite every
        # transaction holds the write lock (BEGIN IMMEDIATE), as a request does.
        from flask import has_app_context

        if has_app_context():
            db.session.rollback()
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app():
    tmp = tempfile.mkdtemp(prefix="bianzhi-test-")
    url = _database_url(tmp)
    if url.startswith("postgresql"):
        _reset_postgres(url)
    # Import progress files per session too: two runs at once (SQLite and PostgreSQL)
    # must not read each other's batch #1.
    application = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=url,
                             AUDIT_CHECKPOINT_PATH=os.path.join(tmp, "audit-checkpoints.jsonl"),
                             IMPORT_WORK_DIR=os.environ.get("IMPORT_WORK_DIR") or os.path.join(tmp, "imports"))
    application.test_client_class = IsolatedClient
    with application.app_context():
        from flask_migrate import upgrade

        upgrade()  # the real migration history, from an empty database
        db.session.remove()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture()
def app_ctx(app):
    with app.app_context():
        yield app
        db.session.remove()


def domain_tables() -> list[str]:
    """Every table of the app, children first; FAB's own (roles, permissions, users) are not among them."""
    from flask_appbuilder import Model

    return [t.name for t in reversed(Model.metadata.sorted_tables) if not t.name.startswith("ab_")]


def wipe(app) -> None:
    with app.app_context():
        db.session.remove()
        tables = domain_tables()
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                _empty_postgres(conn, tables)
            else:
                for table in tables:
                    conn.execute(text(f"DELETE FROM {table}"))
            # Users created by a test (roles and permissions stay).
            conn.execute(text("DELETE FROM ab_user_role"))
            conn.execute(text("DELETE FROM ab_user"))
            # Rows just deleted behind the session's back: every cached answer is stale.
            generation.bump(conn)
    # The audit checkpoints anchor the log just emptied: they go with it.
    checkpoints = app.config.get("AUDIT_CHECKPOINT_PATH")
    if checkpoints and os.path.exists(checkpoints):
        os.remove(checkpoints)


def _empty_postgres(conn, tables: list[str]) -> None:
    """Empty the tables a test wrote to and restart every sequence, as
    ``TRUNCATE … RESTART IDENTITY`` of all of them did.  That TRUNCATE cost 2–3 s
    a test (one file operation per table, ninety tables); finding the tables
    with rows takes one query and deleting their rows, children first,
    milliseconds."""
    probe = " UNION ALL ".join(f"SELECT '{t}' FROM (SELECT 1 FROM {t} LIMIT 1) AS {t}_rows" for t in tables)
    dirty = set(conn.execute(text(probe)).scalars())
    for table in tables:  # children first
        if table in dirty:
            conn.execute(text(f"DELETE FROM {table}"))
    conn.execute(text("SELECT setval(CAST(s.oid AS regclass), 1, false) FROM pg_class s "
                      "JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i') "
                      "JOIN pg_class t ON t.oid = d.refobjid "
                      "WHERE s.relkind = 'S' AND t.relname = ANY(CAST(:tables AS text[]))"), {"tables": tables})


@pytest.fixture(autouse=True)
def _clean(app):
    # Each test starts from empty tables; what it leaves is wiped by the next one
    # (a wipe after each test too doubled the cost: about a hundred tables).
    wipe(app)
    token = audit.set_actor("test")
    yield
    audit._actor.reset(token)


@pytest.fixture()
def client(app):
    return app.test_client()


def make_client(app):
    return app.test_client()


def csrf_token(client, url="/login/") -> str:
    html = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    assert match, f"no csrf token on {url}"
    return match.group(1)


def login(client, username: str, password: str = PASSWORD):
    token = csrf_token(client)
    return client.post("/login/", data={"username": username, "password": password, "csrf_token": token})


def api_token(client, username: str, password: str = PASSWORD) -> str:
    resp = client.post("/api/v1/security/login",
                       json={"username": username, "password": password, "provider": "db", "refresh": False})
    assert resp.status_code == 200, resp.get_data(as_text=True)
    return resp.get_json()["access_token"]


from tests.factories import *  # noqa: E402,F401,F403  (fixtures: ref, make_user, login_as …)
