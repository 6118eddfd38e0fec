"""The home page: figures within the user's scope."""
from __future__ import annotations

import re

from tests.conftest import login


def test_home_page_figures_are_scoped(app, world):
    html = world["client"].get("/").get_data(as_text=True)
    # department: 青岛二中 事业编制 5 approved, 1 occupied; 市教育局 行政编制 5, 0
    assert re.search(r"事业编制</td><td[^>]*>5</td>\s*<td[^>]*>1</td><td[^>]*>4</td>", html), html
    assert "institution-caps" not in html
    staff = app.test_client()
    login(staff, "staff1")
    html = staff.get("/").get_data(as_text=True)
    assert re.search(r"行政编制</td><td[^>]*>10</td>", html)  # 市教育局 5 + 市财政局 5
    anonymous = app.test_client().get("/").get_data(as_text=True)
    assert "行政编制" not in anonymous
