"""The anonymous public page: published departments, search by name, code and
type over each department's latest snapshot, an item with its duties, and older
snapshots by date. Nothing unpublished shows."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.core.db import transaction
from app.extensions import db
from app.execution.power_lists.models import PowerItem, PowerSnapshotItem
from app.execution.power_lists.services import publishing
from tests.execution.power_lists.fixtures import implement, new_item

DAY = dt.date(2026, 11, 30)


def publish(inst, day=DAY) -> int:
    with transaction():
        return publishing.publish(inst, today=day).id


def test_the_portal_links_the_page_and_it_needs_no_login(app, pw):
    client = app.test_client()
    assert 'href="/powerlist/"' in client.get("/public/").get_data(as_text=True)
    resp = client.get("/powerlist/")
    assert resp.status_code == 200 and "权责清单" in resp.get_data(as_text=True)


def test_search_by_name_code_and_type_over_published_lists_only(app, pw):
    first = publish(pw.w.dept)
    publish(pw.w.foreign)
    implement(new_item(pw.w.dept, pw.types["20"], "民办学校招生咨询"), pw.w.dept)  # not published yet
    client = app.test_client()
    html = client.get("/powerlist/?q=民办").get_data(as_text=True)
    assert "民办学校设立审批" in html and "民办学校招生咨询" not in html and "养老机构设立许可" not in html
    code = db.session.get(PowerItem, pw.foreign_item).code
    html = client.get(f"/powerlist/?q={code[:12]}").get_data(as_text=True)
    assert "养老机构设立许可" in html and "民办学校设立审批" not in html
    html = client.get("/powerlist/?type=20").get_data(as_text=True)
    assert "No item matches" in html or "没有符合条件的事项" in html
    second = publish(pw.w.dept, DAY + dt.timedelta(days=1))
    html = client.get("/powerlist/?q=民办").get_data(as_text=True)
    assert "民办学校招生咨询" in html
    html = client.get("/powerlist/?type=20").get_data(as_text=True)
    assert "民办学校招生咨询" in html and "民办学校设立审批" not in html
    # The department's page shows the latest, and the older one by its date.
    html = client.get(f"/powerlist/dept/{pw.w.dept}").get_data(as_text=True)
    assert "民办学校招生咨询" in html and "2026-11-30" in html and f"snapshot={first}" in html
    html = client.get(f"/powerlist/dept/{pw.w.dept}?snapshot={first}").get_data(as_text=True)
    assert "民办学校招生咨询" not in html and "民办学校设立审批" in html and f"snapshot={second}" in html


def test_an_item_shows_its_responsibility_items_and_accountability_cases(app, pw):
    snap = publish(pw.w.dept)
    row = db.session.execute(select(PowerSnapshotItem.id).where(PowerSnapshotItem.snapshot_id == snap)).scalar()
    html = app.test_client().get(f"/powerlist/item/{row}").get_data(as_text=True)
    assert "民办学校设立审批" in html and "受理环节的责任" in html and "未在法定期限内作出决定的" in html
    assert "《教育法》第十条" in html


def test_unknown_or_unpublished_pages_are_not_found(app, pw):
    client = app.test_client()
    assert client.get(f"/powerlist/dept/{pw.w.dept}").status_code == 404
    assert client.get("/powerlist/item/999999").status_code == 404
    assert client.get("/powerlist/item/99999999999999999999").status_code == 404
    assert client.get("/powerlist/?q=%25&type=zz").status_code == 200


# -- the text index (issue #13 §5) ------------------------------------------------

INDEX_NAMES = ("污", "排污许可", "港口经营许可", "Food 经营 License", "危险化学品(区)经营", "100%合格证明",
               "a_b 登记", '名称"引号"事项', "渔船检验", "测绘资质ABC")
INDEX_QUERIES = ("污", "排污", "港口", "许可", "food", "FOOD", "Li", "(区", "%", "100%", "_", "a_b", '"引号"', "号",
                 "渔船检验", "绘资质abc", "经营", "无此事项", "3", "37", "370", " ", "-", "c")


def _like_answer(q: str) -> list:
    """The plain LIKE answer of the search (no text index), in the page's order."""
    from app.execution.power_lists.models import PowerSnapshot
    from app.execution.power_lists.public import latest_ids
    from sqlalchemy import or_

    return db.session.execute(
        select(PowerSnapshotItem.id).join(PowerSnapshot, PowerSnapshot.id == PowerSnapshotItem.snapshot_id)
        .where(PowerSnapshotItem.snapshot_id.in_(latest_ids()),
               or_(PowerSnapshotItem.name.contains(q, autoescape=True),
                   PowerSnapshotItem.code.startswith(q, autoescape=True)))
        .order_by(PowerSnapshotItem.id).limit(50)).scalars().all()


def test_the_text_index_gives_the_like_answer_for_long_short_and_odd_queries(app, pw):
    from app.execution.power_lists import public, search_index

    for name in INDEX_NAMES:
        implement(new_item(pw.w.dept, pw.types["20"], name), pw.w.dept)
    publish(pw.w.dept)
    publish(pw.w.dept, DAY + dt.timedelta(days=1))  # the older snapshot's rows must not come back
    sqlite = db.engine.dialect.name == "sqlite"
    found = 0
    for q in INDEX_QUERIES:
        got = [r.id for r in public.search(q, None)]
        assert got == _like_answer(q), q
        found += bool(got)
        if sqlite and len(q) >= 3 or q in ("污", "港口", "37"):
            # The index path served it (on SQLite); on PostgreSQL pg_trgm serves the LIKE itself.
            assert (search_index.matching(db.session, q) is not None) == sqlite, q
    assert found >= 15  # the battery finds things: equality of two empty answers proves little
    assert {r.name for r in public.search("污", None)} >= {"污", "排污许可"}


def test_an_unpublished_snapshot_leaves_the_index_as_it_was(app, pw):
    """The index is filled in the publishing transaction: a rolled-back publication leaves no entry."""
    from sqlalchemy import text

    from app.execution.power_lists import search_index

    implement(new_item(pw.w.dept, pw.types["20"], "渔港经营许可"), pw.w.dept)
    if db.engine.dialect.name != "sqlite":
        return _check_pg_trgm_indexes()
    count = f"SELECT count(*) FROM {search_index.FTS} WHERE {search_index.FTS} MATCH '\"渔港经\"'"
    short = f"SELECT count(*) FROM {search_index.SHORT} WHERE {search_index.SHORT} MATCH 'grams:\"渔港\"'"
    try:
        with transaction():
            publishing.publish(pw.w.dept, today=DAY)
            assert db.session.execute(text(count)).scalar() == 1 and db.session.execute(text(short)).scalar() == 1
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    assert db.session.execute(text(count)).scalar() == 0 and db.session.execute(text(short)).scalar() == 0
    publish(pw.w.dept)
    assert db.session.execute(text(count)).scalar() == 1 and db.session.execute(text(short)).scalar() == 1


def _check_pg_trgm_indexes():
    from sqlalchemy import text

    defs = db.session.execute(text("SELECT indexdef FROM pg_indexes WHERE tablename = 'power_snapshot_item'")).scalars()
    trgm = [d for d in defs if "gin_trgm_ops" in d]
    assert len(trgm) == 2
