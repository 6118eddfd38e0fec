"""Registration walked in headless Chromium (issue #13 §4): a department files an annual
report and a 简易注销 naming its successor; the office moves both to their public notice;
the report lists the late report and the public page shows the successor — no request
leaves 127.0.0.1, no CSP violation."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.execution.registration.models import Registration
from app.extensions import db
from tests.browser.walk import login, pick
from tests.execution.registration.fixtures import make_units, materials
from tests.factories import make_user

pytestmark = pytest.mark.browser


def file_form(page, matter, unit, fields, picks=()):
    page.goto("/registrationview/add", wait_until="networkidle")
    pick(page, "matter", matter)
    pick(page, "institution", unit)
    for field, text in picks:
        pick(page, field, text)
    for selector, value in fields.items():
        page.fill(selector, value)
    with page.expect_navigation():
        page.click("form button[type=submit]:visible, form input[type=submit]:visible")


def advance_to_end(page, reg_id, steps):
    for _ in range(steps):
        page.goto(f"/registrationview/show/{reg_id}", wait_until="networkidle")
        page.click('[id="btn-action-RegistrationView.action-advance"]')
        with page.expect_navigation(url=f"**/registrationview/show/{reg_id}", wait_until="networkidle"):
            page.click("#modal-confirm-ok")
        assert "已推进 1 件登记事项" in page.locator(".alert-success").inner_text()


def registration(app, matter):
    with app.app_context():
        reg = db.session.execute(select(Registration).where(Registration.matter == matter)).scalar_one()
        db.session.remove()
        return reg.id


def step_of(app, reg_id):
    with app.app_context():
        step = db.session.get(Registration, reg_id).step
        db.session.remove()
        return step


def test_annual_report_and_simple_cancel_walked(app, browser_page):
    page, traffic = browser_page
    with app.app_context():
        bureau = make_units().bureau  # 市教育局 and its units
        db.session.remove()
    make_user(app, "walk_dept", "department", bureau)
    make_user(app, "walk_staff", "staff")

    # -- the department files the annual report of 市第一中学 ---------------
    login(page, "walk_dept")
    traffic.current = "/registrationview/add (annual report)"
    file_form(page, "年度报告", "市第一中学", {
        "input[name=report_year]": "2025", "textarea[name=activities]": "完成全年教学任务, 开展课后服务",
        "input[name=net_assets]": "1234.5", "input[name=staff_count]": "156",
        "textarea[name=materials]": materials("annual_report")}, picks=[("channel", "窗口办理")])
    report = registration(app, "annual_report")
    assert step_of(app, report) == "applied"

    # -- and a 简易注销 whose rights and duties 市教育服务中心 takes over ------
    traffic.current = "/registrationview/add (simple cancel)"
    file_form(page, "简易注销", "市第一中学", {
        "input[name=undertaking_proof]": "三方权利义务承接证明 2026-11",
        "textarea[name=materials]": materials("simple_cancel")},
        picks=[("successor", "市教育服务中心"), ("channel", "窗口办理")])
    cancel = registration(app, "simple_cancel")
    page.goto(f"/registrationview/show/{cancel}", wait_until="networkidle")
    assert "市教育服务中心" in page.content()

    # -- the office receives, reviews (approves, issues) and announces both --
    login(page, "walk_staff")
    traffic.current = "/registrationview/show (advance)"
    advance_to_end(page, report, 3)  # 受理 → 审查 → 公告: an annual report issues nothing
    advance_to_end(page, cancel, 5)  # 受理 → 审查 → 核准 → 发证 → 公告
    assert step_of(app, report) == step_of(app, cancel) == "announced"

    traffic.current = "/registrationreport/"
    today = dt.date.today()
    page.goto(f"/registrationreport/?year={today.year}", wait_until="networkidle")
    months = page.locator("#registration-months").inner_text()
    assert f"{today:%Y-%m}" in months  # the 简易注销 just issued counts in this month's figures

    # -- the public notice, with no login ------------------------------------
    page.goto("/logout/")
    traffic.current = "/registration/notices/"
    page.goto("/public/", wait_until="networkidle")
    with page.expect_navigation():
        page.click("a[href='/registration/notices/']")
    notices = page.locator("#registration-notices").inner_text()
    assert "简易注销" in notices and "市教育服务中心 承接" in notices and "2025 年度报告" in notices
    assert traffic.problems() == []
