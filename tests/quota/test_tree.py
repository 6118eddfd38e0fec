"""The institution tree (issue #12): one level at a time, paged with its true size,
children counted, revoked and merged units hidden until asked for, and scoped like
every other door.  Nothing is ever cut silently: walking every page of every level
finds every institution the user may see."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from app.extensions import db
from app.quota import queries
from app.quota.models import Institution
from tests.conftest import login
from tests.factories import make_user, new_institution


def _ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li data-id="(\d+)"', html)]


def _walk(client, node=None, closed=False) -> list[int]:
    """Every institution reachable from ``node``, by following the tree's own links and pages."""
    seen, page = [], 0
    while True:
        query = {"page": page, **({"node": node} if node else {}), **({"closed": "1"} if closed else {})}
        html = client.get("/institutionview/tree/", query_string=query).get_data(as_text=True)
        ids = _ids(html)
        seen += ids
        for opened in re.findall(r'href="[^"]*node=(\d+)[^"]*" class="tree-open"', html):
            seen += _walk(client, int(opened), closed)
        if 'class="next"' not in html:
            return seen
        page += 1


def test_every_institution_is_reached_and_counted(app, ref, monkeypatch):
    monkeypatch.setattr(queries, "TREE_PAGE", 4)
    roots = [new_institution(ref, f"机构{i:02d}") for i in range(10)]
    kids = [new_institution(ref, f"下级{i:02d}", parent=roots[0]) for i in range(6)]
    grandchild = new_institution(ref, "孙级", parent=kids[0])
    new_institution(ref, "已撤销", parent=roots[1], status="revoked")
    make_user(app, "staff1", "staff")
    c = app.test_client()
    login(c, "staff1")

    html = c.get("/institutionview/tree/").get_data(as_text=True)
    assert "共 10 个" in html and len(_ids(html)) == 4  # a page of the top level, and its true size
    assert re.search(rf'node={roots[0]}[^"]*" class="tree-open".*?<span class="badge">6</span>', html, re.S)

    walked = _walk(c)
    live = db.session.execute(select(func.count()).where(Institution.status != "revoked")).scalar()
    assert sorted(walked) == sorted(set(walked)) and len(walked) == live == 17

    html = c.get("/institutionview/tree/", query_string={"node": kids[0]}).get_data(as_text=True)
    assert _ids(html) == [grandchild]
    assert re.search(r'id="tree-path".*机构00.*下级00', html, re.S)  # the way back up


def test_revoked_units_are_hidden_until_asked_for(app, ref):
    root = new_institution(ref, "市卫健委")
    revoked = new_institution(ref, "已撤销的站", parent=root, status="revoked")
    make_user(app, "staff1", "staff")
    c = app.test_client()
    login(c, "staff1")
    html = c.get("/institutionview/tree/").get_data(as_text=True)
    assert '<span class="badge">' not in html  # its only child is revoked: nothing to open
    assert revoked not in _ids(c.get("/institutionview/tree/", query_string={"node": root}).get_data(as_text=True))
    shown = c.get("/institutionview/tree/", query_string={"node": root, "closed": "1"}).get_data(as_text=True)
    assert _ids(shown) == [revoked] and "已撤销" in shown


def test_a_department_sees_its_own_subtree_only(world):
    c = world["client"]
    top = c.get("/institutionview/tree/").get_data(as_text=True)
    assert _ids(top) == [world["edu"]] and "市财政局" not in top
    assert _ids(c.get("/institutionview/tree/", query_string={"node": world["edu"]}).get_data(as_text=True)) \
        == [world["school"]]
    # Another department's unit, a unit that does not exist, or a malformed id: not found.
    for node in (world["fin"], 999999, "x"):
        assert c.get("/institutionview/tree/", query_string={"node": node}).status_code == 404
    assert sorted(_walk(c)) == sorted([world["edu"], world["school"]])
