"""收藏的筛选 (issue #16 §3): saved list filters on every door.

A department user's saved (or shared) filter shows the rows of its own scope
only, on the list and the export; the arguments are validated on save and on
use; sharing is the administrator's; every refusal names why and changes nothing.
"""
from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from sqlalchemy import func, select

from app.core.saved_filters.models import SavedFilter
from app.extensions import db
from tests.conftest import csrf_token, login
from tests.factories import make_user
from tests.quota.fixtures import world  # noqa: F401  (the department's world)

ALL_ACTIVE = "_flt_3_status=active&_oc_PersonView=name&_od_PersonView=asc"


def rows():
    db.session.expire_all()
    return [(f.name, f.view_name, f.args, f.shared_role_id)
            for f in db.session.execute(select(SavedFilter).order_by(SavedFilter.id)).scalars()]


def save(client, name, args, view="PersonView"):
    token = csrf_token(client, "/personview/list/")
    return client.post("/savedfilters/save", data={"csrf_token": token, "view": view, "args": args, "name": name,
                                                   "next": "/personview/list/"}, follow_redirects=True)


def logged_in(app, username, role, institution_id=None):
    make_user(app, username, role, institution_id=institution_id)
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


def names_listed(html):
    return set(re.findall(r"<td[^>]*>\s*(王老师|赵会计)\s*</td>", html))


def test_saved_filter_opens_the_list_within_the_viewers_scope(app, world):
    staff = app.test_client()
    assert login(staff, "staff1").status_code == 302
    html = save(staff, "全部在编", ALL_ACTIVE + "&page_PersonView=2&psize_PersonView=50").get_data(as_text=True)
    assert "筛选已收藏" in html
    # Only the filter and the sort are kept, paging is dropped.
    assert rows() == [("全部在编", "PersonView", ALL_ACTIVE, None)]
    (pk,) = db.session.execute(select(SavedFilter.id)).scalars()
    resp = staff.get(f"/savedfilters/use/{pk}")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/personview/list/?" + ALL_ACTIVE)
    assert names_listed(staff.get(resp.headers["Location"]).get_data(as_text=True)) == {"王老师", "赵会计"}
    # Beside the list: the panel names it.
    assert "全部在编" in staff.get("/personview/list/").get_data(as_text=True)

    # Not shared: the department user does not see it, nor open it.
    dept = world["client"]
    assert "全部在编" not in dept.get("/personview/list/").get_data(as_text=True)
    assert dept.get(f"/savedfilters/use/{pk}").status_code == 404

    # The administrator shares it with the department role.
    admin = logged_in(app, "admin1", "admin")
    role_id = app.appbuilder.sm.find_role("department").id
    token = csrf_token(admin, "/personview/list/")
    admin.post(f"/savedfilters/share/{pk}", data={"csrf_token": token, "role": str(role_id)})
    assert rows()[0][3] == role_id

    # The department user opens the same filter: its own rows only, on the list and on the export.
    assert "全部在编" in dept.get("/personview/list/").get_data(as_text=True)
    target = dept.get(f"/savedfilters/use/{pk}").headers["Location"]
    assert names_listed(dept.get(target).get_data(as_text=True)) == {"王老师"}
    export = dept.get("/personview/export/?" + target.split("?", 1)[1])
    sheet = load_workbook(io.BytesIO(export.data)).active
    names = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "赵会计" not in names and "王老师" in names


def test_a_department_users_own_filter_is_scoped_too(app, world):
    dept = world["client"]
    save(dept, "找赵会计", "_flt_0_name=赵会计")
    (pk,) = db.session.execute(select(SavedFilter.id)).scalars()
    target = dept.get(f"/savedfilters/use/{pk}").headers["Location"]
    assert names_listed(dept.get(target).get_data(as_text=True)) == set()
    staff = app.test_client()
    login(staff, "staff1")
    assert staff.get(f"/savedfilters/use/{pk}").status_code == 404  # not shared with staff


def test_refusals_change_nothing(app, world):
    dept = world["client"]
    cases = [
        ("坏筛选", "_flt_12_name=x", "该列表不提供此筛选或排序"),  # no such filter index
        ("坏排序", "_oc_PersonView=password", "该列表不提供此筛选或排序"),
        ("坏类型", "_flt_0_quota_type=abc", "该列表不提供此筛选或排序"),
        ("", ALL_ACTIVE, "请为筛选起一个名称"),
        ("空", "page_PersonView=2", "无可收藏"),
    ]
    for name, args, message in cases:
        html = save(dept, name, args).get_data(as_text=True)
        assert message in html, (name, args, re.findall(r"alert[^>]*>(.{0,300})", html, re.S))
    html = save(dept, "待办", "", view="TodoView").get_data(as_text=True)
    assert "不是可以收藏筛选的列表" in html
    assert rows() == []
    save(dept, "同名", ALL_ACTIVE)
    before = rows()
    assert "已有名为 “同名” 的收藏筛选" in save(dept, "同名", "_flt_0_name=王").get_data(as_text=True)
    assert rows() == before


def test_sharing_renaming_and_deleting(app, world):
    staff = app.test_client()
    login(staff, "staff1")
    save(staff, "在编", ALL_ACTIVE)
    (pk,) = db.session.execute(select(SavedFilter.id)).scalars()
    before = rows()
    dept = world["client"]
    token = csrf_token(dept, "/personview/list/")
    # Only an administrator shares: the department user's request is refused at the door.
    resp = dept.post(f"/savedfilters/share/{pk}", data={"csrf_token": token, "role": "1"})
    assert resp.status_code == 403 or "/login" in resp.headers.get("Location", "")
    # Another user's filter is not found for it (not shared), and changes nothing.
    html = dept.post(f"/savedfilters/rename/{pk}", data={"csrf_token": token, "name": "改"},
                     follow_redirects=True).get_data(as_text=True)
    assert "没有编号为" in html
    dept.post(f"/savedfilters/delete/{pk}", data={"csrf_token": token})
    assert rows() == before

    # Shared with the leader role: a leader sees it, may open it, may not rename or delete it.
    admin = logged_in(app, "admin1", "admin")
    leader_role = app.appbuilder.sm.find_role("leader").id
    admin.post(f"/savedfilters/share/{pk}", data={"csrf_token": csrf_token(admin, "/personview/list/"),
                                                 "role": str(leader_role)})
    leader = logged_in(app, "leader1", "leader")
    page = leader.get("/savedfilters/").get_data(as_text=True)
    assert "在编" in page
    assert "staff1test" in page and ">staff1<" not in page  # the owner by display name (issue #11)
    assert leader.get(f"/savedfilters/use/{pk}").status_code == 302
    token = csrf_token(leader, "/personview/list/")
    html = leader.post(f"/savedfilters/delete/{pk}", data={"csrf_token": token},
                       follow_redirects=True).get_data(as_text=True)
    assert "属于他人" in html
    assert len(rows()) == 1
    # An unknown role is refused.
    html = admin.post(f"/savedfilters/share/{pk}", data={"csrf_token": csrf_token(admin, "/personview/list/"),
                                                        "role": "99999"}, follow_redirects=True).get_data(as_text=True)
    assert "没有编号为 99999 的角色" in html and rows()[0][3] == leader_role

    # The owner renames and deletes.
    token = csrf_token(staff, "/personview/list/")
    staff.post(f"/savedfilters/rename/{pk}", data={"csrf_token": token, "name": "在编人员"})
    assert rows()[0][0] == "在编人员"
    staff.post(f"/savedfilters/delete/{pk}", data={"csrf_token": token})
    assert rows() == []


def test_arguments_are_checked_again_on_use(app, world):
    dept = world["client"]
    save(dept, "在编", ALL_ACTIVE)
    from app.core.db import transaction

    with transaction():
        row = db.session.execute(select(SavedFilter)).scalar_one()
        row.args = "_flt_7_quota_type=1"  # as if the list no longer offered that filter
        pk = row.id
    resp = dept.get(f"/savedfilters/use/{pk}", follow_redirects=True)
    assert "该列表不提供此筛选或排序" in resp.get_data(as_text=True)
    assert db.session.execute(select(func.count()).select_from(SavedFilter)).scalar() == 1


def test_english(app, world):
    dept = world["client"]
    dept.get("/lang/en")
    html = save(dept, "", ALL_ACTIVE).get_data(as_text=True)
    assert "Give the filter a name" in html
    assert "Saved filters" in dept.get("/personview/list/").get_data(as_text=True)
