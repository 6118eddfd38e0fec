"""What a case shows once it moves (issue #11): actors by display name on every history,
the new state and the applied changes in the flash after a transition, the analysis as
applied ("10 + 2 = 12, 已执行"), and a case's parts (its proposed changes and posts)
closed with the case on every door."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.extensions import db
from app.justification.cases.models import CaseChange, CasePost
from app.quota.models import QuotaLedgerEntry
from tests.conftest import api_token, csrf_token
from tests.justification.cases.fixtures import (
    NAMES, client_for, countersign_all, file_case, fire, name_users, snapshot, state,
)

# login -> (given, family): the display names the pages must show instead of the logins
def _panel(html: str, panel_id: str) -> str:
    start = html.index(f'id="{panel_id}"')
    end = html.find('class="panel panel-', start)
    return html[start:end if end != -1 else None]


def _post(client, case_id, path, **data):
    token = csrf_token(client, f"/adjustmentcaseview/show/{case_id}")
    return client.post(f"/adjustmentcaseview/{path}/{case_id}", data={"csrf_token": token, **data},
                       follow_redirects=True).get_data(as_text=True)


def _walk_to_meeting_on_the_web(app, world, case_id):
    dept, staff = client_for(app, "department"), client_for(app, "staff")
    html = _post(dept, case_id, "transition", transition="submit")
    assert "已办理, 案件现处于「申请」。" in html  # every transition names the new state
    for t in ("accept", "start_justification", "to_review"):
        _post(staff, case_id, "transition", transition=t)
    countersign_all(world, case_id)
    html = _post(staff, case_id, "transition", transition="review_pass")
    assert "已办理, 案件现处于「办务会」。" in html and state(case_id) == "office_meeting"


def test_signoff_names_the_state_and_the_applied_changes(app, world):
    name_users()
    case_id = file_case(world, delta=2)
    _walk_to_meeting_on_the_web(app, world, case_id)
    leader = client_for(app, "leader")
    before = leader.get(f"/adjustmentcaseview/show/{case_id}").get_data(as_text=True)
    assert "10 + 2 → 12" in _panel(before, "analysis")  # pending
    html = _post(leader, case_id, "transition", transition="office_approve", doc_no="青编办〔2026〕9号")
    assert state(case_id) == "approved"
    entry = db.session.execute(select(QuotaLedgerEntry.id).order_by(QuotaLedgerEntry.id.desc())).scalars().first()
    flash = re.search(r'<div class="alert alert-success">(.*?)</div>', html, re.S).group(1)
    assert "已办理, 案件现处于「批复」。" in flash and "已执行:" in flash
    assert f'<a href="/quotaledgerentryview/show/{entry}">编制台账 #{entry}</a>' in flash
    # the analysis as the sign-off left it, and the change's result as a linked label
    analysis = _panel(html, "analysis")
    assert "10 + 2 = 12" in analysis and "已执行" in analysis and "→" not in analysis
    changes = _panel(html, "changes")
    assert f"编制台账 #{entry}" in changes and "quota_ledger:" not in changes
    # today's allocation moving on does not change what the sign-off did
    assert "10 + 2 = 12" in _panel(leader.get(f"/adjustmentcaseview/show/{case_id}").get_data(as_text=True),
                                   "analysis")


def test_every_history_shows_display_names(app, world):
    name_users()
    case_id = file_case(world, delta=1)
    _walk_to_meeting_on_the_web(app, world, case_id)
    fire(world, case_id, "office_approve", "leader", doc_no="青编办〔2026〕10号")
    admin = client_for(app, "admin")
    history = _panel(admin.get(f"/adjustmentcaseview/show/{case_id}").get_data(as_text=True), "history")
    cells = set(re.findall(r"<td>([^<]*)</td>", history))
    assert {"教育局经办", "王处员", "李主任"} <= cells
    assert not any(login in history for login in NAMES)
    # the workflow's own lists: the history and the countersignatures
    for url, shown in (("/workflowhistoryview/list/?psize_WorkflowHistoryView=100", {"王处员", "李主任"}),
                       ("/countersignatureview/list/", {"王处员", "赵处员"})):
        html = admin.get(url).get_data(as_text=True)
        cells = {c.strip() for c in re.findall(r"<td>([^<]*)</td>", html)}
        assert shown <= cells, url
        assert not cells & set(NAMES), url
    # the case's author on its show page
    show = admin.get(f"/adjustmentcaseview/show/{case_id}").get_data(as_text=True)
    assert "教育局经办" in show and "case_dept" not in show


def test_a_cases_parts_close_with_the_case(app, world):
    case_id = file_case(world, delta=2, posts=[("综合岗", 1600)])
    change = db.session.execute(select(CaseChange.id).where(CaseChange.case_id == case_id)).scalar_one()
    post = db.session.execute(select(CasePost.id).where(CasePost.case_id == case_id)).scalar_one()
    _walk_to_meeting_on_the_web(app, world, case_id)
    staff = client_for(app, "staff")
    parts = (("casechangeview", "casechange", change), ("casepostview", "casepost", post))
    # open at the office meeting: the office may still complete the request
    show = staff.get(f"/adjustmentcaseview/show/{case_id}").get_data(as_text=True)
    for view, _api, pk in parts:
        assert f"/{view}/edit/{pk}" in show and f"/{view}/delete/{pk}" in show
    fire(world, case_id, "office_approve", "leader", doc_no="青编办〔2026〕11号")
    before = snapshot(world), _parts(case_id)
    show = staff.get(f"/adjustmentcaseview/show/{case_id}").get_data(as_text=True)
    api = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(api, 'case_staff')}"}
    for view, api_name, pk in parts:
        # the case's related lists and the part's own list: no edit or delete icon (its show
        # page offers neither: FAB's delete is a bulk action, not shown on a row's page)
        listed = staff.get(f"/{view}/list/").get_data(as_text=True)
        for html in (show, listed):
            assert f"/{view}/show/{pk}" in html
            assert f"/{view}/edit/{pk}" not in html and f"/{view}/delete/{pk}" not in html
        # the edit and delete URLs: 403 with the case's reason, before any form shows
        token = csrf_token(staff, f"/{view}/list/")
        for resp in (staff.get(f"/{view}/edit/{pk}"), staff.post(f"/{view}/edit/{pk}", data={"csrf_token": token}),
                     staff.post(f"/{view}/delete/{pk}", data={"csrf_token": token})):
            text = resp.get_data(as_text=True)
            assert resp.status_code == 403 and "已批复执行, 不能修改或删除" in text and "<form" not in text
        # the API: PUT and DELETE refused with the reason in both languages
        for method in ("PUT", "DELETE"):
            resp = api.open(f"/api/v1/{api_name}/{pk}", method=method, json={"amount": 9}, headers=headers)
            body = resp.get_json()
            assert resp.status_code == 403, (method, body)
            assert "已批复执行" in body["zh"] and "approved and applied" in body["en"]
        # the bulk delete from the list: refused by the service, nothing removed
        staff.post(f"/{view}/action_post", data={"csrf_token": token, "action": "muldelete", "rowid": [pk]})
    assert (snapshot(world), _parts(case_id)) == before


def _parts(case_id):
    db.session.expire_all()
    return (db.session.execute(select(CaseChange.id, CaseChange.amount, CaseChange.result)
                               .where(CaseChange.case_id == case_id)).all(),
            db.session.execute(select(CasePost.id, CasePost.name, CasePost.annual_hours)
                               .where(CasePost.case_id == case_id)).all())
