"""Saved filters, the global search box and the workflow diagram in headless
Chromium (issue #16 §3 §4): a department user saves a filtered list and opens it
again from beside the list, finds rows of its own scope in the menu bar's box;
an office user sees the demo workflow's states drawn."""
from __future__ import annotations

import pytest

from tests.browser.walk import login
from tests.justification.cases.fixtures import world  # noqa: F401  (fixture: the default workflow, one user per role)

pytestmark = pytest.mark.browser


def test_save_a_filter_and_search(app, browser_page, world):
    from tests.factories import give_quota, new_person

    give_quota(world.foreign, world.ref.admin_q, 1)
    new_person(world.dept, world.ref.admin_q, name="王小明")
    new_person(world.dept, world.ref.admin_q, name="李四")
    new_person(world.foreign, world.ref.admin_q, name="王大明")
    page, traffic = browser_page
    login(page, "case_dept")
    traffic.current = "/personview/list/?_flt_0_name=王"
    page.goto("/personview/list/?_flt_0_name=王", wait_until="networkidle")
    page.fill("#save-filter-name", "姓王的")
    with page.expect_navigation():
        page.click("#save-filter")
    assert "筛选已收藏" in page.content()
    page.goto("/personview/list/", wait_until="networkidle")
    page.click("#saved-filters-menu")
    with page.expect_navigation():
        page.click("a.saved-filter-link:has-text('姓王的')")
    body = page.inner_text("body")
    assert "王小明" in body and "李四" not in body and "王大明" not in body  # 王大明: another department's

    traffic.current = "global search"
    page.fill("#global-search-q", "王")
    with page.expect_navigation():
        page.press("#global-search-q", "Enter")
    groups = {g.get_attribute("data-kind"): g.inner_text() for g in page.locator(".search-group").all()}
    assert "王小明" in groups["person"] and "王大明" not in groups["person"]
    assert traffic.problems() == []


def test_the_workflow_diagram_renders_the_demo_states(app, browser_page, world):
    from sqlalchemy import select

    from app.extensions import db
    from app.workflow.models import WorkflowState

    states = db.session.execute(select(WorkflowState.name)).scalars().all()
    db.session.rollback()  # this thread's transaction would hold the SQLite write lock the login needs
    page, traffic = browser_page
    login(page, "case_staff")
    traffic.current = "/workflowview/graph/"
    page.goto("/workflowview/graph/", wait_until="networkidle")
    page.wait_for_function("() => document.getElementById('workflow-graph').dataset.rendered", timeout=30_000)
    assert page.get_attribute("#workflow-graph", "data-rendered") == str(len(states))
    names = page.evaluate("() => echarts.getInstanceByDom(document.getElementById('workflow-graph'))"
                          ".getOption().series[0].data.map(n => n.name)")
    assert sorted(names) == sorted(states)
    ink = page.locator("#workflow-graph").evaluate(
        "el => { const c = el.querySelector('canvas'); const d = c.getContext('2d').getImageData(0, 0, c.width, "
        "c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }")
    assert ink > 5000
    assert traffic.problems() == []
