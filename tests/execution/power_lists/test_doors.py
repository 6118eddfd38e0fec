"""Every door of the power lists for a department user outside scope: list,
show, edit, delete, API, export, lookup, the check and publishing."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from app.extensions import db
from app.execution.power_lists.models import PowerImplementation, PowerItem
from tests.conftest import api_token, csrf_token
from tests.execution.power_lists.fixtures import implement, state_of_lists
from tests.justification.cases.fixtures import client_for


def test_a_department_user_reaches_its_own_list_only(app, pw):
    client = client_for(app, "department")
    html = client.get("/powerimplementationview/list/").get_data(as_text=True)
    assert "民办学校设立审批" in html and "养老机构设立许可" not in html
    assert client.get(f"/powerimplementationview/show/{pw.foreign_impl}").status_code in (302, 404)
    assert client.get(f"/poweritemview/show/{pw.foreign_item}").status_code in (302, 404)
    lookup = client.get("/poweritemview/lookup/?q=").get_json()
    assert [r["text"] for r in lookup["results"]] == [str(db.session.get(PowerItem, pw.item))]
    book = load_workbook(io.BytesIO(client.get("/powerimplementationview/export/").data))
    cells = " ".join(str(c.value) for row in book.active.iter_rows() for c in row)
    assert "民办学校设立审批" in cells and "养老机构设立许可" not in cells
    headers = {"Authorization": f"Bearer {api_token(client, 'case_dept')}"}
    assert client.get(f"/api/v1/powerimplementation/{pw.foreign_impl}", headers=headers).status_code == 404
    listed = client.get("/api/v1/powerimplementation/", headers=headers).get_json()
    assert [r["id"] for r in listed["result"]] == [pw.impl]
    assert client.get("/api/v1/responsibilityitem/", headers=headers).get_json()["count"] == 3


def test_a_department_user_cannot_write_the_list_or_publish(app, pw):
    client = client_for(app, "department")
    headers = {"Authorization": f"Bearer {api_token(client, 'case_dept')}"}
    before = state_of_lists()
    assert client.put(f"/api/v1/powerimplementation/{pw.impl}", json={"fees": "x"},
                      headers=headers).status_code in (401, 403)
    assert client.delete(f"/api/v1/poweritem/{pw.item}", headers=headers).status_code in (401, 403)
    assert client.get("/powerpublish/").status_code in (302, 403)
    token = csrf_token(client, "/resetmypassword/form")
    assert client.post(f"/powerpublish/publish/{pw.w.dept}", data={"csrf_token": token}).status_code in (302, 403)
    assert state_of_lists() == before


def test_office_writes_are_scoped_checked_and_audited(app, pw):
    staff = client_for(app, "staff")
    headers = {"Authorization": f"Bearer {api_token(staff, 'case_staff')}"}
    resp = staff.put(f"/api/v1/powerimplementation/{pw.impl}", json={"promised_days": 40}, headers=headers)
    assert resp.status_code == 422 and "承诺时限" in resp.get_json()["zh"]
    resp = staff.put(f"/api/v1/powerimplementation/{pw.impl}", json={"promised_days": 5}, headers=headers)
    assert resp.status_code == 200
    db.session.expire_all()
    assert db.session.get(PowerImplementation, pw.impl).promised_days == 5


def test_the_office_publishes_from_its_page(app, pw):
    staff = client_for(app, "staff")
    html = staff.get("/powerpublish/").get_data(as_text=True)
    assert "市教育局" in html and "市民政局" in html
    token = csrf_token(staff, "/powerpublish/")
    resp = staff.post(f"/powerpublish/publish/{pw.w.dept}", data={"csrf_token": token}, follow_redirects=True)
    assert "已发布" in resp.get_data(as_text=True)
    assert "民办学校设立审批" in app.test_client().get("/powerlist/?q=民办").get_data(as_text=True)


def test_the_api_publishes_and_lists_deviations_in_scope(app, pw):
    implement(pw.item, pw.district, level="district", name="民办学校设立审批事项")
    staff = client_for(app, "staff")
    headers = {"Authorization": f"Bearer {api_token(staff, 'case_staff')}"}
    resp = staff.get("/api/v1/powerimplementation/deviations?field=name", headers=headers)
    assert resp.status_code == 200 and resp.get_json()["count"] == 1
    assert resp.get_json()["result"][0]["actual"] == "民办学校设立审批事项"
    resp = staff.post(f"/api/v1/powersnapshot/publish/{pw.w.dept}", json={}, headers=headers)
    assert resp.status_code == 201 and resp.get_json()["item_count"] == 1
    resp = staff.post(f"/api/v1/powersnapshot/publish/{pw.w.unit}", json={}, headers=headers)
    assert resp.status_code == 422 and "无可发布" in resp.get_json()["zh"]
    dept = client_for(app, "foreign")
    headers = {"Authorization": f"Bearer {api_token(dept, 'case_foreign')}"}
    assert dept.get("/api/v1/powerimplementation/deviations", headers=headers).get_json()["count"] == 0
    before = state_of_lists()
    assert dept.post(f"/api/v1/powersnapshot/publish/{pw.w.foreign}", json={}, headers=headers).status_code == 403
    assert state_of_lists() == before
