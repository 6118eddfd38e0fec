"""Parallel transitions of one coordination item: exactly one close wins, on
SQLite and PostgreSQL, through both doors (conditional UPDATE and locked re-read)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.core import audit
from app.extensions import db
from app.justification.coordination import services
from app.justification.coordination.models import CoordinationItem
from tests.justification.coordination.fixtures import new_item
from tests.races import ATTEMPTS, race

TODAY = dt.date(2026, 11, 26)


def closing_rows(pk) -> int:
    rows = db.session.execute(select(audit.AuditLog.after).where(
        audit.AuditLog.object_type == "CoordinationItem", audit.AuditLog.object_id == str(pk))).scalars().all()
    return sum(1 for after in rows if after and '"closed"' in after)


def test_parallel_closes_one_wins(app, app_ctx):
    pk = new_item("党政机构改革")

    def attempt(i):
        services.transition(db.session.get(CoordinationItem, pk), "closed", note=f"销号 {i}", today=TODAY)

    assert race(app, attempt) == (1, ATTEMPTS - 1)
    db.session.expire_all()
    item = db.session.get(CoordinationItem, pk)
    assert item.status == "closed" and item.closing_note.startswith("销号 ")
    assert closing_rows(pk) == 1
    assert audit.verify_chain(db.session) is None


def test_parallel_edits_close_once(app, app_ctx):
    """The form/API door: each request holds a copy loaded before the others
    committed; the status is re-read under a row lock, so one close wins and
    every later edit meets a closed item."""
    pk = new_item("功能区体制机制改革")

    def attempt(i):
        item = db.session.get(CoordinationItem, pk)
        with db.session.no_autoflush:  # as the generic doors do
            item.status, item.closing_note = "closed", f"销号 {i}"
            services.update_item(item, today=TODAY)

    assert race(app, attempt) == (1, ATTEMPTS - 1)
    db.session.expire_all()
    assert db.session.get(CoordinationItem, pk).status == "closed"
    assert closing_rows(pk) == 1
    assert audit.verify_chain(db.session) is None
