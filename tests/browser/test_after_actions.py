"""Feedback after an action, seen in headless Chromium (issue #11): 赋码 from a filtered
list comes back to that list naming each new code; a sign-off names the new state and
links what it applied, the analysis reads as applied, the history shows display names,
and the approved case's changes and posts offer no edit or delete icon; an append-only
row's delete URL shows the 405 page with the reason."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.justification.cases.models import CaseChange
from app.quota.models import Institution, QuotaLedgerEntry
from tests.browser.walk import login
from tests.justification.cases.fixtures import file_case, make_world, walk_to_office_meeting
from tests.justification.cases.fixtures import NAMES, name_users

pytestmark = pytest.mark.browser


def test_signoff_and_uscc_feedback_on_the_page_the_user_came_from(app, browser_page):
    page, traffic = browser_page
    with app.app_context():
        world = make_world(app)
        name_users()
        case_id = file_case(world, delta=2, posts=[("综合岗", 1600)])
        walk_to_office_meeting(world, case_id)
        change = db.session.execute(select(CaseChange.id).where(CaseChange.case_id == case_id)).scalar_one()

    # -- the leader signs off on the case page --------------------------------
    login(page, "case_leader")
    traffic.current = "case: sign-off"
    page.goto(f"/adjustmentcaseview/show/{case_id}", wait_until="networkidle")
    assert "10 + 2 → 12" in page.locator("#sizing").inner_text()
    form = page.locator("form.transition-form", has=page.locator("button[data-transition=office_approve]"))
    form.locator("input[name=doc_no]").fill("青编办〔2026〕40号")
    with page.expect_navigation():
        form.locator("button").click()
    assert f"/adjustmentcaseview/show/{case_id}" in page.url
    flash = page.locator(".alert-success").inner_text()
    with app.app_context():
        entry = db.session.execute(select(QuotaLedgerEntry.id).order_by(QuotaLedgerEntry.id.desc())).scalars().first()
    assert "案件现处于「批复」" in flash and f"已执行: 编制台账 #{entry}" in flash, flash
    sizing = page.locator("#sizing").inner_text()
    assert "10 + 2 = 12" in sizing and "已执行" in sizing and "→" not in sizing
    history = page.locator("#history").inner_text()
    assert "李主任" in history and "王处员" in history and not any(login in history for login in NAMES)
    # the approved case's parts: no edit or delete icon in its related lists
    for view in ("casechangeview", "casepostview"):
        assert page.locator(f"a[href*='/{view}/edit/'], a[href*='/{view}/delete/']").count() == 0, view
    assert page.locator(f"a[href*='/casechangeview/show/{change}']").count() >= 1
    # the linked result opens the ledger row it wrote
    with page.expect_navigation():
        page.locator(".alert-success a", has_text=f"编制台账 #{entry}").click()
    assert f"/quotaledgerentryview/show/{entry}" in page.url
    # its delete URL: the 405 page with the reason and a way back
    traffic.current = "ledger: delete URL (405 expected)"
    resp = page.goto(f"/quotaledgerentryview/delete/{entry}")
    assert resp.status == 405
    assert "只能新增或由系统写入" in page.locator("#refusal").inner_text()
    with page.expect_navigation():
        page.click("#back")
    assert f"/quotaledgerentryview/show/{entry}" in page.url

    # -- staff assign a USCC from a filtered list ------------------------------
    login(page, "case_staff")
    traffic.current = "institutions: 赋码"
    listing = "/institutionview/list/?_flt_0_name=市民政局"
    page.goto(listing, wait_until="networkidle")
    page.locator("input.action_check").first.check()
    page.click("button.dropdown-toggle:has-text('操作')")
    page.click(".assign_uscc_menu_item")
    page.wait_for_selector("#modal-confirm-ok", state="visible")
    # the button's href="#" is a navigation of its own: wait for the action's page
    with page.expect_navigation(url=lambda url: "#" not in url, wait_until="networkidle"):
        page.click("#modal-confirm-ok")
    assert "_flt_0_name=" in page.url and "/institutionview/list/" in page.url
    with app.app_context():
        code = db.session.get(Institution, world.foreign).uscc
    assert code and f"已赋码 1 个: 市民政局 {code}" in page.locator(".alert-success").inner_text()
    problems = [p for p in traffic.problems() if "405" not in p]
    assert problems == [], problems
    assert re.fullmatch(r"[0-9A-Z]{18}", code)
