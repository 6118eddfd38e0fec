"""Persons in two institutions, a staff, a leader and a department user (of 市教育局),
and a helper that saves a configuration as the admin page does."""
from __future__ import annotations

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
    theirs = new_person(fin, ref.admin_q, name="赵会计")
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
