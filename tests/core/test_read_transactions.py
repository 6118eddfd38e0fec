"""Reads never take the write lock (issue #12 item 3).

Another connection holds a writing transaction open (on SQLite the database's
write lock, on PostgreSQL a row lock on the institution shown); list and show
pages still answer at once, from their own snapshot, without seeing the
uncommitted change.  A GET that writes something (logout deletes its session
row) waits for the writer instead of failing, and its write lands.
"""
from __future__ import annotations

import threading
import time

from sqlalchemy import func, select, text

from app.extensions import db
from app.security import UserSession
from tests.conftest import login
from tests.factories import make_user, new_institution

HOLD = 20  # seconds the writer keeps its lock at most; SQLite's busy timeout is 30


def _writer(app, inst_id, ready: threading.Event, release: threading.Event):
    """A writing transaction left open until ``release``, then rolled back."""
    with app.app_context():
        with db.engine.connect() as conn:
            conn.execute(text("UPDATE institution SET name = '未提交的名称' WHERE id = :i"), {"i": inst_id})
            ready.set()
            release.wait(HOLD)
            conn.rollback()


def test_pages_read_while_a_writer_holds_its_lock(app, ref):
    inst = new_institution(ref, "市读写局")
    make_user(app, "staff1", "staff")
    client = app.test_client()
    login(client, "staff1")
    db.session.remove()

    ready, release = threading.Event(), threading.Event()
    writer = threading.Thread(target=_writer, args=(app, inst, ready, release))
    writer.start()
    try:
        assert ready.wait(10)
        for url in ("/institutionview/list/", f"/institutionview/show/{inst}"):
            started = time.monotonic()
            resp = client.get(url)
            took = time.monotonic() - started
            html = resp.get_data(as_text=True)
            assert resp.status_code == 200, url
            assert "市读写局" in html and "未提交的名称" not in html, url
            assert took < 5, f"{url} waited {took:.1f} s behind the writer"
    finally:
        release.set()
        writer.join()


def test_a_get_that_writes_waits_for_the_writer_and_lands(app, ref):
    inst = new_institution(ref, "市登出局")
    make_user(app, "staff1", "staff")
    client = app.test_client()
    login(client, "staff1")
    assert db.session.execute(select(func.count()).select_from(UserSession)).scalar_one() == 1
    db.session.remove()

    ready, release = threading.Event(), threading.Event()
    writer = threading.Thread(target=_writer, args=(app, inst, ready, release))
    writer.start()
    try:
        assert ready.wait(10)
        threading.Timer(1.0, release.set).start()
        resp = client.get("/logout/")  # reads the user, then deletes its session row
        assert resp.status_code == 302
    finally:
        release.set()
        writer.join()
    assert db.session.execute(select(func.count()).select_from(UserSession)).scalar_one() == 0
    assert client.get("/institutionview/list/").status_code in (302, 401)  # logged out
