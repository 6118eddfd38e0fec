"""A list page read ids first (issue #12 item 2, ``ScopedInterface._ids_first``): the
same rows, in the same order, on every page and for every sort, and scoped."""
from __future__ import annotations

import re

from tests.conftest import login
from tests.factories import give_quota, make_user, new_institution, new_person

NAMES = [f"测{chr(0x4e00 + (i * 7) % 40)}{i:02d}" for i in range(30)]
OUTSIDE = "测外01"  # in another institution: staff see it too, a department user bound to it only it


def _names_on(client, args: str) -> list[str]:
    html = client.get(f"/personview/list/?{args}").get_data(as_text=True)
    rows = html[html.index("table-hover"):]  # the list and after it, not the page head
    return [m for m in re.findall(r"测.\d\d", rows) if m in NAMES or m == OUTSIDE]


def test_pages_and_sorts_give_the_right_rows_in_order(app, ref):
    inst = new_institution(ref, "单位", within_cap=False)
    other = new_institution(ref, "另一单位", within_cap=False)
    give_quota(inst, ref.admin_q, 30)
    give_quota(other, ref.admin_q, 1)
    for name in NAMES:
        new_person(inst, ref.admin_q, name=name)
    new_person(other, ref.admin_q, name=OUTSIDE)
    make_user(app, "clerk", "staff")
    staff = app.test_client()
    login(staff, "clerk")
    by_name = sorted([*NAMES, OUTSIDE])
    first = _names_on(staff, "_oc_PersonView=name&_od_PersonView=asc&psize_PersonView=25")
    second = _names_on(staff, "_oc_PersonView=name&_od_PersonView=asc&psize_PersonView=25&page_PersonView=1")
    assert first == by_name[:25] and second == by_name[25:] and len(second) == 6
    down = _names_on(staff, "_oc_PersonView=name&_od_PersonView=desc&psize_PersonView=10&page_PersonView=1")
    assert down == by_name[::-1][10:20]

    make_user(app, "bureau", "department", institution_id=other)
    dept = app.test_client()
    login(dept, "bureau")
    html = dept.get("/personview/list/?_oc_PersonView=name&_od_PersonView=asc").get_data(as_text=True)
    assert OUTSIDE in html and not any(name in html for name in NAMES)
