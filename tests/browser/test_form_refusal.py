"""A refused form in a real browser (issue #11, 1): staff fill a ledger entry that
would break the regional total; the page stays on the form with everything typed,
the message in the red box at the top and beside the amount; nothing is written."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.quota.models import QuotaLedgerEntry
from tests.browser.walk import login, pick, save_form
from tests.factories import give_quota, make_reference, make_user, new_institution, set_regional_cap

pytestmark = pytest.mark.browser


def test_a_refused_ledger_entry_keeps_the_input(app, browser_page):
    page, traffic = browser_page
    with app.app_context():
        ref = make_reference()
        inst = new_institution(ref, "市审计局")
        set_regional_cap(ref.city, ref.admin_q, 4)
        give_quota(inst, ref.admin_q, 3)
        make_user(app, "form_staff", "staff")
        before = db.session.execute(select(func.count(QuotaLedgerEntry.id))).scalar_one()
        db.session.remove()

    login(page, "form_staff")
    traffic.current = "/quotaledgerentryview/add"
    page.goto("/quotaledgerentryview/add", wait_until="networkidle")
    pick(page, "institution", "市审计局")
    pick(page, "quota_type", "行政编制")
    page.fill("input[name=delta]", "2")
    page.fill("input[name=reason]", "新增审计职能")
    page.fill("input[name=doc_no]", "青编〔2026〕9号")
    save_form(page)

    assert "/quotaledgerentryview/add" in page.url  # still on the form
    top = page.locator(".alert.alert-danger").first
    assert "违反总量不突破" in top.inner_text()
    assert top.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    beside = page.locator("#delta ~ .alert.alert-danger, #delta + .help-block + .alert.alert-danger")
    assert "违反总量不突破" in beside.first.inner_text()
    assert page.input_value("input[name=delta]") == "2"
    assert page.input_value("input[name=reason]") == "新增审计职能"
    assert page.input_value("input[name=doc_no]") == "青编〔2026〕9号"
    assert "市审计局" in page.locator("select[name=institution] + .select2").inner_text()
    assert "行政编制" in page.locator("select[name=quota_type] + .select2").inner_text()
    page.screenshot(path="/tmp/daily_form_refusal.png", full_page=False)

    with app.app_context():
        assert db.session.execute(select(func.count(QuotaLedgerEntry.id))).scalar_one() == before
    assert traffic.problems() == []


def test_the_todo_badge_and_page(app, browser_page):
    """The menu bar's 待办 count and the page it leads to (issue #11, 2), as a department user."""
    from tests.justification.cases.fixtures import file_case, make_world

    page, traffic = browser_page
    with app.app_context():
        world = make_world(app)
        file_case(world, delta=2)
        file_case(world, delta=1, institution=world.foreign)  # another department's: not counted
        db.session.remove()
    login(page, "case_dept")
    traffic.current = "/ (badge)"
    page.goto("/adjustmentcaseview/list/", wait_until="networkidle")
    page.wait_for_function("document.getElementById('todo-badge').getAttribute('data-count') !== null")
    assert page.locator("#todo-badge").inner_text().strip() == "1"
    with page.expect_navigation():
        page.click("#todo-link")
    traffic.current = "/todo/"
    rows = page.locator("tr.todo-item")
    assert rows.count() == 1
    assert "增编申请 2" in rows.first.inner_text() and "待您办理的事项" in rows.first.inner_text()
    assert "去办理" in rows.first.inner_text()
    page.screenshot(path="/tmp/daily_todo.png", full_page=False)
    assert traffic.problems() == []
