"""Each door follows the configuration of the user's role (issue #16 §1): the list page,
its xlsx export and the REST list's default columns; other roles keep the built-in list;
row scope and ID masks hold whatever the configuration says."""
from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from app.core import idnumber
from tests.conftest import api_token
from tests.core.view_config.conftest import STAFF_ID, configure, headers, logged_in

STAFF_VIEW = dict(list_columns=["institution", "name", "id_number", "birth_date"], order_column="name",
                  order_direction="desc", page_size=1, search_columns=["name", "status"],
                  labels={"name": {"zh": "职工姓名", "en": "Staff name"}})


def search_columns(html: str) -> list[str]:
    """The columns the search form's "add filter" menu offers."""
    return re.findall(r'<a href="#" name="([^"]+)" class="filter">', html)


def test_list_page_follows_the_role_configuration(app, people):
    configure("Person", "staff", **STAFF_VIEW)
    staff = logged_in(app, "staff1")
    html = staff.get("/personview/list/").get_data(as_text=True)
    assert headers(html)[-4:] == ["机构", "职工姓名", "公民身份号码", "出生日期"]
    assert "赵会计" in html and "王老师" not in html  # page size 1, sorted by name descending (赵 > 王)
    page2 = staff.get("/personview/list/?page_PersonView=1").get_data(as_text=True)
    assert "王老师" in page2
    # the search form offers the configured columns only (name and status, not post)
    assert search_columns(html) == ["name", "status"]
    staff.get("/lang/en")
    assert "Staff name" in headers(staff.get("/personview/list/").get_data(as_text=True))
    # another role keeps the built-in list
    leader = logged_in(app, "lead1")
    built_in = headers(leader.get("/personview/list/").get_data(as_text=True))
    assert "出生日期" not in built_in and "姓名" in built_in and "岗位" in built_in


def test_export_follows_the_configuration_and_its_default_filter(app, people):
    configure("Person", "staff", **STAFF_VIEW, filters=[("name", "ct", "王")])
    staff = logged_in(app, "staff1")
    html = staff.get("/personview/list/").get_data(as_text=True)
    assert "王老师" in html and "赵会计" not in html  # the default filter
    ws = load_workbook(io.BytesIO(staff.get("/personview/export/").data)).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["机构", "职工姓名", "公民身份号码", "出生日期"]
    assert [r[1] for r in rows[1:]] == ["王老师"] and rows[1][2] == STAFF_ID
    # a filter in the address replaces the default one
    ws = load_workbook(io.BytesIO(staff.get("/personview/export/?_flt_0_name=赵").data)).active
    assert [row[1].value for row in ws.iter_rows(min_row=2)] == ["赵会计"]


def test_api_default_columns_follow_the_configuration(app, people):
    configure("Person", "staff", **STAFF_VIEW)
    staff = logged_in(app, "staff1")
    auth = {"Authorization": f"Bearer {api_token(staff, 'staff1')}"}
    body = staff.get("/api/v1/person/", headers=auth).get_json()
    assert set(body["result"][0]) == {"id", "institution", "name", "id_number", "birth_date"}
    assert body["list_columns"] == ["id", "institution", "name", "id_number", "birth_date"]
    # a client that names its columns gets those
    body = staff.get("/api/v1/person/?q=(columns:!(name))", headers=auth).get_json()
    assert set(body["result"][0]) == {"name"}
    leader = logged_in(app, "lead1")
    body = leader.get("/api/v1/person/", headers={"Authorization": f"Bearer {api_token(leader, 'lead1')}"}).get_json()
    assert "birth_date" not in body["result"][0] and "status" in body["result"][0]


def test_masked_id_numbers_stay_masked_on_every_door(app, people):
    configure("Person", "leader", list_columns=["name", "id_number"], labels={"id_number": {"zh": "证件"}})
    leader = logged_in(app, "lead1")
    html = leader.get("/personview/list/").get_data(as_text=True)
    assert STAFF_ID not in html and idnumber.mask(STAFF_ID) in html and "证件" in html
    ws = load_workbook(io.BytesIO(leader.get("/personview/export/").data)).active
    values = {str(c.value) for row in ws.iter_rows() for c in row}
    assert STAFF_ID not in values and idnumber.mask(STAFF_ID) in values
    body = leader.get("/api/v1/person/", headers={"Authorization": f"Bearer {api_token(leader, 'lead1')}"}).get_json()
    assert {r["id_number"] for r in body["result"]} >= {idnumber.mask(STAFF_ID)}
    assert STAFF_ID not in str(body)


def test_row_scope_holds_whatever_the_configuration(app, people):
    """A department's configuration (even a default filter that names a person of another
    unit) shows no row outside its subtree, on the page, the export and the API."""
    configure("Person", "department", list_columns=["name", "institution"], filters=[("name", "ct", "赵")])
    dept = logged_in(app, "dept1")
    html = dept.get("/personview/list/").get_data(as_text=True)
    assert "赵会计" not in html and "王老师" not in html  # the default filter finds nobody in scope
    html = dept.get("/personview/list/?_flt_0_name=").get_data(as_text=True)
    assert "王老师" in html and "赵会计" not in html
    values = {str(c.value) for row in load_workbook(io.BytesIO(dept.get("/personview/export/").data)).active.iter_rows()
              for c in row}
    assert "赵会计" not in values
    body = dept.get("/api/v1/person/", headers={"Authorization": f"Bearer {api_token(dept, 'dept1')}"}).get_json()
    assert [r["name"] for r in body["result"]] == ["王老师"]
