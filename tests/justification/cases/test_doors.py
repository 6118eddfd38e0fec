"""Every door of the case workflow: web views and actions, REST API, exports,
dropdowns and the CLI — scoped for department users, and 一支笔 everywhere."""
from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.extensions import db
from app.justification.cases.models import AdjustmentCase, CaseChange
from tests.justification.cases.fixtures import client_for, file_case, walk_to_office_meeting
from tests.justification.cases.fixtures import snapshot, state
from tests.conftest import api_token, csrf_token
from tests.web import browser_post

@pytest.fixture()
def two_cases(world):
    return file_case(world, delta=2), file_case(world, delta=1, institution=world.foreign)


def test_department_sees_and_reaches_only_its_own_cases(app, world, two_cases):
    mine, theirs = two_cases
    c = client_for(app, "department")
    html = c.get("/adjustmentcaseview/list/").get_data(as_text=True)
    mine_no, theirs_no = (db.session.get(AdjustmentCase, i).number for i in (mine, theirs))
    assert mine_no in html and theirs_no not in html
    assert c.get(f"/adjustmentcaseview/show/{mine}").status_code == 200
    for url in (f"/adjustmentcaseview/show/{theirs}", f"/adjustmentcaseview/edit/{theirs}",
                f"/api/v1/adjustmentcase/{theirs}", f"/api/v1/adjustmentcase/{theirs}/transitions"):
        assert c.get(url).status_code == 404, url
    before = snapshot(world)
    token = csrf_token(c, f"/adjustmentcaseview/show/{mine}")
    assert c.post(f"/adjustmentcaseview/transition/{theirs}",
                  data={"csrf_token": token, "transition": "submit"}).status_code == 404
    assert c.post(f"/adjustmentcaseview/delete/{theirs}", data={"csrf_token": token}).status_code == 404
    assert c.post("/adjustmentcaseview/action_post", data={"csrf_token": token, "action": "muldelete",
                                                            "rowid": [theirs]}).status_code == 404
    api = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(api, 'case_dept')}"}
    assert api.post(f"/api/v1/adjustmentcase/{theirs}/transition", json={"transition": "submit"},
                    headers=headers).status_code == 404
    assert api.delete(f"/api/v1/adjustmentcase/{theirs}", headers=headers).status_code == 404
    listed = api.get("/api/v1/adjustmentcase/", headers=headers).get_json()["result"]
    assert [r["id"] for r in listed] == [mine]
    # the drill-down parts of foreign cases are out of reach too
    change = db.session.execute(select(CaseChange.id).where(CaseChange.case_id == theirs)).scalar()
    assert c.get(f"/casechangeview/show/{change}").status_code == 404
    assert api.get(f"/api/v1/casechange/{change}", headers=headers).status_code == 404
    # export and type-ahead
    book = load_workbook(io.BytesIO(c.get("/adjustmentcaseview/export/").data))
    numbers = [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert numbers == [mine_no]
    found = c.get("/adjustmentcaseview/lookup/?q=增编").get_json()["results"]
    assert [r["id"] for r in found] == [mine]
    assert snapshot(world) == before


def test_department_files_through_the_form_and_cannot_file_for_others(app, world):
    c = client_for(app, "department")
    resp = browser_post(c, "/adjustmentcaseview/add", {
        "title": "关于增加行政编制的请示", "case_type": "staffing_increase", "applicant_kind": "department",
        "institution": world.dept, "reasons": "新增职能"})
    assert resp.status_code == 200
    case = db.session.execute(select(AdjustmentCase).where(AdjustmentCase.title == "关于增加行政编制的请示")).scalar_one()
    assert case.state.code == "draft" and case.number
    count = db.session.execute(select(AdjustmentCase.id)).all()
    resp = browser_post(c, "/adjustmentcaseview/add", {
        "title": "替别人申请", "case_type": "staffing_increase", "applicant_kind": "department",
        "institution": world.foreign})
    assert db.session.execute(select(AdjustmentCase.id)).all() == count
    # a change naming another unit is refused on the parts' door too
    resp = browser_post(c, f"/casechangeview/add?_flt_0_case={case.id}", {
        "case": case.id, "kind": "ledger_delta", "institution": world.foreign, "quota_type": world.ref.admin_q,
        "amount": 2})
    assert db.session.execute(select(CaseChange.id).where(CaseChange.case_id == case.id)).all() == []


def test_web_transitions_countersign_and_signoff(app, world):
    case_id = file_case(world, delta=2)
    dept, staff, staff2, leader, admin = (client_for(app, r) for r in
                                          ("department", "staff", "staff2", "leader", "admin"))

    def post(client, path, **data):
        token = csrf_token(client, f"/adjustmentcaseview/show/{case_id}")
        return client.post(f"/adjustmentcaseview/{path}/{case_id}", data={"csrf_token": token, **data},
                           follow_redirects=True).get_data(as_text=True)

    assert "提交申请" in dept.get(f"/adjustmentcaseview/show/{case_id}").get_data(as_text=True)
    post(dept, "transition", transition="submit")
    html = post(dept, "transition", transition="accept")  # not the unit's to do
    assert "需要角色" in html and state(case_id) == "submitted"
    for t in ("accept", "start_justification", "to_review"):
        post(staff, "transition", transition=t)
    html = post(staff, "transition", transition="review_pass")
    assert "尚未同意" in html and state(case_id) == "division_review"
    post(staff, "countersign", division=world.div_a, agree="1")
    html = post(staff, "countersign", division=world.div_b, agree="1")  # not staff's division
    assert "不是 事业编制处 的成员" in html
    post(staff2, "countersign", division=world.div_b, agree="1")
    post(staff, "transition", transition="review_pass")
    assert state(case_id) == "office_meeting"
    html = post(admin, "transition", transition="office_approve", doc_no="A-1")
    assert "一支笔" in html and state(case_id) == "office_meeting"
    html = post(leader, "transition", transition="office_approve", doc_no="青编办〔2026〕9号")
    assert state(case_id) == "approved" and "青编办〔2026〕9号" in html


def test_api_transition_and_signoff(app, world):
    case_id = file_case(world, delta=2)
    walk_to_office_meeting(world, case_id)
    api = app.test_client()

    def call(user, body):
        headers = {"Authorization": f"Bearer {api_token(api, user)}"}
        return api.post(f"/api/v1/adjustmentcase/{case_id}/transition", json=body, headers=headers)

    before = snapshot(world)
    resp = call("case_admin", {"transition": "office_approve", "doc_no": "X"})
    assert resp.status_code == 403 and resp.get_json()["error_code"] == "workflow.signoff_only"
    assert "一支笔" in resp.get_json()["zh"] and "sign-off" in resp.get_json()["en"]
    assert call("case_leader", {"transition": "no_such"}).status_code == 404
    assert call("case_leader", {"transition": "office_approve"}).status_code == 422  # document number
    assert call("case_leader", {}).status_code == 400
    assert call("case_leader", {"transition": ["x"]}).status_code == 400
    assert snapshot(world) == before
    resp = call("case_leader", {"transition": "office_approve", "doc_no": "API-1", "comment": "同意"})
    assert resp.status_code == 200 and resp.get_json()["state"] == "approved"
    resp = call("case_leader", {"transition": "office_approve", "doc_no": "API-2"})
    assert resp.status_code == 409  # not twice
    listing = api.get(f"/api/v1/adjustmentcase/{case_id}/transitions",
                      headers={"Authorization": f"Bearer {api_token(api, 'case_staff')}"}).get_json()
    assert [t["code"] for t in listing["transitions"]] == ["execute"]
    spec = api.get("/api/v1/_openapi", headers={"Authorization": f"Bearer {api_token(api, 'case_admin')}"}).get_json()
    assert "/api/v1/adjustmentcase/{pk}/transition" in spec["paths"]
    assert "/api/v1/adjustmentcase/{pk}/countersign" in spec["paths"]


def test_api_countersign(app, world):
    case_id = file_case(world)
    for t, role in (("submit", "department"), ("accept", "staff"), ("start_justification", "staff"),
                    ("to_review", "staff")):
        from tests.justification.cases.fixtures import fire
        fire(world, case_id, t, role)
    api = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(api, 'case_staff')}"}
    url = f"/api/v1/adjustmentcase/{case_id}/countersign"
    assert api.post(url, json={"division_id": world.div_b, "agree": True}, headers=headers).status_code == 403
    assert api.post(url, json={"division_id": "1", "agree": True}, headers=headers).status_code == 400
    assert api.post(url, json={"division_id": world.div_a, "agree": True}, headers=headers).status_code == 200
    assert api.post(url, json={"division_id": world.div_a, "agree": True}, headers=headers).status_code == 409


def test_cli_door_keeps_the_same_rules(app, world):
    case_id = file_case(world)
    walk_to_office_meeting(world, case_id)
    number = db.session.get(AdjustmentCase, case_id).number
    db.session.rollback()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["case", "transition", number, "office_approve", "--user", "case_admin",
                                 "--doc-no", "CLI-1"])
    assert result.exit_code == 2 and "一支笔" in result.output
    assert state(case_id) == "office_meeting"
    db.session.rollback()
    result = runner.invoke(args=["case", "transition", str(case_id), "office_approve", "--user", "case_leader",
                                 "--doc-no", "CLI-1"])
    assert result.exit_code == 0, result.output
    assert state(case_id) == "approved"
    db.session.rollback()
    result = runner.invoke(args=["case", "show", number, "--user", "case_staff"])
    assert "may fire: execute" in result.output and "CLI-1" in result.output
    result = runner.invoke(args=["case", "list", "--state", "approved"])
    assert number in result.output
    assert re.search(r"office_meeting → approved", runner.invoke(args=["case", "show", number]).output)


def test_a_case_without_an_institution_says_the_institution_is_required(app, world):
    """Issue #11, 7: not "无权操作 #None …"; the form stays with what was typed."""
    clients = {role: client_for(app, role) for role in ("department", "staff")}
    api = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(api, 'case_dept')}"}
    before = snapshot(world)
    for role, c in clients.items():
        token = csrf_token(c, "/adjustmentcaseview/add")
        resp = c.post("/adjustmentcaseview/add", data={
            "title": "没有选单位的请示", "case_type": "staffing_increase", "applicant_kind": "department",
            "institution": "", "reasons": "新增职能", "csrf_token": token})
        html = resp.get_data(as_text=True)
        assert resp.status_code == 200, role  # the form itself refuses: nothing reached the rules
        assert "无权操作" not in html and "#None" not in html
        assert re.search(r'alert alert-danger">\s*机构 为必填项', html), role
        assert 'value="没有选单位的请示"' in html
    # the API says the same, by the field's label
    resp = api.post("/api/v1/adjustmentcase/", json={"title": "接口请示", "case_type": "staffing_increase",
                                                     "applicant_kind": "department"}, headers=headers)
    assert resp.status_code in (400, 422), resp.get_json()
    body = resp.get_json()
    assert "无权操作" not in str(body) and "#None" not in str(body), body
    assert "institution" in body["message"], body
    assert snapshot(world) == before



def test_an_approved_case_offers_no_edit_or_delete_on_any_door(app, world):
    """Issue #11, 6: a signed-off case is closed on every door — no icons in the list,
    the edit and delete URLs and the API's PUT and DELETE refuse with the reason."""
    approved_id = file_case(world, delta=2)
    walk_to_office_meeting(world, approved_id)
    from tests.justification.cases.fixtures import fire

    fire(world, approved_id, "office_approve", "leader", doc_no="青编办〔2026〕7号")
    draft = file_case(world, delta=1)
    assert state(approved_id) == "approved" and state(draft) == "draft"
    clients = {role: client_for(app, role) for role in ("admin", "staff", "department")}
    api = app.test_client()
    tokens = {role: api_token(api, name) for role, name in (("admin", "case_admin"), ("department", "case_dept"))}
    before = snapshot(world)
    case = db.session.get(AdjustmentCase, approved_id)
    title = case.title
    for role, c in clients.items():
        html = c.get("/adjustmentcaseview/list/").get_data(as_text=True)
        assert f"/adjustmentcaseview/show/{approved_id}" in html
        assert f"/adjustmentcaseview/edit/{approved_id}\"" not in html, role
        assert f"/adjustmentcaseview/delete/{approved_id}\"" not in html, role
        assert f"/adjustmentcaseview/edit/{draft}" in html, role  # an open draft keeps its icons
        assert f"/adjustmentcaseview/delete/{draft}" in html, role
        token = csrf_token(c, "/adjustmentcaseview/list/")
        for resp in (c.get(f"/adjustmentcaseview/edit/{approved_id}"),
                     c.post(f"/adjustmentcaseview/edit/{approved_id}", data={"title": "改了", "csrf_token": token}),
                     c.post(f"/adjustmentcaseview/delete/{approved_id}", data={"csrf_token": token})):
            text = resp.get_data(as_text=True)
            assert resp.status_code == 403, (role, resp.status_code)
            assert case.number in text and ("不能" in text or "已" in text), text[-600:]
    for role, token in tokens.items():
        headers = {"Authorization": f"Bearer {token}"}
        resp = api.put(f"/api/v1/adjustmentcase/{approved_id}", json={"title": "改了"}, headers=headers)
        assert resp.status_code == 403 and case.number in resp.get_json()["zh"], resp.get_json()
        resp = api.delete(f"/api/v1/adjustmentcase/{approved_id}", headers=headers)
        assert resp.status_code == 403 and resp.get_json()["en"], resp.get_json()
    assert snapshot(world) == before
    db.session.expire_all()
    assert db.session.get(AdjustmentCase, approved_id).title == title
