"""The dashboards in headless Chromium, as each role: every chart drawn on a
non-empty canvas from this origin only, a click on a slice opens the list whose
row count is the slice's value, a department user's charts over its own
subtree, and a chart defined in the builder by an administrator, without code."""
from __future__ import annotations

import re

import pytest

from tests.conftest import PASSWORD
from tests.dashboards.fixtures import leader  # noqa: F401  (fixture)
from tests.execution.power_lists.fixtures import pw  # noqa: F401  (fixture)
from tests.quota.fixtures import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

# Pixels of a chart's canvas that are not background: a drawn chart has many.
INK = """el => { const c = el.querySelector('canvas'); if (!c) return -1;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
  for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }"""


def login(page, username):
    page.goto("/logout/")
    page.goto("/login/", wait_until="networkidle")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form[name=login] input[type=submit]")
    assert "/login" not in page.url, f"login as {username} failed"


def charts_drawn(page) -> dict[str, int]:
    """Wait for every chart of the page; its id -> ink (-1: drawn without canvas: table, number)."""
    page.wait_for_function("() => [...document.querySelectorAll('.bz-chart')].every(e => e.dataset.rendered)",
                           timeout=30_000)
    drawn = {}
    for el in page.locator(".bz-chart").all():
        assert el.get_attribute("data-rendered") == "1", el.get_attribute("id")
        drawn[el.get_attribute("id")] = el.evaluate(INK)
    return drawn


def click_ring(page, chart_id):
    """Click the pie's ring (radius 30–62 % of half the box, centre at 50 % / 45 %)."""
    chart = page.locator(f"#{chart_id}")
    box = chart.bounding_box()
    half = min(box["width"], box["height"]) / 2
    chart.click(position={"x": box["width"] / 2, "y": box["height"] * 0.45 - half * 0.46})  # scrolls to it first


def record_count(page) -> int:
    return int(re.search(r"记录数:\s*(\d+)", page.inner_text("body")).group(1))


def test_every_role_sees_its_charts_drawn_and_drills_down(app, browser_page, world, leader):
    page, traffic = browser_page
    for username, expect_caps in (("leader1", True), ("dept", False)):
        login(page, username)
        traffic.current = f"/dashboards/ as {username}"
        page.goto("/dashboards/", wait_until="networkidle")
        drawn = charts_drawn(page)
        assert ("chart-caps_by_region" in drawn) is expect_caps
        for chart_id in ("chart-quota_by_type", "chart-quota_by_region", "chart-institutions_by_status",
                         "chart-cases_by_state"):
            if page.locator(f"#{chart_id}").get_attribute("data-categories") != "0":
                assert drawn[chart_id] > 500, f"{chart_id} drawn empty as {username}"
        # the usage table beside the bars: the user's own figures (市财政局 is not the department's)
        table = page.inner_text("#usage-quota_by_type")
        assert ("10" in table) is (username == "leader1")
        # drill-down: the slice of 正常 institutions opens their list, with as many rows
        value = int(page.evaluate("() => echarts.getInstanceByDom(document.getElementById("
                                  "'chart-institutions_by_status')).getOption().series[0].data[0].value"))
        with page.expect_navigation():
            click_ring(page, "chart-institutions_by_status")
        assert "/institutionview/list/" in page.url and "_flt_3_status=active" in page.url
        assert record_count(page) == value == (3 if username == "leader1" else 2)
    assert traffic.problems() == []
    assert all(url.startswith(traffic.base_url) or not url.startswith("http") for _p, _k, url in traffic.requests)
    assert any("/vendor/echarts/echarts.min.js" in url for _p, _k, url in traffic.requests)


def test_an_administrator_defines_a_chart_and_a_board_without_code(app, browser_page, world):
    from tests.factories import make_user

    make_user(app, "admin1", "admin")
    page, traffic = browser_page
    login(page, "admin1")
    traffic.current = "/chartdefinitionview/add"
    page.goto("/chartdefinitionview/add", wait_until="networkidle")
    page.fill("input[name=name]", "人员按编制类型")
    # The columns are chosen by their labels, and follow the chosen dataset.
    offered = "() => [...document.querySelector('select[name=dimension]').options].map(o => o.text).filter(t => t)"
    page.select_option("select[name=dataset]", "ledger")
    assert "生效日期" in page.evaluate(offered) and "性别" not in page.evaluate(offered)
    page.select_option("select[name=dataset]", "persons")
    assert page.evaluate(offered) == ["编制类型", "地区", "状态", "性别", "入编日期"]
    page.select_option("select[name=dimension]", label="编制类型")
    page.select_option("select[name=chart_type]", "bar")
    with page.expect_navigation():
        page.click("form button[type=submit]:visible, form input[type=submit]:visible")
    assert "记录已添加" in page.inner_text("body"), page.inner_text("body")[:500]  # FAB's "Added Row"
    traffic.current = "/dashboardview/add"
    page.goto("/dashboardview/add", wait_until="networkidle")
    page.fill("input[name=name]", "管理员看板")
    page.select_option("select[name=charts]", label="人员按编制类型")
    with page.expect_navigation():
        page.click("form button[type=submit]:visible, form input[type=submit]:visible")
    assert "记录已添加" in page.inner_text("body"), page.inner_text("body")[:500]
    traffic.current = "/dashboards/ (boards)"
    page.goto("/dashboards/", wait_until="networkidle")
    with page.expect_navigation():
        page.click(".bz-boards a:has-text('管理员看板')")
    drawn = charts_drawn(page)
    assert len(drawn) == 1 and list(drawn.values())[0] > 500
    assert traffic.problems() == []


def test_the_execution_dashboard_draws_the_power_list_and_drills_to_the_catalogue(app, browser_page, pw):
    """The second built-in dashboard: the power list by type drawn, its slice opening the catalogue list."""
    page, traffic = browser_page
    for username, expected in (("case_leader", 2), ("case_dept", 1)):  # 市民政局's item is not the department's
        login(page, username)
        traffic.current = f"/dashboards/execution/ as {username}"
        page.goto("/dashboards/", wait_until="networkidle")
        with page.expect_navigation():
            page.click("#bz-board-execution a")
        drawn = charts_drawn(page)
        assert drawn["chart-power_items_by_type"] > 500, f"drawn empty as {username}"
        value = int(page.evaluate("() => echarts.getInstanceByDom(document.getElementById("
                                  "'chart-power_items_by_type')).getOption().series[0].data[0].value"))
        with page.expect_navigation():
            click_ring(page, "chart-power_items_by_type")
        assert "/poweritemview/list/" in page.url and "_flt_0_type=" in page.url
        assert record_count(page) == value == expected
    assert traffic.problems() == []
