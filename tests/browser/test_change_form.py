"""The proposed-change form shows the fields of the chosen kind only (issue #11, 7),
in a real browser: a rename asks for the institution and the new name, not for a
quota type or an amount; switching the kind switches the fields; a value typed
for a field the chosen kind does not use is not sent."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.justification.cases.models import CaseChange
from app.justification.cases.services import FIELDS_BY_KIND
from tests.browser.walk import login, pick, save_form
from tests.justification.cases.fixtures import file_case, make_world

pytestmark = pytest.mark.browser


def _visible(page, column) -> bool:
    return page.evaluate(f"!document.getElementById('{column}').closest('tr').hidden")


def test_the_change_form_follows_the_kind(app, browser_page):
    page, traffic = browser_page
    with app.app_context():
        world = make_world(app)
        case_id = file_case(world, changes=[])
        db.session.remove()
    login(page, "case_dept")
    traffic.current = "/casechangeview/add"
    page.goto(f"/casechangeview/add?_flt_0_case={case_id}", wait_until="networkidle")
    every = {c for columns in FIELDS_BY_KIND.values() for c in columns}
    for kind in ("institution_rename", "ledger_delta", "division_delete"):
        page.select_option("#kind", kind)
        shown = {c for c in every if page.locator(f"#{c}").count() and _visible(page, c)}
        assert shown == {c for c in FIELDS_BY_KIND[kind] if page.locator(f"#{c}").count()}, kind
    # a value typed under one kind is not sent with another
    page.select_option("#kind", "ledger_delta")
    page.fill("input[name=amount]", "7")
    page.select_option("#kind", "institution_rename")
    page.fill("input[name=seq]", "1")
    pick(page, "institution", "市教育局")
    page.fill("input[name=new_name]", "市教育和体育局")
    save_form(page)
    with app.app_context():
        change = db.session.execute(select(CaseChange).where(CaseChange.case_id == case_id)).scalar_one()
        assert (change.kind, change.new_name, change.amount) == ("institution_rename", "市教育和体育局", None)
        db.session.remove()
