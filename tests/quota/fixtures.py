"""A department's world for door tests: 市教育局 with 青岛二中 below it, and 市财政局
beside them, each with quotas and a person; a department user of 市教育局
(logged in) and a staff user."""
from __future__ import annotations

import pytest

from tests.conftest import login
from tests.factories import give_quota, make_user, new_institution, new_person


@pytest.fixture()
def world(app, ref):
    edu = new_institution(ref, "市教育局")
    school = new_institution(ref, "青岛二中", parent=edu, category="pi")
    fin = new_institution(ref, "市财政局")
    give_quota(edu, ref.admin_q, 5)
    give_quota(school, ref.inst_q, 5)
    give_quota(fin, ref.admin_q, 5)
    mine = new_person(school, ref.inst_q, name="王老师")
    theirs = new_person(fin, ref.admin_q, name="赵会计")
    make_user(app, "dept", "department", institution_id=edu)
    make_user(app, "staff1", "staff")
    client = app.test_client()
    assert login(client, "dept").status_code == 302
    return dict(edu=edu, school=school, fin=fin, mine=mine, theirs=theirs, client=client, ref=ref)
