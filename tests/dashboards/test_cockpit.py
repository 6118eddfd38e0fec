"""The leader's cockpit: every chart scoped like the lists, drill-down counts equal
to the chart's, near/at-cap flags, downloads, the leader's landing page."""
from __future__ import annotations

import io

import openpyxl

from tests.dashboards.fixtures import by_category, chart, record_count
from tests.factories import set_institution_cap


def test_the_leader_lands_on_the_cockpit_and_sees_every_chart(app, leader):
    resp = leader.get("/")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/dashboards/")
    html = leader.get("/dashboards/").get_data(as_text=True)
    for key in ("quota_by_type", "quota_by_region", "caps_by_region", "institutions_by_status", "cases_by_state",
                "cases_by_type", "case_throughput", "coordination_by_status", "coordination_overdue"):
        assert f'data-src="/dashboards/data/{key}' in html, key
    assert "/vendor/echarts/echarts.min.js" in html
    assert 'id="leader-todo"' in html


def test_quota_figures_are_the_users_scope_only(app, world, leader):
    everyone = by_category(chart(leader, "quota_by_type"))
    assert everyone == {"行政编制": 10, "事业编制": 5}  # 市教育局 5 + 市财政局 5; 青岛二中 5
    dept = chart(world["client"], "quota_by_type")
    assert by_category(dept) == {"行政编制": 5, "事业编制": 5}  # 市财政局 is outside 市教育局's subtree
    assert by_category(dept, 1) == {"行政编制": 0, "事业编制": 1}  # occupied: 王老师 only, not 赵会计
    # the same numbers the department reaches row by row through its list API
    rows = world["client"].get("/api/v1/quotaallocation/?q=(page_size:100)").get_json()["result"]
    assert sum(r["approved"] for r in rows) == sum(by_category(dept).values())
    assert by_category(chart(world["client"], "institutions_by_status")) == {"正常": 2}


def test_a_department_user_gets_no_chart_of_what_it_cannot_list(app, world):
    client = world["client"]
    html = client.get("/dashboards/").get_data(as_text=True)
    for key in ("caps_by_region", "coordination_by_status", "coordination_overdue"):
        assert f"/dashboards/data/{key}" not in html
        assert client.get(f"/dashboards/data/{key}").status_code == 404
        assert client.get(f"/dashboards/data/{key}/xlsx").status_code == 404
    assert client.get("/dashboards/data/no_such_chart").status_code == 404


def test_anonymous_visitors_get_no_chart(app, world):
    resp = app.test_client().get("/dashboards/data/quota_by_type")
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]


def test_drill_down_opens_the_list_with_the_charts_count(app, world, leader):
    for client in (leader, world["client"]):
        data = chart(client, "institutions_by_status")
        assert data["drill"] and all(data["drill"])
        for value, url in zip(data["series"][0]["data"], data["drill"]):
            assert record_count(client, url) == value, url
        data = chart(client, "quota_by_type")
        for category, url in zip(data["categories"], data["drill"]):
            # the allocations behind a quota type's bar: as many rows as the user can list of it
            assert url and "_flt_0_quota_type=" in url
            assert record_count(client, url) >= 1


def test_near_and_at_cap_rows_are_flagged_with_a_configurable_threshold(app, world, leader):
    set_institution_cap(world["ref"].city, 2)  # 市教育局 and 市财政局 count toward it: 2 of 2 used
    set_institution_cap(world["ref"].shinan, 10)
    usage = {u["label"]: u for u in chart(leader, "caps_by_region")["usage"]}
    assert (usage["青岛市"]["used"], usage["青岛市"]["level"], usage["青岛市"]["percent"]) == (2, "at", 100.0)
    assert usage["市南区"]["level"] == ""
    # quota use per type: 事业编制 1 of 5 occupied (20 %), 行政编制 1 of 10 (10 %)
    usage = {u["label"]: u for u in chart(leader, "quota_by_type", near=20)["usage"]}
    assert (usage["事业编制"]["level"], usage["行政编制"]["level"]) == ("near", "")
    usage = {u["label"]: u for u in chart(leader, "quota_by_type")["usage"]}  # the configured 90 %
    assert (usage["事业编制"]["level"], usage["行政编制"]["level"]) == ("", "")
    app.config["DASHBOARD_NEAR_CAP_PERCENT"] = 10
    try:
        usage = {u["label"]: u for u in chart(leader, "quota_by_type")["usage"]}
        assert (usage["事业编制"]["level"], usage["行政编制"]["level"]) == ("near", "near")
    finally:
        del app.config["DASHBOARD_NEAR_CAP_PERCENT"]


def test_every_chart_downloads_its_series_as_xlsx(app, world, leader):
    resp = leader.get("/dashboards/data/quota_by_type/xlsx")
    assert resp.status_code == 200 and resp.mimetype.endswith("spreadsheetml.sheet")
    sheet = openpyxl.load_workbook(io.BytesIO(resp.data)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][-1] == "%"  # the % used beside the series
    assert ["行政编制", 10, 1, 9, 10.0] in rows
    dept = world["client"].get("/dashboards/data/quota_by_type/xlsx")
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(io.BytesIO(dept.data)).active.iter_rows()]
    assert ["行政编制", 5, 0, 5, 0.0] in rows  # the department's own scope in its download too


def test_charts_read_in_english_too(app, leader):
    leader.get("/lang/en")
    data = chart(leader, "quota_by_type")
    assert data["title"] == "Quota use by quota type" and data["unit"] == "posts"
    leader.get("/lang/zh")
    assert chart(leader, "quota_by_type")["title"] == "编制使用情况 (按编制类型)"
