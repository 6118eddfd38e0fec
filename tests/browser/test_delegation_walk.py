"""代办 in headless Chromium: a staff member delegates their to-do on 我的代办委托,
the delegate accepts a case on their behalf from the case page, and the history
reads "case_staff2test（代 case_stafftest）" (display names); a delegation to a user without the role is
refused on the page, in Chinese."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.extensions import db
from app.workflow.models import Delegation
from tests.browser.walk import login, pick, save_form
from tests.justification.cases.fixtures import file_case, fire, make_world

pytestmark = pytest.mark.browser


def _dates(page, start: dt.date, end: dt.date) -> None:
    for name, day in (("start_on", start), ("end_on", end)):
        page.locator(f"input[name={name}]").evaluate("(el, v) => { el.value = v; }", day.isoformat())


def test_a_delegate_accepts_a_case_on_behalf(app, browser_page):
    page, traffic = browser_page
    with app.app_context():
        world = make_world(app)
        case_id = file_case(world)
        fire(world, case_id, "submit", "department")
    today = dt.date.today()

    login(page, "case_staff")
    traffic.current = "/delegationview/add (refused)"
    page.goto("/delegationview/add", wait_until="networkidle")
    pick(page, "delegate", "case_dept")
    pick(page, "role", "staff")
    _dates(page, today, today + dt.timedelta(days=7))
    save_form(page)
    assert "持有同一角色" in page.content()
    with app.app_context():
        assert db.session.execute(select(Delegation.id)).first() is None

    traffic.current = "/delegationview/add"
    page.goto("/delegationview/add", wait_until="networkidle")
    pick(page, "delegate", "case_staff2")
    pick(page, "role", "staff")
    _dates(page, today, today + dt.timedelta(days=7))
    save_form(page)
    assert "alert-danger" not in page.content()
    with app.app_context():
        row = db.session.execute(select(Delegation)).scalar_one()
        assert (row.delegator_id, row.delegate_id) == (world.users["staff"], world.users["staff2"])

    login(page, "case_staff2")
    traffic.current = "case: accept on behalf"
    page.goto(f"/adjustmentcaseview/show/{case_id}", wait_until="networkidle")
    form = page.locator("form.transition-form", has=page.locator("button[data-transition=accept]"))
    form.locator("select[name=on_behalf_of]").select_option(str(world.users["staff"]))
    with page.expect_navigation():
        form.locator("button").click()
    assert page.locator("#state-name").inner_text().strip() == "受理"
    assert "case_staff2test（代 case_stafftest）" in page.locator("#history").inner_text()
