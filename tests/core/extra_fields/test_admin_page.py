"""安全 → 自定义字段: an administrator defines, edits and archives fields in the browser's
forms; the service's refusals stay on the form and add nothing; other roles are refused."""
from __future__ import annotations

from sqlalchemy import select

from app.core.extra_fields.models import ExtraField
from app.extensions import db
from tests.conftest import csrf_token, login
from tests.core.extra_fields.fixtures import persons  # noqa: F401  (fixture)
from tests.factories import make_user

FORM = {"resource": "Person", "code": "hobby", "kind": "text", "label_zh": "爱好", "label_en": "Hobby",
        "max_length": "20", "read_roles": ["leader"], "write_roles": ["staff"], "sort": "0"}


def client_of(app, username, role):
    make_user(app, username, role)
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


def fields():
    db.session.expire_all()
    return [(f.code, f.label_zh, f.read_roles, f.write_roles, f.archived)
            for f in db.session.execute(select(ExtraField).order_by(ExtraField.id)).scalars()]


def test_admin_adds_a_field_and_a_bad_one_stays_on_the_form(app, persons):
    admin = client_of(app, "admin1", "admin")
    page = admin.get("/extrafieldview/add").get_data(as_text=True)
    assert "人员" in page and "字典选项" in page and "处室经办人" in page  # labelled choices, no codes
    token = csrf_token(admin, "/extrafieldview/add")
    before = fields()
    bad = admin.post("/extrafieldview/add", data={**FORM, "code": "Hobby!", "csrf_token": token})
    assert bad.status_code == 422 and "字段代码" in bad.get_data(as_text=True)
    clash = admin.post("/extrafieldview/add", data={**FORM, "code": "years", "csrf_token": token})
    assert clash.status_code == 422 and "已有代码为" in clash.get_data(as_text=True)
    assert fields() == before
    ok = admin.post("/extrafieldview/add", data={**FORM, "csrf_token": token})
    assert ok.status_code == 302
    assert fields()[-1] == ("hobby", "爱好", ["leader"], ["staff"], False)


def test_archiving_says_how_many_rows_keep_a_value(app, persons):
    from app.core.db import transaction
    from app.core.extra_fields import services

    with transaction():
        services.write("Person", persons["mine"], {"years": "3"})
        services.write("Person", persons["theirs"], {"years": "4"})
    admin = client_of(app, "admin1", "admin")
    listing = admin.get("/extrafieldview/list/").get_data(as_text=True)
    assert "工龄" in listing and "有值的行数" in listing
    years = persons["fields"]["years"].id
    token = csrf_token(admin, "/extrafieldview/list/")
    resp = admin.post("/extrafieldview/action_post", data={"action": "archive", "rowid": [str(years)],
                                                           "csrf_token": token}, follow_redirects=True)
    assert "保留 2 个" in resp.get_data(as_text=True)
    assert [f for f in fields() if f[0] == "years"][0][-1] is True
    # No delete door: the field and its values stay.
    assert admin.post(f"/extrafieldview/delete/{years}", data={"csrf_token": token}).status_code in (403, 404, 405)
    assert [f for f in fields() if f[0] == "years"]


def test_other_roles_cannot_define_fields(app, persons):
    before = fields()
    for role in ("staff", "leader", "department", "inspector"):
        client = client_of(app, f"u_{role}", role)
        assert client.get("/extrafieldview/list/").status_code in (302, 403)
        token = csrf_token(client, "/personview/list/")
        resp = client.post("/extrafieldview/add", data={**FORM, "csrf_token": token})
        assert resp.status_code in (302, 403)
    assert fields() == before
