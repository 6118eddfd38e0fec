"""Sensible defaults on an empty add form (issue #11): a new institution lies in the
office's own region at the city level; a department user's lies under its own
institution, in its region and level.  Every field stays editable."""
from __future__ import annotations

import re

from tests.conftest import login
from tests.factories import make_user, new_institution


def _selected(html: str, field: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{field}"[^>]*>(.*?)</select>', html, re.S)
    assert select, field
    return re.findall(r'<option[^>]*selected[^>]*>([^<]*)</option>', select.group(1))


def test_staff_get_the_offices_region_and_the_city_level(app, ref):
    make_user(app, "staff1", "staff")
    c = app.test_client()
    login(c, "staff1")
    html = c.get("/institutionview/add").get_data(as_text=True)
    assert _selected(html, "region") == ["青岛市"] and _selected(html, "level") == ["市级"]
    assert _selected(html, "parent") == []


def test_a_department_gets_its_own_institution_as_parent_region_and_level(app, ref):
    bureau = new_institution(ref, "市南区教育局", region="shinan")
    make_user(app, "dept1", "department", bureau)
    c = app.test_client()
    login(c, "dept1")
    html = c.get("/institutionview/add").get_data(as_text=True)
    assert _selected(html, "region") == ["市南区"] and _selected(html, "parent") == ["市南区教育局"]
