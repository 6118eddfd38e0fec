"""The menu bar fits one row on a 1366×768 laptop screen (issue #11) for every
role, the administrator's (the longest) included: no menu entry wraps under
another, the page does not scroll sideways."""
from __future__ import annotations

import pytest

from tests.browser.walk import login
from tests.factories import make_user

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("role", ["admin", "staff", "leader", "department", "inspector"])
def test_the_menu_is_one_row_at_1366(app, browser_page, role):
    page, traffic = browser_page
    make_user(app, f"menu_{role}", role)
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, f"menu_{role}")
    traffic.current = "/"
    page.goto("/", wait_until="networkidle")
    tops = page.evaluate("""() => [...document.querySelectorAll('.navbar-nav > li')]
        .filter(li => li.offsetParent !== null).map(li => Math.round(li.getBoundingClientRect().top))""")
    assert tops and len(set(tops)) == 1, f"menu entries on {len(set(tops))} rows: {tops}"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
