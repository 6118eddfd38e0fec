"""Every door of 履职评估: pages, actions, the report, REST API, exports, CLI —
a department user reaches its own evaluation only."""
from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import select

from app.extensions import db
from app.supervision.evaluations.models import DepartmentEvaluation, EvaluationPlan, IndicatorScore, IndicatorSystem
from tests.conftest import csrf_token
from tests.supervision.evaluations.fixtures import api_for, client_for, evaluate, make_plan, make_system, snapshot


def test_a_department_reaches_its_own_evaluation_only(app, world):
    plan = make_plan(world)
    mine = evaluate(world, plan, world.edu, {"A1": 80, "A2": 90})
    theirs = evaluate(world, plan, world.civil, {"A1": 70, "A2": 70}, finalize=False)
    score = db.session.execute(select(IndicatorScore.id).where(IndicatorScore.evaluation_id == theirs)).scalar()
    c = client_for(app, "department")
    html = c.get("/departmentevaluationview/list/").get_data(as_text=True)
    assert "市教育局" in html and "市民政局" not in html
    report = c.get(f"/departmentevaluationview/report/{mine}").get_data(as_text=True)
    assert "91.00" in report and "优秀" in report and "权责清单执行" in report
    for url in (f"/departmentevaluationview/show/{theirs}", f"/departmentevaluationview/report/{theirs}",
                f"/indicatorscoreview/show/{score}", f"/api/v1/departmentevaluation/{theirs}",
                f"/api/v1/indicatorscore/{score}"):
        assert c.get(url).status_code == 404, url
    # the office's registers are not a department's
    assert c.get("/evaluationplanview/list/").status_code in (302, 403)
    before = snapshot()
    token = csrf_token(c, f"/departmentevaluationview/show/{mine}")
    assert c.post("/departmentevaluationview/action_post", data={"csrf_token": token, "action": "finalize",
                                                                 "rowid": [theirs]}).status_code in (403, 404)
    api, headers = api_for(app, "department")
    assert api.post(f"/api/v1/departmentevaluation/{theirs}/finalize", json={}, headers=headers).status_code in (403, 404)
    assert [r["id"] for r in api.get("/api/v1/departmentevaluation/", headers=headers).get_json()["result"]] == [mine]
    scores = api.get("/api/v1/indicatorscore/?q=(page_size:100)", headers=headers).get_json()["result"]
    assert {r["id"] for r in scores} == set(db.session.execute(select(IndicatorScore.id).where(
        IndicatorScore.evaluation_id == mine)).scalars())
    book = load_workbook(io.BytesIO(c.get("/departmentevaluationview/export/").data))
    assert [row[1] for row in book.active.iter_rows(min_row=2, values_only=True)] == ["市教育局"]
    assert snapshot() == before
    foreign = client_for(app, "foreign")
    assert "市教育局" not in foreign.get("/departmentevaluationview/list/").get_data(as_text=True)
    assert foreign.get(f"/departmentevaluationview/report/{mine}").status_code == 404


def test_publish_through_the_api_is_refused_with_the_numbers_then_done(app, world):
    tree = (("A", "依法履职", None, 70, "manual"), ("B", "编制使用", None, 20, "manual"))
    system, _ = make_system("接口", tree=tree, publish=False)
    api, headers = api_for(app, "admin")
    before = snapshot()
    resp = api.post(f"/api/v1/indicatorsystem/{system}/publish", json={}, headers=headers)
    assert resp.status_code == 422
    body = resp.get_json()
    assert "A 70 + B 20" in body["zh"] and "合计 90" in body["zh"] and "sum to 90, not 100" in body["en"]
    assert snapshot() == before
    staff, staff_headers = api_for(app, "staff")  # staff read the trees, administrators edit them
    assert staff.post(f"/api/v1/indicatorsystem/{system}/publish", json={}, headers=staff_headers).status_code == 403
    assert staff.post("/api/v1/indicator/", json={"system": system, "code": "C", "name": "x", "weight": 10},
                      headers=staff_headers).status_code == 403
    resp = api.post("/api/v1/indicator/", json={"system": system, "code": "C", "name": "改革创新", "weight": 10},
                    headers=headers)
    assert resp.status_code == 201, resp.get_json()
    resp = api.post(f"/api/v1/indicatorsystem/{system}/publish", json={}, headers=headers)
    assert resp.status_code == 200 and resp.get_json()["status"] == "published"
    assert db.session.get(IndicatorSystem, system).status == "published"


def test_staff_draw_score_and_finalise_through_the_api_and_the_page(app, world):
    plan = make_plan(world, size=2)
    api, headers = api_for(app, "staff")
    resp = api.post(f"/api/v1/evaluationplan/{plan}/draw", json={}, headers=headers)
    assert resp.status_code == 200
    drawn = resp.get_json()["drawn"]
    assert len(drawn) == 2
    again = api.post(f"/api/v1/evaluationplan/{plan}/draw", json={}, headers=headers)
    assert again.status_code == 422 and "不能重抽" in again.get_json()["zh"]
    ev = drawn[0]["id"]
    refused = api.post("/api/v1/indicatorscore/", json={"evaluation": ev, "indicator": world.indicators["A"],
                                                         "score": 80}, headers=headers)
    assert refused.status_code == 422 and "不能直接评分" in refused.get_json()["zh"]
    for code, score in (("A1", 60), ("A2", 70)):
        resp = api.post("/api/v1/indicatorscore/", json={"evaluation": ev, "indicator": world.indicators[code],
                                                          "score": score}, headers=headers)
        assert resp.status_code == 201, resp.get_json()
    c = client_for(app, "staff")
    token = csrf_token(c, f"/departmentevaluationview/show/{ev}")
    page = c.post("/departmentevaluationview/action_post", data={"csrf_token": token, "action": "finalize",
                                                                  "rowid": [ev]}, follow_redirects=True)
    assert "总分 79.00, 等级" in page.get_data(as_text=True) and "现处于「已定稿」" in page.get_data(as_text=True)
    db.session.expire_all()
    done = db.session.get(DepartmentEvaluation, ev)
    assert done.status == "final" and str(done.total) == "79.00" and done.grade.code == "pass"  # 65·0.6 + 40
    assert "79.00" in c.get(f"/departmentevaluationview/report/{ev}").get_data(as_text=True)
    assert db.session.get(EvaluationPlan, plan).seed == "2026-编委会-001"


def test_the_cli_finalises_reports_and_refuses_in_both_languages(app, world):
    plan = make_plan(world)
    ev = evaluate(world, plan, world.edu, {"A1": 80}, finalize=False)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["evaluation", "finalize", str(ev)])
    assert result.exit_code == 2 and "未评分" in result.output and "not scored" in result.output
    result = runner.invoke(args=["evaluation", "report", str(ev)])
    assert result.exit_code == 0 and "A1 权责清单执行" in result.output


def test_a_published_system_and_a_final_evaluation_offer_no_edit_or_delete_anywhere(app, world):
    """A published system's indicators, a final evaluation and its scores: the services refuse
    a change, and no door offers one (list icons, the edit and delete URLs, the API); an open
    evaluation's scores still do."""
    plan = make_plan(world, size=2)
    final = evaluate(world, plan, world.edu, {"A1": 80, "A2": 70})
    open_ev = evaluate(world, plan, world.civil, {"A1": 70}, finalize=False)
    score_of = {ev: db.session.execute(select(IndicatorScore.id).where(IndicatorScore.evaluation_id == ev)
                                       .order_by(IndicatorScore.id)).scalars().first() for ev in (final, open_ev)}
    staff = client_for(app, "admin")  # the one who may edit each of these while it is open
    api, headers = api_for(app, "admin")
    closed = [("indicatorsystemview", "indicatorsystem", world.system, {"edit"}, "已发布, 不能再修改"),
              ("indicatorview", "indicator", world.indicators["A1"], {"edit", "delete"}, "已发布, 不能再修改"),
              ("departmentevaluationview", "departmentevaluation", final, {"edit", "delete"}, "已定稿, 不能再修改"),
              ("indicatorscoreview", "indicatorscore", score_of[final], {"edit", "delete"}, "已定稿, 不能再修改")]
    before = snapshot()
    token = csrf_token(staff, "/indicatorscoreview/list/")
    for view, api_name, pk, refused, words in closed:
        listed = staff.get(f"/{view}/list/").get_data(as_text=True)
        assert f"/{view}/show/{pk}" in listed, view
        for op in refused:
            assert f"/{view}/{op}/{pk}" not in listed, (view, op)
            resp = staff.get(f"/{view}/edit/{pk}") if op == "edit" else \
                staff.post(f"/{view}/delete/{pk}", data={"csrf_token": token})
            text = resp.get_data(as_text=True)
            assert resp.status_code == 403 and words in text and "<form" not in text, (view, op, text[:300])
            resp = api.open(f"/api/v1/{api_name}/{pk}", method="PUT" if op == "edit" else "DELETE",
                            json={"name": "x"} if op == "edit" else None, headers=headers)
            assert resp.status_code == 403 and words in resp.get_json()["zh"], (view, op, resp.get_json())
    assert snapshot() == before
    for view, pk in (("departmentevaluationview", open_ev), ("indicatorscoreview", score_of[open_ev])):
        listed = staff.get(f"/{view}/list/").get_data(as_text=True)
        assert f"/{view}/edit/{pk}" in listed and f"/{view}/delete/{pk}" in listed, view
