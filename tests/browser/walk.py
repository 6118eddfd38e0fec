"""Helpers of the browser walks (a fixture module, not a test): signing in, picking
in a Select2 field and saving a form the way a user does."""
from __future__ import annotations

from tests.conftest import PASSWORD


def login(page, username):
    page.goto("/logout/")
    page.goto("/login/", wait_until="networkidle")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form[name=login] input[type=submit]")
    assert "/login" not in page.url, f"login as {username} failed"


def pick(page, name, text):
    """Choose ``text`` in a Select2 field (type-ahead or plain) the way a user does."""
    page.click(f"select[name={name}] + .select2 .select2-selection")
    search = page.locator(".select2-container--open .select2-search__field")
    if search.count():
        search.fill(text)
    page.click(f".select2-container--open .select2-results__option:has-text('{text}')")



def save_form(page):
    with page.expect_navigation():
        page.click("form button[type=submit]:visible, form input[type=submit]:visible")
