"""List pages issue a fixed number of SQL statements, whatever the page holds
(no N+1 on dotted/related columns, permission checks answered once)."""
from __future__ import annotations

import pytest
from sqlalchemy import event

from app.extensions import db
from tests.conftest import login
from tests.factories import give_quota, make_user, new_institution, new_person


def statements_for(app, client, url) -> int:
    seen = []
    with app.app_context():
        engine = db.engine

    def count(*_args):
        seen.append(1)

    # The page as it is served again: the first request after a change of roles, list
    # configurations, saved filters or reference tables reads them (tests/core/test_generation.py).
    assert client.get(url).status_code == 200
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


@pytest.mark.parametrize("url", ["/personview/list/", "/quotaallocationview/list/", "/institutionview/list/",
                                 "/quotaledgerentryview/list/"])
def test_statements_do_not_grow_with_rows(app, ref, url):
    make_user(app, "clerk", "staff")
    client = app.test_client()
    login(client, "clerk")

    def add(n, offset):
        for i in range(n):
            inst = new_institution(ref, f"单位{offset + i}", within_cap=False)
            give_quota(inst, ref.admin_q, 1)
            new_person(inst, ref.admin_q, rank_id=ref.clerk if i % 2 else None)

    add(2, 0)
    few = statements_for(app, client, url)
    add(20, 100)
    many = statements_for(app, client, url)
    assert many == few, f"{url}: {few} statements with 2 rows, {many} with 22"
    # BEGIN; the user with its roles, groups, live session, binding (scope) and the cache
    # generation (one); count; page; the ledger's actor names.  The roles' permissions, list
    # configurations, saved filters and the filters' reference choices are answered from the
    # cross-request cache while the generation holds (app.core.generation; issue #12 item 2).
    assert many <= 5, f"{url}: {many} statements per page"


def test_parents_on_a_page_add_no_statement(app, ref):
    """Sorted away from the tree, each row of the institution list has a parent of its own:
    they come with the page (one lazy load per parent took the page to 28 statements)."""
    make_user(app, "clerk", "staff")
    client = app.test_client()
    login(client, "clerk")
    for i in range(26):  # children first in this sort (within_cap false), their parents on no page of theirs
        parent = new_institution(ref, f"上级{i}", within_cap=True)
        new_institution(ref, f"下级{i}", parent=parent, within_cap=False)
    url = "/institutionview/list/?_oc_InstitutionView=within_cap&_od_InstitutionView=asc"
    html = client.get(url).get_data(as_text=True)
    assert "下级0" in html and "上级0" in html  # a child, and its parent shown beside it
    assert statements_for(app, client, url) <= 5
