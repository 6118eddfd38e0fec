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
