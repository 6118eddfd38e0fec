"""Row scoping on every door: a department user reaches only its own subtree.

List, show, edit, delete, actions (action and action_post), REST API, export,
related-field dropdowns and search filters; a foreign row answers 403/404 and
stays unchanged.  Writes cannot create or move rows into another unit.
"""
from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from sqlalchemy import func, select

from app.extensions import db
from app.quota.models import Institution, Person
from tests.conftest import api_token, csrf_token, login
from tests.factories import valid_id_number


def person_row(pk):
    db.session.expire_all()
    p = db.session.get(Person, pk)
    return (p.name, p.institution_id, p.status)


def test_list_show_and_search(world):
    c = world["client"]
    html = c.get("/personview/list/").get_data(as_text=True)
    assert "王老师" in html and "赵会计" not in html
    assert c.get(f"/personview/show/{world['theirs']}").status_code == 404
    assert c.get(f"/personview/show/{world['mine']}").status_code == 200
    html = c.get("/personview/list/?_flt_0_name=赵会计").get_data(as_text=True)
    assert not re.search(r"<td[^>]*>\s*赵会计\s*</td>", html)
    html = c.get("/personview/list/?_flt_0_name=王老师").get_data(as_text=True)
    assert re.search(r"<td[^>]*>\s*王老师\s*</td>", html)
    html = c.get("/institutionview/list/").get_data(as_text=True)
    assert "青岛二中" in html and "市财政局" not in html


def test_edit_and_delete_foreign_rows(world):
    c = world["client"]
    before = person_row(world["theirs"])
    assert c.get(f"/personview/edit/{world['theirs']}").status_code == 404
    token = csrf_token(c, f"/personview/edit/{world['mine']}")
    resp = c.post(f"/personview/edit/{world['theirs']}", data={"name": "改名", "csrf_token": token})
    assert resp.status_code == 404
    # department users may not delete persons at all (403) ...
    resp = c.post(f"/personview/delete/{world['theirs']}", data={"csrf_token": token})
    assert resp.status_code in (403, 404)
    assert person_row(world["theirs"]) == before
    # ... but may delete internal divisions: a foreign one is not found.
    from app.core.db import transaction
    from app.quota.models import InternalDivision

    with transaction():
        div = InternalDivision(institution_id=world["fin"], name="预算处")
        db.session.add(div)
    div_id = div.id
    resp = c.post(f"/internaldivisionview/delete/{div_id}", data={"csrf_token": token})
    assert resp.status_code == 404
    token = csrf_token(c, "/internaldivisionview/add")
    resp = c.post("/internaldivisionview/action_post",
                  data={"action": "muldelete", "rowid": [str(div_id)], "csrf_token": token})
    assert resp.status_code == 404
    db.session.expire_all()
    assert db.session.get(InternalDivision, div_id) is not None


def test_actions_refuse_foreign_rows(world):
    """Department users may bulk-delete internal divisions, only their own."""
    from app.core.db import transaction
    from app.quota.models import InternalDivision

    with transaction():
        own = InternalDivision(institution_id=world["school"], name="教务处")
        foreign = InternalDivision(institution_id=world["fin"], name="国库处")
        db.session.add_all([own, foreign])
    own_id, foreign_id = own.id, foreign.id
    c = world["client"]
    token = csrf_token(c, "/internaldivisionview/add")
    url = "/internaldivisionview/action_post"
    assert c.post(url, data={"action": "muldelete", "rowid": [str(foreign_id)], "csrf_token": token}).status_code == 404
    resp = c.post(url, data={"action": "muldelete", "rowid": [str(own_id), str(foreign_id)], "csrf_token": token})
    assert resp.status_code == 404
    resp = c.post(f"/internaldivisionview/action/muldelete/{foreign_id}", data={"csrf_token": token})
    assert resp.status_code == 404
    assert c.post(url, data={"action": "nope", "csrf_token": token}).status_code == 400
    c.get(f"/internaldivisionview/action/muldelete/{own_id}")  # a GET never runs an action
    db.session.expire_all()
    assert db.session.get(InternalDivision, foreign_id) is not None
    assert db.session.get(InternalDivision, own_id) is not None
    # the same action on the user's own row works
    resp = c.post(url, data={"action": "muldelete", "rowid": [str(own_id)], "csrf_token": token})
    assert resp.status_code == 302
    db.session.expire_all()
    assert db.session.get(InternalDivision, own_id) is None
    # and on persons the department role has no delete permission at all
    before = person_row(world["theirs"])
    resp = c.post("/personview/action_post", data={"action": "muldelete", "rowid": [str(world["mine"])],
                                                   "csrf_token": token})
    assert resp.status_code == 403
    assert person_row(world["theirs"]) == before
    assert db.session.get(Person, world["mine"]) is not None


def test_action_without_csrf_token_is_refused(world):
    c = world["client"]
    resp = c.post("/personview/action_post", data={"action": "muldelete", "rowid": [str(world["mine"])]})
    assert resp.status_code == 400
    db.session.expire_all()
    assert db.session.get(Person, world["mine"]) is not None


def test_export_contains_only_scoped_rows(world):
    resp = world["client"].get("/personview/export/")
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.data)).active
    values = {str(cell.value) for row in ws.iter_rows() for cell in row}
    assert "王老师" in values and "赵会计" not in values


def test_dropdowns_offer_only_scoped_institutions(world):
    c = world["client"]
    html = c.get("/personview/add").get_data(as_text=True)
    assert "市财政局" not in html and 'data-endpoint="/institutionview/lookup/"' in html
    found = c.get("/institutionview/lookup/?q=").get_json()
    assert {r["text"] for r in found["results"]} == {"市教育局", "青岛二中"} and found["more"] is False
    assert c.get("/institutionview/lookup/?q=财政").get_json()["results"] == []
    assert [r["text"] for r in c.get("/institutionview/lookup/?q=二中").get_json()["results"]] == ["青岛二中"]
    token = api_token(c, "dept")
    # The API's dropdown door: _info lists the allowed values of related fields.
    resp = c.get("/api/v1/person/_info", headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 200
    fields = {f["name"]: f for f in resp.get_json()["add_columns"]}
    names = {row["value"] for row in fields["institution"]["values"]}
    assert names == {"市教育局", "青岛二中"}


def test_api_get_put_delete_foreign_rows(world):
    c = world["client"]
    h = {"Authorization": f"Bearer {api_token(c, 'dept')}"}
    before = person_row(world["theirs"])
    assert c.get(f"/api/v1/person/{world['theirs']}", headers=h).status_code == 404
    ids = {row["id"] for row in c.get("/api/v1/person/", headers=h).get_json()["result"]}
    assert ids == {world["mine"]}
    assert c.put(f"/api/v1/person/{world['theirs']}", json={"name": "改名"}, headers=h).status_code == 404
    assert c.delete(f"/api/v1/person/{world['theirs']}", headers=h).status_code in (403, 404)
    assert person_row(world["theirs"]) == before


def test_api_cannot_create_or_move_rows_into_another_unit(world):
    c = world["client"]
    h = {"Authorization": f"Bearer {api_token(c, 'dept')}"}
    count = db.session.execute(select(func.count(Person.id))).scalar_one()
    resp = c.post("/api/v1/person/", headers=h, json={
        "name": "越权", "id_number": valid_id_number(gender="M"), "gender": "M",
        "institution": world["fin"], "quota_type": world["ref"].admin_q})
    assert resp.status_code == 403, resp.get_json()
    assert "不在本单位及下属单位范围内" in resp.get_json()["zh"]
    before = person_row(world["mine"])
    resp = c.put(f"/api/v1/person/{world['mine']}", headers=h, json={"institution": world["fin"]})
    assert resp.status_code == 403
    assert person_row(world["mine"]) == before
    db.session.expire_all()
    assert db.session.execute(select(func.count(Person.id))).scalar_one() == count


def test_api_refuses_nested_object_creation(world):
    c = world["client"]
    h = {"Authorization": f"Bearer {api_token(c, 'staff1')}"}
    institutions = db.session.execute(select(func.count(Institution.id))).scalar_one()
    resp = c.post("/api/v1/person/", headers=h, json={
        "name": "嵌套", "id_number": valid_id_number(gender="M"), "gender": "M",
        "institution": {"name": "凭空新建的机构"}, "quota_type": world["ref"].admin_q})
    assert resp.status_code in (400, 422)
    db.session.expire_all()
    assert db.session.execute(select(func.count(Institution.id))).scalar_one() == institutions


def test_form_cannot_move_own_row_to_another_unit(world):
    c = world["client"]
    before = person_row(world["mine"])
    token = csrf_token(c, f"/personview/edit/{world['mine']}")
    c.post(f"/personview/edit/{world['mine']}", data={
        "name": "王老师", "institution": str(world["fin"]), "quota_type": str(world["ref"].inst_q),
        "gender": db.session.get(Person, world["mine"]).gender, "status": "active", "csrf_token": token})
    assert person_row(world["mine"]) == before


def test_id_numbers_masked_except_for_authorised_roles(app, world):
    idn = db.session.get(Person, world["mine"]).id_number
    c = world["client"]
    assert idn not in c.get("/personview/list/").get_data(as_text=True)
    h = {"Authorization": f"Bearer {api_token(c, 'dept')}"}
    assert c.get(f"/api/v1/person/{world['mine']}", headers=h).get_json()["result"]["id_number"] != idn
    staff = app.test_client()
    login(staff, "staff1")
    assert idn in staff.get("/personview/list/").get_data(as_text=True)


def test_write_refusal_shows_the_rule_and_changes_nothing(world):
    """A form write that breaks an invariant flashes the rule and numbers."""
    c = world["client"]
    token = csrf_token(c, "/personview/add")
    count = db.session.execute(select(func.count(Person.id))).scalar_one()
    for i in range(5):  # school has 5 事业编制, 1 occupied: the 5th new person is one too many
        resp = c.post("/personview/add", data={
            "name": f"新人{i}", "id_number": valid_id_number(gender="F"), "gender": "F", "institution": str(world["school"]),
            "quota_type": str(world["ref"].inst_q), "csrf_token": token}, follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert "不得超编进人: 青岛二中 事业编制 核定 5, 在编 5, 本次进人 1, 超出 1" in html
    db.session.expire_all()
    assert db.session.execute(select(func.count(Person.id))).scalar_one() == count + 4


def test_department_keeps_descriptions_but_not_office_decisions(world):
    from tests.conftest import api_token

    c = world["client"]
    h = {"Authorization": f"Bearer {api_token(c, 'dept')}"}
    resp = c.put(f"/api/v1/institution/{world['school']}", headers=h, json={"functions": "负责高中教育"})
    assert resp.status_code == 200, resp.get_json()
    for change in ({"within_cap": False}, {"status": "revoked"}, {"name": "青岛二中(改)"}):
        resp = c.put(f"/api/v1/institution/{world['school']}", headers=h, json=change)
        assert resp.status_code == 403, (change, resp.get_json())
        assert "只能由编办" in resp.get_json()["zh"]
    resp = c.post("/api/v1/institution/", headers=h, json={
        "name": "新设分校", "category": world["ref"].pi, "region": world["ref"].city, "parent": world["school"]})
    assert resp.status_code == 403
    db.session.expire_all()
    inst = db.session.get(Institution, world["school"])
    assert (inst.name, inst.status, inst.within_cap, inst.functions) == ("青岛二中", "active", True, "负责高中教育")
    assert db.session.execute(select(func.count(Institution.id))).scalar_one() == 3


def test_edit_refusal_flashes_the_rule_and_changes_nothing(app, world):
    """FAB's edit view flashes a fixed 'database error'; ours names the rule."""
    staff = app.test_client()
    login(staff, "staff1")
    token = csrf_token(staff, f"/personview/edit/{world['theirs']}")
    before = person_row(world["theirs"])
    from tests.factories import new_person as add_person

    # fill 青岛二中's 事业编制 (5), then try to move 市财政局's person in

    for i in range(4):
        add_person(world["school"], world["ref"].inst_q, name=f"补员{i}")
    resp = staff.post(f"/personview/edit/{world['theirs']}", data={
        "name": "赵会计", "gender": db.session.get(Person, world["theirs"]).gender, "institution": str(world["school"]), "quota_type": str(world["ref"].inst_q),
        "status": "active", "csrf_token": token}, follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert "不得超编进人: 青岛二中 事业编制 核定 5, 在编 5, 本次进人 1, 超出 1" in html
    assert person_row(world["theirs"]) == before


def test_institution_page_drills_down_to_its_rows_in_scope(world):
    c = world["client"]
    html = c.get(f"/institutionview/show/{world['school']}").get_data(as_text=True)
    assert "王老师" in html and "赵会计" not in html  # its persons, related list on the show page
    assert c.get(f"/institutionview/show/{world['fin']}").status_code == 404


def test_form_saves_an_unticked_checkbox(app, world):
    """An out-of-cap institution (限额外) is entered by leaving the box unticked."""
    staff = app.test_client()
    login(staff, "staff1")
    token = csrf_token(staff, "/institutionview/add")
    staff.post("/institutionview/add", data={
        "name": "市某议事协调机构", "category": str(world["ref"].gov), "region": str(world["ref"].city),
        "level": "city", "status": "active", "csrf_token": token})
    db.session.expire_all()
    inst = db.session.execute(select(Institution).where(Institution.name == "市某议事协调机构")).scalar_one()
    assert inst.within_cap is False
    token = csrf_token(staff, f"/institutionview/edit/{inst.id}")
    staff.post(f"/institutionview/edit/{inst.id}", data={
        "name": inst.name, "category": str(world["ref"].gov), "region": str(world["ref"].city),
        "level": "city", "status": "active", "within_cap": "y", "csrf_token": token})
    db.session.expire_all()
    assert db.session.get(Institution, inst.id).within_cap is True


def test_an_export_beyond_the_limit_is_refused_not_cut(world, app, monkeypatch):
    """A file that would hold only the first N rows is never sent: the list says
    how many rows there are and asks for a filter; a filtered list exports."""
    monkeypatch.setitem(app.config, "EXPORT_MAX_ROWS", 1)
    c = world["client"]
    resp = c.get("/institutionview/export/?_flt_0_name=")
    assert resp.status_code == 302 and "/institutionview/list/" in resp.headers["Location"]
    page = c.get(resp.headers["Location"]).get_data(as_text=True)
    assert "超过一次导出的上限 1 行" in page and "请先筛选" in page
    resp = c.get("/institutionview/export/?_flt_0_name=青岛")
    assert resp.status_code == 200 and resp.data[:2] == b"PK"
    ws = load_workbook(io.BytesIO(resp.data)).active
    assert "青岛二中" in {str(cell.value) for row in ws.iter_rows() for cell in row}
