"""The second built-in dashboard (执行与监督): the power lists, registration, spot
checks and findings join the charts through their own datasets.  Every chart is
scoped like its list (a department against a foreign subtree), every drilled
value opens the list with its own URL filters and the list's row count equals it,
and each is in the chart builder's whitelist."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from sqlalchemy import select

from app.core.db import transaction
from app.extensions import db
from app.supervision.spot_checks import results
from app.supervision.spot_checks.models import SpotTask, task_inspector
from tests.conftest import login
from tests.core.workdays.fixtures import calendar_years  # noqa: F401  (re-exported fixture)
from tests.dashboards.fixtures import by_category, chart, record_count
from tests.execution.power_lists.fixtures import new_item, pw  # noqa: F401  (re-exported fixture)
from tests.execution.registration.fixtures import establish, file, walk
from tests.factories import make_user, new_institution
from tests.supervision.findings.fixtures import new_finding
from tests.supervision.spot_checks.fixtures import frozen_and_drawn, spot  # noqa: F401  (re-exported fixture)

EXECUTION = ("power_items_by_type", "power_items_by_department", "registration_turnaround", "findings_by_state",
             "findings_overdue")
LONG_AGO = dt.date(2026, 3, 30)  # a deadline past (before the day the tests run)
FAR = dt.date.today() + dt.timedelta(days=400)


def _client(app, username):
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


@pytest.fixture()
def ex(app, pw):
    """The power world (市教育局 ⊃ 机关服务中心, 市民政局 beside) with more items,
    registrations of units on both sides and findings, some overdue."""
    w = pw.w
    new_item(w.dept, pw.types["02"], "教育违法行为处罚")
    new_item(w.dept, pw.types["02"], "民办学校违规办学处罚")
    new_item(w.foreign, pw.types["20"], "养老服务补贴发放")
    mine = [new_institution(w.ref, f"市教育考试院{i}", parent=w.dept, category="pi", within_cap=False)
            for i in range(2)]
    theirs = new_institution(w.ref, "市养老服务中心", parent=w.foreign, category="pi", within_cap=False)
    for pk in (*mine, theirs):
        establish(pk)  # 设立, walked to issue in minutes: same day
    pending = file(mine[1], "annual_report", report_year=2025, activities="开展业务", net_assets=10, staff_count=5)
    walk(pending, "accepted")
    findings = {
        "mine_overdue": new_finding(w.dept, "d1", deadline=LONG_AGO),
        "mine_open": new_finding(w.unit, "d2", deadline=FAR),
        "mine_overdue2": new_finding(w.unit, "d3", deadline=LONG_AGO),
        "theirs_overdue": new_finding(w.foreign, "f1", deadline=LONG_AGO),
    }
    db.session.rollback()
    return dict(pw=pw, w=w, leader=_client(app, "case_leader"), dept=_client(app, "case_dept"),
                foreign=_client(app, "case_foreign"), findings=findings)


def test_the_second_dashboard_shows_every_chart_the_user_may_read(app, ex):
    html = ex["leader"].get("/dashboards/execution/").get_data(as_text=True)
    for key in (*EXECUTION, "spot_check_outcomes"):
        assert f'data-src="/dashboards/data/{key}' in html, key
    assert "/dashboards/execution/" in ex["leader"].get("/dashboards/").get_data(as_text=True)  # linked from home
    html = ex["dept"].get("/dashboards/execution/").get_data(as_text=True)
    for key in EXECUTION:
        assert f"/dashboards/data/{key}" in html, key
    # a department lists no spot-check tasks: no chart of them, on any door
    assert "/dashboards/data/spot_check_outcomes" not in html
    assert ex["dept"].get("/dashboards/data/spot_check_outcomes").status_code == 404
    assert ex["dept"].get("/dashboards/data/spot_check_outcomes/xlsx").status_code == 404


def test_power_list_composition_is_scoped_and_drills_to_the_catalogue(app, ex):
    everyone = by_category(chart(ex["leader"], "power_items_by_type"))
    assert everyone == {"行政许可": 2, "行政处罚": 2, "公共服务事项": 1}
    mine = by_category(chart(ex["dept"], "power_items_by_type"))
    assert mine == {"行政许可": 1, "行政处罚": 2}  # 市民政局's items are outside 市教育局's subtree
    theirs = by_category(chart(ex["foreign"], "power_items_by_type"))
    assert theirs == {"行政许可": 1, "公共服务事项": 1}
    # the department's own list API reaches the same rows
    rows = ex["dept"].get("/api/v1/poweritem/?q=(page_size:100)").get_json()["result"]
    assert len(rows) == sum(mine.values())
    for client in (ex["leader"], ex["dept"], ex["foreign"]):
        data = chart(client, "power_items_by_type")
        assert all(data["drill"])
        for value, url in zip(data["series"][0]["data"], data["drill"]):
            assert "_flt_0_type=" in url and record_count(client, url) == value, url
    # by department, one series per type (stacked): the department sees itself only
    data = chart(ex["dept"], "power_items_by_department")
    assert data["kind"] == "stacked_bar" and data["categories"] == ["市教育局"]
    assert {s["name"]: s["data"] for s in data["series"]} == {"行政许可": [1], "行政处罚": [2]}
    data = chart(ex["leader"], "power_items_by_department")
    assert sorted(data["categories"]) == ["市教育局", "市民政局"]


def test_registration_turnaround_and_same_day_rate(app, ex):
    data = chart(ex["leader"], "registration_turnaround")
    cells = {cat: [s["data"][i] for s in data["series"]] for i, cat in enumerate(data["categories"])}
    # three establishments issued the same day, the annual report still open (no turnaround yet)
    assert cells["设立登记"][0] == 3 and cells["设立登记"][2] == 100
    assert cells["设立登记"][1] > 0  # minutes from receipt to issue
    assert cells["年度报告"] == [1, 0, 0]
    mine = chart(ex["dept"], "registration_turnaround")
    assert dict(zip(mine["categories"], mine["series"][0]["data"])) == {"设立登记": 2, "年度报告": 1}
    theirs = chart(ex["foreign"], "registration_turnaround")
    assert dict(zip(theirs["categories"], theirs["series"][0]["data"])) == {"设立登记": 1}
    for client in (ex["leader"], ex["dept"]):
        data = chart(client, "registration_turnaround")
        for value, url in zip(data["series"][0]["data"], data["drill"]):
            assert "_flt_3_matter=" in url and record_count(client, url) == value, url
    assert data["unit"] and len(data["series"]) == 3


def test_findings_by_state_and_overdue_drill_to_the_findings_list(app, ex):
    assert by_category(chart(ex["leader"], "findings_by_state")) == {"待整改": 4}
    assert by_category(chart(ex["leader"], "findings_overdue")) == {"待整改": 3}
    assert by_category(chart(ex["dept"], "findings_by_state")) == {"待整改": 3}
    assert by_category(chart(ex["dept"], "findings_overdue")) == {"待整改": 2}  # not 市民政局's
    assert by_category(chart(ex["foreign"], "findings_overdue")) == {"待整改": 1}
    for client in (ex["leader"], ex["dept"], ex["foreign"]):
        for key in ("findings_by_state", "findings_overdue"):
            data = chart(client, key)
            assert all(data["drill"]), key
            for value, url in zip(data["series"][0]["data"], data["drill"]):
                assert record_count(client, url) == value, url
        data = chart(client, "findings_overdue")
        assert all("_flt_2_deadline=" in url and "_flt_3_state=open" in url for url in data["drill"])


def test_the_new_charts_download_as_xlsx_in_the_users_scope(app, ex):
    resp = ex["dept"].get("/dashboards/data/power_items_by_type/xlsx")
    assert resp.status_code == 200 and resp.mimetype.endswith("spreadsheetml.sheet")
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(io.BytesIO(resp.data)).active.iter_rows()]
    assert ["行政处罚", 2] in rows and ["行政许可", 1] in rows and len(rows) == 3
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(io.BytesIO(
        ex["leader"].get("/dashboards/data/power_items_by_department/xlsx").data)).active.iter_rows()]
    assert rows[0][0] in ("", None) and set(rows[0][1:]) == {"行政许可", "行政处罚", "公共服务事项"}
    assert sorted(row[0] for row in rows[1:]) == ["市教育局", "市民政局"]


def test_the_new_datasets_are_in_the_builders_whitelist(app, ex):
    from app.dashboards.views import _dataset_choices

    with app.test_request_context():
        names = {name for name, _title in _dataset_choices()}
    assert {"power_items", "registrations", "spot_tasks", "findings"} <= names
    admin = _client(app, "case_admin")
    resp = admin.post("/api/v1/chartdefinition/", json=dict(
        name="各部门权责事项", dataset="power_items", dimension="type", aggregate="count", chart_type="bar",
        sort="key"))
    assert resp.status_code == 201, resp.get_data(as_text=True)
    resp = admin.post("/api/v1/chartdefinition/", json=dict(
        name="平均办结时间", dataset="registrations", dimension="matter", aggregate="avg", measure="matter",
        chart_type="bar", sort="key"))
    assert resp.status_code == 422, resp.get_data(as_text=True)  # a measure on a text column: refused
    assert "matter" in resp.get_data(as_text=True)


def test_spot_check_outcomes_drill_to_the_task_list(app, spot, calendar_years):  # noqa: F811
    _draw, task_ids = frozen_and_drawn(spot["plan"])
    with transaction():
        task = db.session.get(SpotTask, task_ids[0])
        inspector_id = db.session.scalar(select(task_inspector.c.inspector_id)
                                         .where(task_inspector.c.task_id == task.id).limit(1))
        from app.supervision.spot_checks.models import SpotInspector

        results.record_result(task, inspector=db.session.get(SpotInspector, inspector_id), outcome="problems",
                              notes="登记住所与实际不符")
    db.session.rollback()
    make_user(app, "leader1", "leader")
    leader = _client(app, "leader1")
    data = chart(leader, "spot_check_outcomes")
    expected = {"发现问题": 1, **({"待处理": len(task_ids) - 1} if len(task_ids) > 1 else {})}
    assert by_category(data) == expected
    for value, url in zip(data["series"][0]["data"], data["drill"]):
        assert "_flt_3_outcome=" in url and record_count(leader, url) == value, url
    assert spot["dept"].get("/dashboards/data/spot_check_outcomes").status_code == 404
