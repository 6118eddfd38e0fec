"""Persons in two institutions, a staff, a leader and a department user (of 市教育局),
and a helper that saves a configuration as the admin page does."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from app.core.db import transaction
from app.core.view_config import services
from tests.conftest import login
from tests.factories import give_quota, make_user, new_institution, new_person, valid_id_number

STAFF_ID = valid_id_number(seq=123)


@pytest.fixture()
def people(app, ref):
    edu = new_institution(ref, "市教育局")
    fin = new_institution(ref, "市财政局")
    give_quota(edu, ref.admin_q, 5)
    give_quota(fin, ref.admin_q, 5)
    mine = new_person(edu, ref.admin_q, name="王老师", id_number=STAFF_ID)
    # another birth date: a drawn serial comes round to STAFF_ID's every 1,000 numbers
    theirs = new_person(fin, ref.admin_q, name="赵会计", id_number=valid_id_number(birth=dt.date(1981, 2, 2)))
    for name, role in (("staff1", "staff"), ("lead1", "leader"), ("admin1", "admin")):
        make_user(app, name, role)
    make_user(app, "dept1", "department", institution_id=edu)
    return dict(edu=edu, fin=fin, mine=mine, theirs=theirs, ref=ref)


def logged_in(app, username):
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


def configure(resource, role, **fields):
    with transaction():
        services.save(resource, role, services.Draft(**fields))


def headers(html: str) -> list[str]:
    """The list table's column headers, as shown."""
    head = re.search(r"<thead>(.*?)</thead>", html, re.S).group(1)
    cells = re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)
    texts = (" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in cells)
    return [t for t in texts if t]


def statements_for(app, client, url, *, again: bool = False) -> int:
    """How many SQL statements one GET of ``url`` issues (``again``: the page served a second
    time, from the cross-request cache that the first request after a change fills)."""
    from sqlalchemy import event

    from app.extensions import db

    if again:
        assert client.get(url).status_code == 200
    seen = []
    with app.app_context():
        engine = db.engine
    listener = lambda *_args: seen.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return len(seen)
