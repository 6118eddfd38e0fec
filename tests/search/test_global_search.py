"""全局搜索 (issue #16 §3): one box, institutions, persons and cases, within the
user's scope; ID numbers found by exact match only by the roles that see them in
full, and shown masked to the others."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.db import transaction
from app.extensions import db
from app.justification.cases import services as cases
from app.justification.cases.models import AdjustmentCase
from app.quota.models import Institution
from tests.conftest import login
from tests.factories import give_quota, new_person, valid_id_number
from tests.justification.cases.fixtures import make_world, user

OWN_ID = valid_id_number(seq=11)
FOREIGN_ID = valid_id_number(seq=22)


@pytest.fixture()
def world(app, app_ctx):
    w = make_world(app)
    give_quota(w.unit, w.ref.admin_q, 5)
    new_person(w.dept, w.ref.admin_q, name="王海", id_number=OWN_ID)
    new_person(w.unit, w.ref.admin_q, name="王海涛", id_number=valid_id_number(seq=33))
    new_person(w.foreign, w.ref.admin_q, name="王海燕", id_number=FOREIGN_ID)
    with transaction():
        own = cases.create_case(AdjustmentCase(title="教育局增编", case_type="staffing_increase",
                                               institution_id=w.dept, reasons="业务量增加"), user(w, "department"))
        theirs = cases.create_case(AdjustmentCase(title="民政局增编", case_type="staffing_increase",
                                                  institution_id=w.foreign, reasons="业务量增加"), user(w, "foreign"))
        w.case_numbers = (own.number, theirs.number)
    return w


def client_of(app, username):
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


def hits(client, q):
    resp = client.get("/search/hits", query_string={"q": q})
    assert resp.status_code == 200
    return {g["kind"]: [(h["title"], h["detail"]) for h in g["hits"]] for g in resp.get_json()["groups"]}


def in_scope_institutions(world, needle):
    """What the department user's scope holds, computed from the tree (not by the search)."""
    path = db.session.get(Institution, world.dept).path
    return sorted(name for name, in db.session.execute(
        select(Institution.name).where(Institution.path.startswith(path), Institution.name.contains(needle))))


def test_a_department_user_finds_its_scope_only(app, world):
    dept = client_of(app, "case_dept")
    found = hits(dept, "市")
    assert sorted(t for t, _ in found["institution"]) == in_scope_institutions(world, "市") \
        == ["市教育局", "市教育局机关服务中心"]
    persons = hits(dept, "王海")["person"]
    assert sorted(t for t, _ in persons) == ["王海", "王海涛"]  # not 王海燕 of 市民政局
    own, theirs = world.case_numbers
    assert [t for t, _ in hits(dept, "增编")["case"]] == [f"{own} 教育局增编"]
    assert hits(dept, theirs)["case"] == []
    assert hits(dept, "民政")["institution"] == [] and hits(dept, "民政")["case"] == []

    staff = client_of(app, "case_staff")
    assert sorted(t for t, _ in hits(staff, "王海")["person"]) == ["王海", "王海涛", "王海燕"]
    assert len(hits(staff, "增编")["case"]) == 2
    assert [t for t, _ in hits(staff, "民政")["institution"]] == ["市民政局"]


def test_id_numbers_exact_and_only_for_roles_that_see_them(app, world):
    staff = client_of(app, "case_staff")
    found = hits(staff, OWN_ID)["person"]
    assert found == [("王海", f"市教育局 · {OWN_ID}")]  # in full for staff
    assert hits(staff, OWN_ID[:17])["person"] == []  # a part of a number finds nothing
    assert hits(staff, OWN_ID.lower())["person"] == found

    dept = client_of(app, "case_dept")
    assert hits(dept, OWN_ID)["person"] == []  # masked role: no lookup by number, not even its own
    masked = dict(hits(dept, "王海")["person"])
    assert OWN_ID not in masked["王海"] and masked["王海"].endswith(OWN_ID[:6] + "********" + OWN_ID[-4:])
    leader = client_of(app, "case_leader")
    assert hits(leader, FOREIGN_ID)["person"] == []
    assert FOREIGN_ID not in leader.get("/search/", query_string={"q": "王海燕"}).get_data(as_text=True)


def test_the_page_and_the_menu_box(app, world):
    dept = client_of(app, "case_dept")
    html = dept.get("/personview/list/").get_data(as_text=True)
    assert 'id="global-search"' in html and "搜索机构、人员、案件" in html
    html = dept.get("/search/", query_string={"q": "王海"}).get_data(as_text=True)
    assert "王海涛" in html and "王海燕" not in html
    # LIKE's own characters are searched as text, and an empty query finds nothing.
    assert hits(dept, "%") == {"institution": [], "person": [], "case": []}
    assert hits(dept, "_") == {"institution": [], "person": [], "case": []}
    assert hits(dept, "   ") == {}
    # Long input is cut, never an error.
    assert dept.get("/search/hits", query_string={"q": "王" * 5000}).status_code == 200
