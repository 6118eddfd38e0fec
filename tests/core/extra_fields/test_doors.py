"""The extra fields on the web doors (issue #16 §2): edit form, show page, xlsx export.
Writers get inputs, readers a read-only field, the others nothing; a refused value
stays on the form and changes nothing (not even the row's own columns posted with it);
rows outside the user's scope never show."""
from __future__ import annotations

import io
import json
import re

from openpyxl import load_workbook
from sqlalchemy import select

from app.core.audit import AuditLog
from app.core.db import transaction
from app.core.extra_fields import services
from app.extensions import db
from app.quota.models import Person
from tests.conftest import login
from tests.core.extra_fields.fixtures import define, persons, stored  # noqa: F401  (fixture)
from tests.factories import make_user
from tests.web import browser_post


def client_of(app, username, role, institution_id=None):
    make_user(app, username, role, institution_id=institution_id)
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


def values_of(row):
    db.session.expire_all()
    return services.read("Person", [row], None).get(row, {})


def test_staff_writes_extra_fields_on_the_edit_form(app, persons):
    staff = client_of(app, "staff1", "staff")
    url = f"/personview/edit/{persons['mine']}"
    page = staff.get(url).get_data(as_text=True)
    assert "工龄" in page and 'name="extra_years"' in page and "不含数字" in page  # the help text
    resp = browser_post(staff, url, {"extra_years": "7", "extra_degree": "硕士", "extra_vet": "1",
                                     "extra_rank": "chief"})
    assert resp.status_code == 200
    assert values_of(persons["mine"]) == {"years": 7, "degree": "硕士", "vet": True, "rank": "chief"}
    logged = db.session.execute(select(AuditLog.after).where(AuditLog.object_type == "Person",
                                                             AuditLog.after.like("%extra.%"))).scalars().all()
    assert json.loads(logged[-1])["extra.years"] == 7
    # The form shows the stored values for editing.
    page = staff.get(url).get_data(as_text=True)
    assert 'value="7"' in page and 'value="硕士"' in page


def test_a_refused_value_stays_on_the_form_and_changes_nothing(app, persons):
    with transaction():
        services.write("Person", persons["mine"], {"years": "3"})
    staff = client_of(app, "staff1", "staff")
    before = stored()
    post_before = db.session.get(Person, persons["mine"]).post
    resp = browser_post(staff, f"/personview/edit/{persons['mine']}", {"extra_years": "abc", "post": "新岗位",
                                                                       "extra_degree": "学士"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422 and "工龄 应为整数" in html
    assert stored() == before
    db.session.expire_all()
    assert db.session.get(Person, persons["mine"]).post == post_before
    resp = browser_post(staff, f"/personview/edit/{persons['mine']}", {"extra_years": ""})
    assert resp.status_code == 422 and "工龄 为必填项" in resp.get_data(as_text=True)
    assert stored() == before


def test_readers_see_the_field_read_only_and_cannot_write_it(app, persons):
    define(code="note", label_zh="备注项", kind="text", read_roles=["department"], write_roles=["staff"])
    with transaction():
        services.write("Person", persons["mine"], {"note": "原值", "years": "5"})
    dept = client_of(app, "dept1", "department", institution_id=persons["edu"])
    url = f"/personview/edit/{persons['mine']}"
    page = dept.get(url).get_data(as_text=True)
    (tag,) = re.findall(r'<input[^>]*name="extra_note"[^>]*>', page)
    assert "备注项" in page and "disabled" in tag
    assert "工龄" not in page  # neither readable nor writable by the department
    before = stored()
    browser_post(dept, url, {"extra_note": "改了", "extra_years": "9"})
    assert values_of(persons["mine"])["note"] == "原值" and values_of(persons["mine"])["years"] == 5
    show = dept.get(f"/personview/show/{persons['mine']}").get_data(as_text=True)
    assert "备注项" in show and "原值" in show and "工龄" not in show
    # Another institution's person: not found, its values never shown.
    assert dept.get(f"/personview/show/{persons['theirs']}").status_code == 404
    assert stored()[:-1] == before[:-1]


def test_show_page_and_export_carry_the_readable_fields_within_scope(app, persons):
    with transaction():
        services.write("Person", persons["mine"], {"degree": "硕士", "years": "5", "joined": "2001-07-01"})
        services.write("Person", persons["theirs"], {"degree": "学士", "years": "8"})
    leader = client_of(app, "lead1", "leader")
    show = leader.get(f"/personview/show/{persons['mine']}").get_data(as_text=True)
    assert "学位" in show and "硕士" in show and "工龄" not in show  # leader reads degree only
    staff = client_of(app, "staff1", "staff")
    ws = load_workbook(io.BytesIO(staff.get("/personview/export/").data)).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = rows[0]
    assert {"学位", "工龄", "入党日期", "津贴", "原职级", "退役军人"} <= set(header)
    by_name = {r[header.index("姓名")]: r for r in rows[1:]}
    assert by_name["王老师"][header.index("工龄")] == "5"
    assert by_name["王老师"][header.index("入党日期")] == "2001-07-01"
    assert by_name["赵会计"][header.index("学位")] == "学士"
    lead_ws = load_workbook(io.BytesIO(leader.get("/personview/export/").data)).active
    lead_header = [c.value for c in next(lead_ws.iter_rows())]
    assert "学位" in lead_header and "工龄" not in lead_header


def test_the_list_and_its_export_filter_on_an_extra_field_within_scope(app, persons):
    with transaction():
        services.write("Person", persons["mine"], {"years": "9", "degree": "硕士"})
        services.write("Person", persons["theirs"], {"years": "30", "degree": "硕士"})
    staff = client_of(app, "staff1", "staff")
    html = staff.get("/personview/list/?_xf_gt_years=10").get_data(as_text=True)
    assert "赵会计" in html and "王老师" not in html  # 30 > 10 as numbers
    ws = load_workbook(io.BytesIO(staff.get("/personview/export/?_xf_lt_years=10").data)).active
    assert [r[0].value for r in ws.iter_rows()][1:] and "王老师" in str([c.value for r in ws.iter_rows() for c in r])
    assert "赵会计" not in str([c.value for r in ws.iter_rows() for c in r])
    # A department user filters within its own scope only.
    dept = client_of(app, "dept1", "department", institution_id=persons["edu"])
    define(code="tag", label_zh="标签", kind="text", read_roles=["department"], write_roles=["staff"])
    with transaction():
        services.write("Person", persons["mine"], {"tag": "甲"})
        services.write("Person", persons["theirs"], {"tag": "甲"})
    html = dept.get("/personview/list/?_xf_eq_tag=甲").get_data(as_text=True)
    assert "王老师" in html and "赵会计" not in html
    # A field the user may not read is no filter (it would tell its values); a bad value is a 400.
    assert dept.get("/personview/list/?_xf_gt_years=10").status_code == 400
    resp = staff.get("/personview/list/?_xf_gt_years=many")
    assert resp.status_code == 400 and "工龄" in resp.get_data(as_text=True)


def test_deleting_a_row_on_the_generic_door_deletes_its_values_audited(app, persons):
    from tests.conftest import csrf_token

    with transaction():
        services.write("Person", persons["theirs"], {"years": "8", "degree": "学士"})
    staff = client_of(app, "staff1", "staff")
    token = csrf_token(staff, f"/personview/edit/{persons['theirs']}")
    staff.post(f"/personview/delete/{persons['theirs']}", data={"csrf_token": token})
    db.session.expire_all()
    assert db.session.get(Person, persons["theirs"]) is None
    assert services.read("Person", [persons["theirs"]]) == {}
    last = db.session.execute(select(AuditLog).where(AuditLog.object_type == "Person",
                                                     AuditLog.before.like("%extra.%"))
                              .order_by(AuditLog.id.desc())).scalars().first()
    assert json.loads(last.before) == {"extra.years": 8, "extra.degree": "学士"}
    assert json.loads(last.after) == {"extra.years": None, "extra.degree": None}



def test_field_operation_and_value_may_come_apart(app, persons):
    with transaction():
        services.write("Person", persons["mine"], {"years": "9", "degree": "硕士"})
        services.write("Person", persons["theirs"], {"years": "30", "degree": "学士"})
    leader = client_of(app, "lead1", "leader")
    html = leader.get("/personview/list/?_xfc=degree&_xfo=eq&_xfv=学士").get_data(as_text=True)
    assert "赵会计" in html and "王老师" not in html
    assert leader.get("/personview/list/?_xfc=years&_xfo=gt&_xfv=1").status_code == 400  # the leader cannot read it
