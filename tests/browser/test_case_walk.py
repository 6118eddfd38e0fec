"""One adjustment case walked the whole way in headless Chromium, as each role.

A department user files an 增编 request with its structured change; staff
accept it and analyse it (post decomposition); two divisions countersign; the
sign-off role (一支笔) approves; the ledger, allocation and vacancy pages show
the change.  Then a second request that would exceed the regional cap is
refused at apply time, with the cap named on the page.
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.justification.cases.models import AdjustmentCase
from tests.justification.cases.fixtures import file_case, make_world, walk_to_office_meeting
from tests.browser.walk import login, pick
from tests.factories import give_quota

pytestmark = pytest.mark.browser


def save_form(page):
    with page.expect_navigation():
        page.click("form button[type=submit]:visible, form input[type=submit]:visible")


def fire(page, case_id, button_text, **fields):
    page.goto(f"/adjustmentcaseview/show/{case_id}", wait_until="networkidle")
    form = page.locator("form.transition-form", has=page.locator(f"button:has-text('{button_text}')"))
    for name, value in fields.items():
        form.locator(f"input[name={name}]").fill(value)
    with page.expect_navigation():
        form.locator("button").click()


def countersign(page, case_id, division):
    page.goto(f"/adjustmentcaseview/show/{case_id}", wait_until="networkidle")
    row = page.locator("#countersign tr", has=page.locator(f"td:has-text('{division}')"))
    with page.expect_navigation():
        row.locator("button[name=agree][value='1']").click()


def state_name(page):
    return page.locator("#state-name").inner_text().strip()


def test_a_case_walked_by_every_role(app, browser_page):
    page, traffic = browser_page
    with app.app_context():
        world = make_world(app)

    # -- the department files the request -----------------------------------
    login(page, "case_dept")
    traffic.current = "/adjustmentcaseview/add"
    page.goto("/adjustmentcaseview/add", wait_until="networkidle")
    page.fill("input[name=title]", "关于增加市教育局行政编制的请示")
    pick(page, "case_type", "增编")
    pick(page, "institution", "市教育局")
    page.fill("textarea[name=reasons]", "新增教育督导职能, 工作量明显增加")
    save_form(page)
    with app.app_context():
        case_id = db.session.execute(select(AdjustmentCase.id).where(
            AdjustmentCase.title == "关于增加市教育局行政编制的请示")).scalar_one()
        number = db.session.get(AdjustmentCase, case_id).number
    page.goto(f"/adjustmentcaseview/show/{case_id}", wait_until="networkidle")
    assert state_name(page) == "草拟"
    with page.expect_navigation():
        page.click("#add-change")
    pick(page, "kind", "编制增减")
    pick(page, "institution", "市教育局")
    pick(page, "quota_type", "行政编制")
    page.fill("input[name=amount]", "3")
    save_form(page)
    fire(page, case_id, "提交申请")
    assert state_name(page) == "申请"
    buttons = page.locator("form.transition-form button").all_inner_texts()
    assert buttons == ["撤回申请"], buttons  # the unit may only withdraw now

    # -- staff accept and analyse it ----------------------------------------
    login(page, "case_staff")
    fire(page, case_id, "受理")
    fire(page, case_id, "开始论证")
    for post, hours in (("教育督导岗", "3520"), ("统计分析岗", "1760")):
        page.goto(f"/casepostview/add?_flt_0_case={case_id}", wait_until="networkidle")
        page.fill("input[name=name]", post)
        page.fill("input[name=annual_hours]", hours)
        save_form(page)
    page.goto(f"/adjustmentcaseview/show/{case_id}", wait_until="networkidle")
    summary = page.locator("#fte-summary").inner_text()
    assert re.search(r"3\D+3\D+0", summary), summary  # required 3 · requested 3 · gap 0
    assert "40" in page.locator("#sizing").inner_text()  # the regional cap beside the request
    fire(page, case_id, "提交处室审核")
    assert state_name(page) == "处室审核"
    fire(page, case_id, "审核通过")
    assert "尚未同意" in page.content()  # the countersign is not complete
    countersign(page, case_id, "机关编制处")

    # -- the second division countersigns -------------------------------------
    login(page, "case_staff2")
    countersign(page, case_id, "事业编制处")
    login(page, "case_staff")
    fire(page, case_id, "审核通过")
    assert state_name(page) == "办务会"

    # -- an administrator cannot sign off; the leader does --------------------
    login(page, "case_admin")
    page.goto(f"/adjustmentcaseview/show/{case_id}", wait_until="networkidle")
    assert page.locator("form.transition-form button:has-text('签批')").count() == 0
    login(page, "case_leader")
    fire(page, case_id, "签批", doc_no="青编办字〔2026〕30号", comment="同意")
    assert state_name(page) == "批复"
    assert "已执行" in page.content() and "青编办字〔2026〕30号" in page.content()

    # -- the quota database shows the change ----------------------------------
    page.goto("/quotaledgerentryview/list/", wait_until="networkidle")
    assert "青编办字〔2026〕30号" in page.content()
    page.goto(f"/quotaallocationview/list/?_flt_0_institution={world.dept}", wait_until="networkidle")
    row = page.locator("table tr", has=page.locator("td:has-text('市教育局')")).first.inner_text()
    assert re.search(r"行政编制\s+13\s+0\s+13", row), row  # approved 13, occupied 0, vacant 13
    page.goto("/regionalcapview/list/", wait_until="networkidle")
    assert re.search(r"40\s+23", page.locator("table.table-bordered").inner_text())

    # -- a second request over the regional cap is refused at apply time -----
    with app.app_context():
        give_quota(world.foreign, world.ref.admin_q, 10)  # 33 of 40 in use
        second = file_case(world, delta=10)
        walk_to_office_meeting(world, second)
    fire(page, second, "签批", doc_no="青编办字〔2026〕31号")
    content = page.content()
    assert "违反总量不突破" in content and "总量 40" in content and "超出 3" in content
    assert state_name(page) == "办务会"
    page.goto("/regionalcapview/list/", wait_until="networkidle")
    assert re.search(r"40\s+33", page.locator("table.table-bordered").inner_text())
    assert number
    # Select2 aborts a type-ahead request that a later keystroke supersedes: not a failure.
    superseded = re.compile(r"LOAD FAILED .* xhr \S+/lookup/\S+ \(net::ERR_ABORTED\)")
    assert [p for p in traffic.problems() if not superseded.search(p)] == []
