"""The doors of the rules and runs: the office edits and runs; a department
user reaches neither; the CLI runs the same engine."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.supervision.verification.models import VerificationRule, VerificationRun
from tests.conftest import api_token, csrf_token, login
from tests.factories import make_user
from tests.web import browser_post


def _rule(code="overstaffed"):
    db.session.expire_all()
    return db.session.execute(select(VerificationRule).where(VerificationRule.code == code)).scalar_one()


def _client(app, username, role, inst=None):
    make_user(app, username, role, inst)
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


def test_office_edits_and_runs_rules(app, planted):
    staff = _client(app, "v_staff", "staff")
    rule = _rule()
    resp = browser_post(staff, f"/verificationruleview/edit/{rule.id}", {"cron": "99 * * * *"})
    assert "不是有效的 cron 表达式" in resp.get_data(as_text=True)
    assert _rule().cron == rule.cron
    browser_post(staff, f"/verificationruleview/edit/{rule.id}", {"cron": "0 3 * * 1-5", "params": '{"tolerance": 0}'})
    assert _rule().cron == "0 3 * * 1-5"
    token = csrf_token(staff, "/verificationruleview/list/")
    resp = staff.post("/verificationruleview/action_post", data={"csrf_token": token, "action": "run_now",
                                                                  "rowid": [rule.id, _rule("over_limit").id]},
                      follow_redirects=True)
    assert "已执行 2 条规则" in resp.get_data(as_text=True)
    api = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(api, 'v_staff')}"}
    resp = api.post(f"/api/v1/verificationrule/{rule.id}/run", json={}, headers=headers)
    body = resp.get_json()
    assert resp.status_code == 200, (resp.status_code, body)
    assert body["status"] == "ok" and body["problems"] == 2 and body["opened"] == 0
    assert db.session.execute(select(func.count(VerificationRun.id))).scalar() == 3
    assert "overstaffed" in staff.get("/verificationrunview/list/").get_data(as_text=True) or \
        "超编" in staff.get("/verificationrunview/list/").get_data(as_text=True)


def test_department_reaches_no_rule_and_no_run(app, planted):
    dept = _client(app, "v_dept", "department", planted.clean)
    rule = _rule()
    for url in ("/verificationruleview/list/", f"/verificationruleview/show/{rule.id}", "/verificationrunview/list/"):
        assert dept.get(url).status_code in (302, 403), url
    api = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(api, 'v_dept')}"}
    assert api.post(f"/api/v1/verificationrule/{rule.id}/run", json={}, headers=headers).status_code == 403
    assert db.session.execute(select(func.count(VerificationRun.id))).scalar() == 0


def test_cli_runs_once_per_period(app, planted):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["verification", "run", "--rule", "overstaffed", "--period", "2026-03",
                                 "--today", "2026-03-02"])
    assert result.exit_code == 0 and "overstaffed\tok\t2" in result.output
    again = runner.invoke(args=["verification", "run", "--rule", "overstaffed", "--period", "2026-03"])
    assert "本期已执行" in again.output
    assert "overstaffed" in runner.invoke(args=["verification", "rules"]).output
