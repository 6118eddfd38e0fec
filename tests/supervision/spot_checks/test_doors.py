"""The spot checks' doors: the office's plan steps, the inspector's own page, the
public page and its inputs, the command line, and a department user outside."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from app.extensions import db
from app.supervision.findings.models import Finding
from app.supervision.spot_checks import results
from app.supervision.spot_checks.models import SpotDraw, SpotInspector, SpotPlan, SpotTask
from tests.conftest import csrf_token, login
from tests.supervision.spot_checks.fixtures import fresh, frozen_and_drawn


def test_the_office_freezes_through_the_plan_page_and_a_bad_seed_is_refused(app, spot):
    staff, pid = spot["staff"], spot["plan"]
    token = csrf_token(staff, f"/spotplanview/show/{pid}")
    resp = staff.post(f"/spotplanview/freeze/{pid}", data={"csrf_token": token, "seed": "", "seed_source": ""},
                      follow_redirects=True)
    assert "随机种子" in resp.get_data(as_text=True)
    with fresh(app):
        assert db.session.scalar(select(func.count()).select_from(SpotDraw)) == 0
    # the real step runs on today's date, which is after the 2026 publicity period (Jun 30)
    if dt.date.today() > dt.date(2026, 6, 30):
        resp = staff.post(f"/spotplanview/freeze/{pid}", data={"csrf_token": token, "seed": "42",
                                                               "seed_source": "会议录入"}, follow_redirects=True)
        assert "随机种子已记录，现处于「输入已冻结」。" in resp.get_data(as_text=True)  # the plan's new state
        with fresh(app):
            assert db.session.get(SpotPlan, pid).status == "frozen"


def test_a_department_user_reaches_no_spot_check_door(app, spot):
    frozen_and_drawn(spot["plan"])
    dept = spot["dept"]
    with fresh(app):
        task = db.session.scalar(select(SpotTask))
        draw = db.session.scalar(select(SpotDraw))
    for url in ["/spotplanview/list/", f"/spotplanview/show/{spot['plan']}", "/spottaskview/list/",
                f"/spottaskview/show/{task.id}", "/spotdrawview/list/", "/spotinspectorview/list/",
                "/spotchecks/mine/", "/api/v1/spottask/", f"/api/v1/spotdraw/{draw.id}",
                "/spottaskview/export/"]:
        resp = dept.get(url)
        assert resp.status_code in (302, 401, 403, 404), url
    token = csrf_token(dept, "/internaldivisionview/add")  # a form the department user may open
    for url in [f"/spotplanview/freeze/{spot['plan']}", f"/spotplanview/publish/{spot['plan']}",
                f"/spotchecks/mine/record/{task.id}"]:
        resp = dept.post(url, data={"csrf_token": token, "outcome": "compliant"})
        assert resp.status_code in (302, 401, 403), url
    with fresh(app):
        assert db.session.get(SpotTask, task.id).outcome == "pending"
        assert db.session.get(SpotPlan, spot["plan"]).status == "drawn"


def test_only_a_drawn_inspector_records_and_the_office_publishes(app, spot):
    _draw_id, (task_id,) = frozen_and_drawn(spot["plan"])
    with fresh(app):
        task = db.session.get(SpotTask, task_id)
        seated = {i.name for i in task.inspectors}
        insp = db.session.scalar(select(SpotInspector).where(SpotInspector.name == "张建国"))
        if insp.name not in seated:  # bind the login to one of the drawn inspectors
            drawn = task.inspectors[0]
            uid, insp.user_id = insp.user_id, None
            db.session.flush()
            drawn.user_id = uid
            db.session.commit()
        # insp2: an inspector in the pool who was not drawn to this task
        task = db.session.get(SpotTask, task_id)
        seated_ids = {i.id for i in task.inspectors}
        idle = db.session.scalar(select(SpotInspector).where(SpotInspector.id.not_in(seated_ids),
                                                             SpotInspector.user_id.is_(None)))
        idle.user_id = app.appbuilder.sm.find_user("insp2").id
        db.session.commit()
    me, other = app.test_client(), app.test_client()
    assert login(me, "insp").status_code == 302 and login(other, "insp2").status_code == 302
    page = me.get("/spotchecks/mine/").get_data(as_text=True)
    assert "单位" in page or "市" in page
    token = csrf_token(other, "/resetmypassword/form")  # insp2 has no task, hence no form of ours
    other.post(f"/spotchecks/mine/record/{task_id}", data={"csrf_token": token, "outcome": "compliant"})
    with fresh(app):
        assert db.session.get(SpotTask, task_id).outcome == "pending"  # insp2 was not drawn to it
    token = csrf_token(me, "/spotchecks/mine/")
    resp = me.post(f"/spotchecks/mine/record/{task_id}", data={"csrf_token": token, "outcome": "problems",
                                                               "notes": ""}, follow_redirects=True)
    assert "发现问题时须写明问题" in resp.get_data(as_text=True)
    me.post(f"/spotchecks/mine/record/{task_id}", data={"csrf_token": token, "outcome": "problems",
                                                        "notes": "年报人数不实"})
    with fresh(app):
        assert db.session.get(SpotTask, task_id).outcome == "problems"
    staff = spot["staff"]
    token = csrf_token(staff, f"/spotplanview/show/{spot['plan']}")
    assert staff.post(f"/spotplanview/publish/{spot['plan']}", data={"csrf_token": token}).status_code == 302
    with fresh(app):
        task = db.session.get(SpotTask, task_id)
        assert task.published_at is not None
        # the problem is now a finding of the drawn institution, keyed by the task
        finding = db.session.scalar(select(Finding).where(Finding.source_kind == "spot_check"))
        assert finding.source_key == f"spot_task:{task_id}" and finding.institution_id == task.institution_id
        assert "年报人数不实" in finding.detail and finding.state == "open"
    resp = me.post(f"/spotchecks/mine/record/{task_id}", data={"csrf_token": token, "outcome": "compliant"},
                   follow_redirects=True)
    with fresh(app):
        assert db.session.get(SpotTask, task_id).outcome == "problems"  # published: no change


def test_the_public_page_shows_inputs_and_only_published_results(app, spot):
    draw_id, (task_id,) = frozen_and_drawn(spot["plan"], seed="公开种子-7")
    anon = app.test_client()
    assert "计划 SC-T-1" in anon.get("/public/spotchecks/").get_data(as_text=True)
    page = anon.get(f"/public/spotchecks/draw/{draw_id}").get_data(as_text=True)
    with fresh(app):
        draw = db.session.get(SpotDraw, draw_id)
        assert draw.seed in page and draw.candidates_hash in page and draw.result_hash in page
    assert "尚未公示" in page and "年报人数不实" not in page
    inputs = anon.get(f"/public/spotchecks/draw/{draw_id}/inputs.json").get_json()
    assert inputs["seed"] == "公开种子-7" and len(inputs["candidates"]) == 23
    # anyone can re-run it from the page's inputs with the published rule
    from app.supervision.spot_checks import rules

    again = rules.draw(inputs["seed"], inputs["candidates"], inputs["inspectors"], inputs["target_count"],
                       inputs["per_target"])
    assert rules.digest(again.as_json()) == inputs["result_hash"]
    assert anon.get("/public/spotchecks/draw/999999").status_code == 404


def test_overdue_publications_are_flagged(app_ctx, spot):
    _draw_id, (task_id,) = frozen_and_drawn(spot["plan"])
    due = db.session.get(SpotTask, task_id).draw.publish_due_on
    assert [t.id for t in db.session.scalars(results.overdue_tasks(due))] == []
    assert [t.id for t in db.session.scalars(results.overdue_tasks(due + dt.timedelta(days=1)))] == [task_id]


def test_the_verify_command_reports_identical_or_not(app, spot):
    draw_id, _ = frozen_and_drawn(spot["plan"])
    runner = app.test_cli_runner()
    result = runner.invoke(args=["spotcheck", "verify", str(draw_id)])
    assert result.exit_code == 0 and "identical" in result.output and "NOT" not in result.output
    with fresh(app):
        db.session.get(SpotDraw, draw_id).result_hash = "0" * 64
        db.session.commit()
    result = runner.invoke(args=["spotcheck", "verify", str(draw_id)])
    assert result.exit_code == 1 and "NOT identical" in result.output
    result = runner.invoke(args=["spotcheck", "verify", "999999"])
    assert result.exit_code == 2
