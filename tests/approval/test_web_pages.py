"""The approval's pages: evaluations, the period report and the workflow settings
form, each through the real web door."""
from __future__ import annotations

import re

import datetime as dt
import io

from openpyxl import load_workbook
from sqlalchemy import func, select

from app.approval.models import CaseEvaluation
from app.extensions import db
from app.justification.cases.models import AdjustmentCase
from app.workflow.models import Workflow, WorkflowState, WorkflowTransition
from tests.conftest import csrf_token
from tests.justification.cases.fixtures import client_for, file_case, fire, walk_to_office_meeting
from tests.web import browser_post


def test_evaluation_through_the_web_opens_a_follow_up(app, world):
    case_id = file_case(world)
    walk_to_office_meeting(world, case_id)
    fire(world, case_id, "office_approve", "leader", doc_no="E-1")
    ev_id = db.session.execute(select(CaseEvaluation.id).where(CaseEvaluation.kind == "duties")).scalar_one()
    staff = client_for(app, "staff")
    browser_post(staff, f"/caseevaluationview/edit/{ev_id}", {
        "score": 60, "conclusion": "adequate", "recommendation": "adjust", "findings": "职责交叉, 需调整",
        "evaluated_on": dt.date.today().isoformat()})
    db.session.expire_all()
    ev = db.session.get(CaseEvaluation, ev_id)
    assert (ev.score, ev.recommendation) == (60, "adjust")
    cases_before = db.session.execute(select(func.count(AdjustmentCase.id))).scalar()
    token = csrf_token(staff, "/caseevaluationview/list/")
    resp = staff.post("/caseevaluationview/action_post", data={"csrf_token": token, "action": "open_follow_up",
                                                               "rowid": [ev_id]}, follow_redirects=True)
    assert "已发起事项" in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.execute(select(func.count(AdjustmentCase.id))).scalar() == cases_before + 1
    follow = db.session.get(CaseEvaluation, ev_id).follow_up_case
    assert follow.case_type == "function_change" and follow.state.code == "draft"
    # a department user cannot reach evaluations at all
    assert client_for(app, "department").get("/caseevaluationview/list/").status_code in (302, 403)


def test_period_report_page_and_download(app, world):
    case_id = file_case(world)
    walk_to_office_meeting(world, case_id)
    fire(world, case_id, "office_approve", "leader", doc_no="P-1")
    leader = client_for(app, "leader")
    today = dt.date.today().isoformat()
    html = leader.get(f"/casereport/?start={today}&end={today}").get_data(as_text=True)
    assert "增编" in html and "staffing_increase" not in html and "P-1" in html  # the label, not the code
    resp = leader.get(f"/casereport/xlsx?start={today}&end={today}")
    book = load_workbook(io.BytesIO(resp.data))
    assert resp.status_code == 200 and "批复事项 Approvals" in book.sheetnames
    html = leader.get("/casereport/?start=2026-13-01").get_data(as_text=True)
    assert "报告期间无效" in html
    assert client_for(app, "department").get("/casereport/").status_code in (302, 403)


def test_administrator_adds_a_transition_through_the_form(app, world):
    admin = client_for(app, "admin")
    wf = db.session.execute(select(Workflow)).scalar_one()
    states = {s.code: s.id for s in db.session.execute(select(WorkflowState)).scalars()}
    staff_role = app.appbuilder.sm.find_role("staff").id
    db.session.rollback()
    before = db.session.execute(select(func.count(WorkflowTransition.id))).scalar()
    html = browser_post(admin, "/workflowtransitionview/add", {
        "workflow": wf.id, "code": "fast_track", "name": "快速受理", "from_state": states["submitted"],
        "to_state": states["justifying"], "roles": staff_role, "case_types": "staffing_decrease"}).get_data(
        as_text=True)
    db.session.expire_all()
    assert db.session.execute(select(func.count(WorkflowTransition.id))).scalar() == before + 1, html[:2000]
    # the case types are chosen from a labelled list and shown by label (issue #11), several at once
    form = admin.get("/workflowtransitionview/add").get_data(as_text=True)
    assert re.search(r'<select[^>]*multiple[^>]*name="case_types"', form) and 'value="staffing_decrease"' in form
    browser_post(admin, "/workflowtransitionview/add", {
        "workflow": wf.id, "code": "two_types", "name": "两类快速受理", "from_state": states["submitted"],
        "to_state": states["justifying"], "roles": staff_role, "case_types": ["staffing_decrease", "establish"]})
    stored = db.session.execute(select(WorkflowTransition.case_types).where(WorkflowTransition.code == "two_types"))
    assert stored.scalar_one() == "staffing_decrease,establish"
    db.session.rollback()
    listed = admin.get("/workflowtransitionview/list/").get_data(as_text=True)
    assert "staffing_decrease" not in listed.split("<tbody", 1)[1]
    refused = browser_post(admin, "/workflowtransitionview/add", {
        "workflow": wf.id, "code": "bogus_type", "name": "坏类型", "from_state": states["submitted"],
        "to_state": states["justifying"], "roles": staff_role, "case_types": ["no_such_type"]}).get_data(as_text=True)
    assert "不在可选项中: no_such_type" in refused and 'value="坏类型"' in refused  # refused on the form, the input kept
    before += 1
    # a definition error is refused with its reason, nothing saved
    html = browser_post(admin, "/workflowtransitionview/add", {
        "workflow": wf.id, "code": "bad", "name": "坏", "from_state": states["closed"],
        "to_state": states["draft"]}).get_data(as_text=True)
    assert "终止状态" in html
    assert db.session.execute(select(func.count(WorkflowTransition.id))).scalar() == before + 1
    # staff read the definition but cannot change it
    staff = client_for(app, "staff")
    assert staff.get("/workflowtransitionview/list/").status_code == 200
    assert staff.get("/workflowtransitionview/add").status_code in (302, 403)
