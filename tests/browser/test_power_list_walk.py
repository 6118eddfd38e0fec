"""A department's power-list change walked in headless Chromium: the department
files a 职能调整 case and proposes a new item with its duties; the office carries
it to the staffing commission; the leader signs it off; staff publish the
department's list; an anonymous visitor finds the item on the public page with
its responsibility items and accountability cases. No request leaves 127.0.0.1."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.execution.power_lists.models import PowerItem
from app.justification.cases.models import AdjustmentCase
from tests.browser.conftest import open_page
from tests.browser.walk import login, pick, save_form
from tests.execution.power_lists.fixtures import make_power_world
from tests.justification.cases.fixtures import countersign_all
from tests.justification.cases.fixtures import fire as fire_service

pytestmark = pytest.mark.browser


def test_a_list_change_from_request_to_the_public_page(app, chromium, live_server):
    with app.app_context():
        pw = make_power_world(app)
    with open_page(chromium, live_server) as (page, traffic):
        # -- the department files the case and proposes the new item ----------
        login(page, "case_dept")
        traffic.current = "/adjustmentcaseview/add"
        page.goto("/adjustmentcaseview/add", wait_until="networkidle")
        page.fill("input[name=title]", "市教育局权责清单调整")
        pick(page, "case_type", "职能调整")
        pick(page, "institution", "市教育局")
        page.fill("textarea[name=reasons]", "落实校外培训机构管理条例")
        save_form(page)
        with app.app_context():
            case_id = db.session.execute(select(AdjustmentCase.id).where(
                AdjustmentCase.title == "市教育局权责清单调整")).scalar_one()
        traffic.current = "/powercasechangeview/add"
        page.goto(f"/powercasechangeview/add?_flt_0_case={case_id}", wait_until="networkidle")
        pick(page, "kind", "新增")
        pick(page, "institution", "市教育局")
        pick(page, "level", "市")
        page.fill("input[name=name]", "校外培训机构分支机构设立审批")
        pick(page, "type", "行政许可")
        page.fill("textarea[name=legal_basis]", "《校外培训机构管理条例》第十二条")
        page.fill("input[name=statutory_days]", "20")
        page.fill("input[name=promised_days]", "10")
        page.fill("textarea[name=responsibilities_text]", "受理: 一次性告知补正材料\n审查: 审查办学条件\n决定: 按时办结")
        page.fill("textarea[name=accountabilities_text]", "未在法定期限内作出决定的")
        save_form(page)
        page.goto("/powercasechangeview/list/", wait_until="networkidle")
        assert "校外培训机构分支机构设立审批" in page.content()

        # -- the office carries it to the commission; the leader signs off -----
        with app.app_context():
            fire_service(pw.w, case_id, "submit", "department")
            walk_to_office_meeting_from_submitted(pw, case_id)
            fire_service(pw.w, case_id, "to_commission", "staff")
        login(page, "case_leader")
        traffic.current = "/adjustmentcaseview/show (sign-off)"
        page.goto(f"/adjustmentcaseview/show/{case_id}", wait_until="networkidle")
        form = page.locator("form.transition-form", has=page.locator("button:has-text('签批')"))
        form.locator("input[name=doc_no]").fill("青编委〔2026〕12号")
        with page.expect_navigation():
            form.locator("button").click()
        assert page.locator("#state-name").inner_text().strip() == "批复"
        with app.app_context():
            item = db.session.execute(select(PowerItem).where(
                PowerItem.name == "校外培训机构分支机构设立审批")).scalar_one()
            code = item.code

        # -- staff publish the department's list ------------------------------
        login(page, "case_staff")
        traffic.current = "/powerpublish/"
        page.goto("/powerpublish/", wait_until="networkidle")
        with page.expect_navigation():
            page.click(f"button.power-publish-button[data-institution='{pw.w.dept}']")
        assert "已发布" in page.content()

        # -- anyone, no login: the public page --------------------------------
        page.goto("/logout/")
        traffic.current = "/powerlist/"
        page.goto("/public/", wait_until="networkidle")
        with page.expect_navigation():
            page.click("a[href='/powerlist/']")
        page.fill("input[name=q]", "校外培训")
        with page.expect_navigation():
            page.click("#power-public-search button[type=submit]")
        results = page.locator("#power-public-results").inner_text()
        assert "校外培训机构分支机构设立审批" in results and code in results and "市教育局" in results
        with page.expect_navigation():
            page.click("#power-public-results a:has-text('校外培训机构分支机构设立审批')")
        traffic.current = "/powerlist/item"
        duties = page.locator("#power-public-responsibilities").inner_text()
        assert re.search(r"受理.*一次性告知补正材料", duties) and "审查办学条件" in duties
        assert "未在法定期限内作出决定的" in page.locator("#power-public-accountabilities").inner_text()
        superseded = re.compile(r"LOAD FAILED .* xhr \S+/lookup/\S+ \(net::ERR_ABORTED\)")
        assert [p for p in traffic.problems() if not superseded.search(p)] == []
        assert traffic.requests and not traffic.foreign


def walk_to_office_meeting_from_submitted(pw, case_id):
    for t in ("accept", "start_justification", "to_review"):
        fire_service(pw.w, case_id, t, "staff")
    countersign_all(pw.w, case_id)
    fire_service(pw.w, case_id, "review_pass", "staff")
