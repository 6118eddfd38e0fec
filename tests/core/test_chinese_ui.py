"""No English left in the Chinese UI where the framework brings its own (issue #11
item 5): the confirmation dialog's buttons, Select2's texts, the error pages'
server text, the export's file name."""
from __future__ import annotations

import re
from urllib.parse import unquote

from app import create_app
from config import TestingConfig
from tests.conftest import csrf_token, login
from tests.factories import make_user


def _staff(app):
    make_user(app, "staff1", "staff")
    c = app.test_client()
    login(c, "staff1")
    return c


def test_confirmation_dialog_and_select2_speak_chinese(app):
    html = _staff(app).get("/personview/list/").get_data(as_text=True)
    dialog = html[html.index('id="modal-confirm"'):]
    assert "请确认" in dialog and ">取消</button>" in dialog and ">确定</a>" in dialog
    assert ">Cancel<" not in html and ">OK<" not in html
    assert 'data-no-results="没有找到匹配项"' in html and 'data-searching="正在搜索…"' in html


def test_english_users_get_english(app):
    c = _staff(app)
    c.get("/lang/en")
    html = c.get("/personview/list/").get_data(as_text=True)
    assert ">Cancel</button>" in html and 'data-no-results="No results found"' in html


def test_export_is_named_after_the_list_in_the_users_language(app):
    resp = _staff(app).get("/personview/export/")
    assert resp.status_code == 200
    disposition = resp.headers["Content-Disposition"]
    assert "filename*=UTF-8''" in disposition, disposition
    name = unquote(disposition.split("filename*=UTF-8''")[1])
    assert name.endswith(".xlsx") and not name.startswith("Person") and "人员" in name, name


def test_error_pages_carry_no_english_server_text(app):
    make_user(app, "dept0", "department")
    c = app.test_client()
    login(c, "dept0")
    page = c.get("/users/list/")
    assert page.status_code == 403
    text = page.get_data(as_text=True)
    assert "无权访问此页面" in text and "You don't have the permission" not in text

    limited = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                         AUTH_RATE_LIMIT="1 per minute")
    limited.test_client_class = app.test_client_class
    lc = limited.test_client()
    statuses = []
    for _ in range(2):
        token = csrf_token(lc)
        resp = lc.post("/login/", data={"username": "dept0", "password": "wrong", "csrf_token": token})
        statuses.append(resp.status_code)
    assert statuses == [302, 429]
    text = resp.get_data(as_text=True)
    assert "尝试过于频繁" in text and "per 1 minute" not in text and "per minute" not in text


def test_times_are_local_to_the_minute(app):
    """A stored time (naive UTC) shows as Beijing time to the minute on lists and
    pages, and in another zone when the office configures one; the API keeps UTC."""
    import datetime as dt

    from app.core.localtime import localtime
    from app.core.resources import _plain

    stored = dt.datetime(2026, 11, 30, 5, 20, 16, 162366)
    with app.test_request_context():
        assert _plain(stored) == localtime(stored) == "2026-11-30 13:20"
        assert localtime(stored.replace(tzinfo=dt.timezone.utc)) == "2026-11-30 13:20"
        assert localtime(dt.date(2026, 1, 2)) == "2026-01-02" and localtime(None) == ""
    other = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                       DISPLAY_TIMEZONE="Europe/Berlin")
    with other.test_request_context():
        assert localtime(stored) == "2026-11-30 06:20"


def test_the_audit_log_shows_local_minutes(app):
    import re

    c = _staff(app)
    html = c.get("/auditlogview/list/").get_data(as_text=True)
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", html)
    assert not re.search(r"\d{2}:\d{2}:\d{2}\.\d{6}", html)


def test_the_user_pages_show_local_time_to_the_minute(app):
    """FAB's own user pages (kept under their permission names) read times as local
    time to the minute, not UTC to the microsecond."""
    import re

    uid = make_user(app, "admin1", "admin")
    c = app.test_client()
    login(c, "admin1")
    assert c.get("/users/list/").status_code == 200
    page = c.get(f"/users/show/{uid}").get_data(as_text=True)
    assert page and not re.search(r"\d\d:\d\d:\d\d", page.split("<body", 1)[1])
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", page)


def test_permissions_read_as_resource_and_operation(app):
    """The role form lists 编制台账 · 修改, not ``can write on QuotaLedgerEntry`` (issue #11)."""
    make_user(app, "admin2", "admin")
    c = app.test_client()
    login(c, "admin2")
    with app.app_context():
        role_id = app.appbuilder.sm.find_role("staff").id
    page = c.get(f"/roles/edit/{role_id}").get_data(as_text=True)
    assert "编制台账 · 修改" in page and "can write on QuotaLedgerEntry" not in page
    assert " on " not in "".join(re.findall(r"<option[^>]*>([^<]*)</option>", page))
