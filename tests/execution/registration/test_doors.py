"""Every door of registration: pages, actions, REST API, exports, dropdowns, CLI, the
report and the public notices — a department reaches its own subtree only."""
from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import select

from app.execution.registration.models import Certificate, Registration
from app.extensions import db
from app.quota.models import Institution
from tests.conftest import api_token, csrf_token
from tests.factories import make_user
from tests.execution.registration.fixtures import client_for, file, materials, reload, walk
from tests.office.fixtures import snapshot
from tests.web import browser_post


def _state():
    db.session.expire_all()
    return snapshot(Registration, Certificate, Institution)


def test_department_reaches_only_its_subtree(app, users):
    mine = file(users.school, "reissue", reason="遗失")
    theirs = file(users.other, "reissue", reason="损毁")
    c = client_for(app, "reg_dept")
    html = c.get("/registrationview/list/").get_data(as_text=True)
    assert "市第一中学" in html and "市卫生监督所" not in html
    for url in (f"/registrationview/show/{theirs}", f"/registrationview/edit/{theirs}",
                f"/api/v1/registration/{theirs}"):
        assert c.get(url).status_code == 404, url
    before = _state()
    token = csrf_token(c, "/registrationview/list/")
    assert c.post(f"/registrationview/delete/{theirs}", data={"csrf_token": token}).status_code == 404
    assert c.post("/registrationview/action_post", data={"csrf_token": token, "action": "muldelete",
                                                         "rowid": [theirs]}).status_code == 404
    api = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(api, 'reg_dept')}"}
    assert api.delete(f"/api/v1/registration/{theirs}", headers=headers).status_code == 404
    assert api.put(f"/api/v1/registration/{theirs}", json={"reason": "x"}, headers=headers).status_code == 404
    # moving a registration on is the office's act, not a department's, on every door
    assert api.post(f"/api/v1/registration/{mine}/advance", json={}, headers=headers).status_code == 403
    assert c.post("/registrationview/action_post", data={"csrf_token": token, "action": "advance",
                                                         "rowid": [mine]}).status_code in (302, 403)
    assert _state() == before
    listed = api.get("/api/v1/registration/", headers=headers).get_json()["result"]
    assert {r["id"] for r in listed} == {mine} | {r.id for r in db.session.execute(select(Registration).where(
        Registration.institution_id.in_((users.school, users.successor)))).scalars()}
    certs = api.get("/api/v1/certificate/", headers=headers).get_json()["result"]
    assert {r["institution"]["id"] for r in certs} == {users.school, users.successor}
    book = load_workbook(io.BytesIO(c.get("/registrationview/export/").data))
    names = {row[0] for row in book.active.iter_rows(min_row=2, values_only=True)}
    assert "市卫生监督所" not in names and "市第一中学" in names
    assert "市卫生监督所" not in c.get("/institutionview/lookup/?q=市").get_data(as_text=True)


def test_department_files_through_the_form_for_its_own_units_only(app, users):
    c = client_for(app, "reg_dept")
    browser_post(c, "/registrationview/add", {"matter": "simple_cancel", "institution": users.school,
                                             "successor": users.successor, "undertaking_proof": "承接证明 2026-1",
                                             "materials": materials("simple_cancel"), "channel": "counter"})
    reg = db.session.execute(select(Registration).where(Registration.matter == "simple_cancel")).scalar_one()
    assert reg.step == "applied" and reg.successor_id == users.successor
    before = _state()
    browser_post(c, "/registrationview/add", {"matter": "reissue", "institution": users.other, "reason": "遗失",
                                             "materials": materials("reissue"), "channel": "counter"})
    api = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(api, 'reg_dept')}"}
    resp = api.post("/api/v1/registration/", json={"matter": "reissue", "institution": users.other,
                                                   "reason": "遗失", "materials": materials("reissue")},
                    headers=headers)
    assert resp.status_code in (403, 404, 422), resp.get_data(as_text=True)
    # a successor outside the subtree is refused too, with the rule in zh and en
    resp = api.post("/api/v1/registration/", json={
        "matter": "simple_cancel", "institution": users.successor, "successor": users.other,
        "undertaking_proof": "p", "materials": materials("simple_cancel")}, headers=headers)
    assert resp.status_code in (403, 404, 422) and resp.get_json().get("zh"), resp.get_data(as_text=True)
    # a refusal by rule names it in both languages
    resp = api.post("/api/v1/registration/", json={"matter": "reissue", "institution": users.school,
                                                   "reason": "遗失", "materials": "补领申请书"}, headers=headers)
    assert resp.status_code == 422 and "遗失声明" in resp.get_json()["zh"] and "missing" in resp.get_json()["en"]
    assert _state() == before


def test_staff_advances_by_action_and_api(app, users):
    reg_id = file(users.school, "reissue", reason="遗失", channel="online", tracking_in="SF100200300")
    c = client_for(app, "reg_staff")
    token = csrf_token(c, "/registrationview/list/")
    page = c.post("/registrationview/action_post", data={"csrf_token": token, "action": "advance",
                                                          "rowid": [reg_id]}, follow_redirects=True)
    assert reload(Registration, reg_id).step == "accepted"
    assert "已推进 1 件登记事项，现处于「已受理」。" in page.get_data(as_text=True)  # the new step, by its label
    api = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(api, 'reg_staff')}"}
    url = f"/api/v1/registration/{reg_id}/advance"
    assert api.post(url, json={"step": "issued"}, headers=headers).status_code == 409
    assert api.post(url, json={"step": 3}, headers=headers).status_code == 400
    assert api.post(url, json=["x"], headers=headers).status_code == 400
    assert api.post(url, json={}, headers=headers).get_json()["step"] == "reviewed"
    assert api.post(url, json={"step": "approved"}, headers=headers).status_code == 200
    before = _state()
    resp = api.post(url, json={}, headers=headers)  # online: the return tracking number is required at 发证
    assert resp.status_code == 422 and "快递" in resp.get_json()["zh"]
    assert _state() == before
    body = api.post(url, json={"tracking_out": "EMS1234567890CN"}, headers=headers).get_json()
    assert body["step"] == "issued" and body["same_day"] is True and body["turnaround_s"] >= 0
    assert api.post("/api/v1/registration/999999/advance", json={}, headers=headers).status_code == 404
    make_user(app, "reg_admin", "admin")
    spec = api.get("/api/v1/_openapi", headers={"Authorization": f"Bearer {api_token(api, 'reg_admin')}"})
    assert "post" in spec.get_json()["paths"]["/api/v1/registration/{pk}/advance"]


def test_cli_report_and_public_notices(app, users):
    reg_id = file(users.school, "change", change_item="address", new_value="香港中路 9 号")
    hidden = file(users.successor, "change", change_item="address", new_value="延安路 1 号")
    runner = app.test_cli_runner()
    for _ in range(5):
        result = runner.invoke(args=["registration", "advance", str(reg_id)])
        assert result.exit_code == 0, result.output
    assert reload(Registration, reg_id).step == "announced"
    result = runner.invoke(args=["registration", "advance", str(reg_id)])
    assert result.exit_code == 2 and "已办结" in result.output
    result = runner.invoke(args=["registration", "report", "--year", "2026"])
    assert result.exit_code == 0 and "2026-05" in result.output
    anonymous = app.test_client()
    html = anonymous.get("/registration/notices/").get_data(as_text=True)
    assert "香港中路 9 号" in html and "延安路 1 号" not in html
    assert "市第一中学" in anonymous.get("/registration/notices/?q=第一").get_data(as_text=True)
    assert "/registration/notices/" in anonymous.get("/public/").get_data(as_text=True)
    page = client_for(app, "reg_staff").get("/registrationreport/?year=2026").get_data(as_text=True)
    assert "2026-05" in page and "100.0%" in page
    assert client_for(app, "reg_staff").get("/registrationreport/?year=abc").status_code == 200
    assert hidden


def test_todo_counts_for_the_office_only(app, users):
    file(users.school, "reissue", reason="遗失")
    moving = file(users.successor, "reissue", reason="遗失")
    walk(moving, "reviewed")
    home = client_for(app, "reg_staff").get("/").get_data(as_text=True)
    assert "待受理的登记事项" in home and "办理中的登记事项" in home
    assert "待受理的登记事项" not in client_for(app, "reg_dept").get("/").get_data(as_text=True)
