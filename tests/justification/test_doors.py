"""Office-internal registers on every door: a department user reaches none of them.

The real department role has no permission on these resources (403 / login
redirect).  Below that, the rows are scoped away too: a department account whose
role *was* granted read/write/delete (an administrator's mistake) still gets
empty lists, 404s and refused writes, on the views, the API, the export, the
lookup and the actions, and nothing changes.
"""
from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from app.core.db import transaction
from app.extensions import db
from app.justification.coordination import services as coord
from app.justification.coordination.models import CoordinationItem, Milestone
from app.justification.hearings import services as hear
from app.justification.hearings.models import Hearing, Opinion
from app.office.models import DivisionMember, OfficeDivision, TaskForce, TaskForceMember
from tests.conftest import api_token, csrf_token, login
from tests.factories import make_user, new_institution
from tests.office.fixtures import draw, join, new_division, new_task_force, snapshot

MODELS = (OfficeDivision, DivisionMember, TaskForce, TaskForceMember, Hearing, Opinion, CoordinationItem, Milestone)
RESOURCES = [m.__name__ for m in MODELS]
PROBE_ROLE = "probe_department"


@pytest.fixture()
def rows(app, app_ctx):
    staff = make_user(app, "staff1", "staff")
    div = new_division("general", "综合处")
    member = join(staff, div)
    tf = new_task_force("秘密专班", div)
    tfm = draw(tf, staff, div)
    with transaction():
        h = hear.save_hearing(Hearing(kind="forum", title="秘密座谈会", held_on=dt.date(2026, 1, 5), organiser_id=div))
        o = hear.save_opinion(Opinion(hearing_id=h.id, source_kind="expert", source_name="秘密专家",
                                      content="秘密意见"))
        item = coord.create_item(CoordinationItem(title="秘密事项", lead_leader="办主任", lead_division_id=div,
                                                  due_on=dt.date(2026, 1, 1)))
        ms = coord.save_milestone(Milestone(item_id=item.id, title="秘密节点"))
    return {"OfficeDivision": div, "DivisionMember": member, "TaskForce": tf, "TaskForceMember": tfm,
            "Hearing": h.id, "Opinion": o.id, "CoordinationItem": item.id, "Milestone": ms.id}


@pytest.fixture()
def probe_role(app):
    """A department-scoped role that was (wrongly) granted everything on these resources."""
    db.session.rollback()  # the test's read transaction holds SQLite's write lock
    with app.app_context():
        sm = app.appbuilder.sm
        role = sm.find_role(PROBE_ROLE) or sm.add_role(PROBE_ROLE)
        for res in RESOURCES:
            for perm in ("can_read", "can_write", "can_delete"):
                pv = sm.find_permission_view_menu(perm, res)
                if pv not in role.permissions:
                    role.permissions.append(pv)
        sm.session.commit()
        db.session.remove()
    yield PROBE_ROLE
    db.session.rollback()
    with app.app_context():
        sm = app.appbuilder.sm
        role = sm.find_role(PROBE_ROLE)
        role.permissions = []
        sm.session.delete(role)
        sm.session.commit()
        db.session.remove()


def _client(app, username, role, inst):
    make_user(app, username, role, institution_id=inst)
    c = app.test_client()
    assert login(c, username).status_code == 302
    return c, {"Authorization": f"Bearer {api_token(c, username)}"}


def test_department_role_has_no_door(app, ref, rows):
    inst = new_institution(ref, "市教育局")
    c, h = _client(app, "dept", "department", inst)
    for res in RESOURCES:
        view = f"/{res.lower()}view"
        for url in (f"{view}/list/", f"{view}/show/{rows[res]}", f"{view}/edit/{rows[res]}", f"{view}/export/",
                    f"{view}/add"):
            resp = c.get(url)
            assert resp.status_code in (302, 403) and resp.status_code != 200, url
            if resp.status_code == 302:
                assert "/login" in resp.headers["Location"], url
        for method, url in (("get", f"/api/v1/{res.lower()}/"), ("get", f"/api/v1/{res.lower()}/{rows[res]}"),
                            ("delete", f"/api/v1/{res.lower()}/{rows[res]}")):
            assert getattr(c, method)(url, headers=h).status_code in (401, 403), url
    assert c.get(f"/hearingview/summary/{rows['Hearing']}").status_code in (302, 403)


def test_scoped_away_even_with_permissions(app, ref, rows, probe_role):
    inst = new_institution(ref, "市教育局")
    c, h = _client(app, "dept_probe", probe_role, inst)
    before = snapshot(*MODELS)
    token = csrf_token(c, "/hearingview/add")
    for res in RESOURCES:
        view, api, pk = f"/{res.lower()}view", f"/api/v1/{res.lower()}", rows[res]
        html = c.get(f"{view}/list/").get_data(as_text=True)
        assert "秘密" not in html and "综合处" not in html, res
        assert c.get(f"{view}/show/{pk}").status_code == 404, res
        assert c.get(f"{view}/edit/{pk}").status_code == 404, res
        assert c.post(f"{view}/edit/{pk}", data={"csrf_token": token}).status_code == 404, res
        assert c.post(f"{view}/delete/{pk}", data={"csrf_token": token}).status_code == 404, res
        assert c.post(f"{view}/action_post", data={"action": "muldelete", "rowid": [str(pk)],
                                                  "csrf_token": token}).status_code == 404, res
        ws = load_workbook(io.BytesIO(c.get(f"{view}/export/").data)).active
        assert ws.max_row == 1, res  # the header only
        lookup = c.get(f"{view}/lookup/?q=")
        assert lookup.status_code == 404 or lookup.get_json()["results"] == [], res
        assert c.get(f"{api}/{pk}", headers=h).status_code == 404, res
        assert c.get(f"{api}/", headers=h).get_json()["count"] == 0, res
        assert c.put(f"{api}/{pk}", json={}, headers=h).status_code == 404, res
        assert c.delete(f"{api}/{pk}", headers=h).status_code == 404, res
    assert c.get(f"/hearingview/summary/{rows['Hearing']}").status_code == 404
    # creating rows is refused as well (the office's registers are not a unit's)
    resp = c.post("/api/v1/officedivision/", json={"code": "x", "name": "越权处"}, headers=h)
    assert resp.status_code == 403, resp.get_json()
    resp = c.post("/api/v1/opinion/", json={"source_kind": "expert", "source_name": "越权", "content": "越权"},
                  headers=h)
    assert resp.status_code == 403
    info = c.get("/api/v1/taskforce/_info", headers=h).get_json()
    lead = {f["name"]: f for f in info["add_columns"]}["lead_division"]
    assert lead["values"] == []  # the related dropdown is scoped too
    assert snapshot(*MODELS) == before


def test_staff_pages_and_api_work(app, ref, rows):
    c, h = _client(app, "staff2", "staff", None)
    html = c.get("/coordinationitemview/list/").get_data(as_text=True)
    assert "秘密事项" in html and "⚠" in html  # due 2026-01-01: overdue
    show = c.get(f"/coordinationitemview/show/{rows['CoordinationItem']}").get_data(as_text=True)
    assert "秘密节点" in show  # milestones listed on the item's page
    show = c.get(f"/hearingview/show/{rows['Hearing']}").get_data(as_text=True)
    assert "秘密意见" in show and f"/hearingview/summary/{rows['Hearing']}" in show
    summary = c.get(f"/hearingview/summary/{rows['Hearing']}").get_data(as_text=True)
    assert 'id="opinion-summary"' in summary
    assert c.get("/hearingview/summary/999999").status_code == 404
    # the API's status door follows the machine: a backwards move is a 422 in both languages
    pk = rows["CoordinationItem"]
    assert c.put(f"/api/v1/coordinationitem/{pk}", json={"status": "supervised"}, headers=h).status_code == 200
    resp = c.put(f"/api/v1/coordinationitem/{pk}", json={"status": "in_progress"}, headers=h)
    assert resp.status_code == 422 and "督办" in resp.get_json()["zh"]
    resp = c.put(f"/api/v1/coordinationitem/{pk}", json={"status": "closed", "closing_note": "完成"}, headers=h)
    assert resp.status_code == 422 and resp.get_json()["error_code"] == "coordination.open_milestones"
    # staff may not change division memberships (they decide countersign)
    assert c.post("/api/v1/divisionmember/", json={"division": rows["OfficeDivision"], "user": 1},
                  headers=h).status_code == 403
