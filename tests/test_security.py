"""Security baseline (SPEC §9): CSRF, login rate limits on both doors, cookie
flags, sessions that die at logout and password change, no password hashes
anywhere, generic error pages, production refusals."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app import create_app
from config import DEFAULT_SECRET_KEY, ProductionConfig, TestingConfig
from tests.conftest import PASSWORD, api_token, csrf_token, login
from tests.factories import make_user


def test_login_form_requires_csrf(app):
    make_user(app, "u1", "staff")
    c = app.test_client()
    resp = c.post("/login/", data={"username": "u1", "password": PASSWORD})
    assert resp.status_code == 400
    assert c.get("/personview/list/").status_code in (302, 401, 403)


def test_cookie_flags(app):
    make_user(app, "u1", "staff")
    c = app.test_client()
    resp = login(c, "u1")
    cookie = resp.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_cookies_are_secure():
    assert ProductionConfig.SESSION_COOKIE_SECURE is True
    assert ProductionConfig.REMEMBER_COOKIE_SECURE is True


def test_logout_kills_the_session_even_for_a_copied_cookie(app):
    make_user(app, "u1", "staff")
    c = app.test_client()
    login(c, "u1")
    assert c.get("/personview/list/").status_code == 200
    stolen = c.get_cookie("session").value
    c.get("/logout/")
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/personview/list/").status_code != 200


def test_password_change_kills_every_session(app):
    uid = make_user(app, "u1", "staff")
    first, second = app.test_client(), app.test_client()
    login(first, "u1")
    login(second, "u1")
    assert second.get("/personview/list/").status_code == 200
    token = csrf_token(first, "/resetmypassword/form")
    resp = first.post("/resetmypassword/form",
                      data={"password": "New#Pass-2027", "conf_password": "New#Pass-2027", "csrf_token": token})
    assert resp.status_code in (200, 302)
    assert second.get("/personview/list/").status_code != 200
    assert first.get("/personview/list/").status_code != 200
    fresh = app.test_client()
    assert login(fresh, "u1", "New#Pass-2027").status_code == 302
    assert fresh.get("/personview/list/").status_code == 200
    assert uid


def test_password_change_revokes_api_tokens(app):
    import time

    uid = make_user(app, "u1", "staff")
    c = app.test_client()
    old = {"Authorization": f"Bearer {api_token(c, 'u1')}"}
    assert c.get("/api/v1/person/", headers=old).status_code == 200
    time.sleep(1.1)  # token times are whole seconds
    with app.app_context():
        app.appbuilder.sm.reset_password(uid, "New#Pass-2027")
    assert c.get("/api/v1/person/", headers=old).status_code == 401
    time.sleep(1.1)
    new = {"Authorization": f"Bearer {api_token(c, 'u1', 'New#Pass-2027')}"}
    assert c.get("/api/v1/person/", headers=new).status_code == 200


def _limited(app, **limits):
    """A second app on the same database with its own login limits."""
    limited = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"], **limits)
    limited.test_client_class = app.test_client_class
    return limited


@pytest.fixture()
def limited_app(app):
    """At most 3 attempts per minute on one account from one address."""
    return _limited(app, AUTH_RATE_LIMIT="3 per minute")


def _attempt(client, door: str, username: str, password: str, address: str = "127.0.0.1") -> int:
    """One login attempt through the web form or the JSON API, from ``address``; the answer's
    status, or "ok" for a successful login (the form answers 302 both ways)."""
    environ = {"REMOTE_ADDR": address}
    if door == "api":
        resp = client.post("/api/v1/security/login", environ_base=environ,
                           json={"username": username, "password": password, "provider": "db"})
        return "ok" if resp.status_code == 200 else resp.status_code
    token = csrf_token(client)
    resp = client.post("/login/", environ_base=environ,
                       data={"username": username, "password": password, "csrf_token": token})
    if resp.status_code != 302:
        return resp.status_code
    return "refused" if "/login" in resp.headers["Location"] else "ok"


def test_web_login_is_rate_limited(app, limited_app):
    make_user(app, "u1", "staff")
    c = limited_app.test_client()
    codes = [_attempt(c, "web", "u1", "wrong") for _ in range(5)]
    assert codes == ["refused"] * 3 + [429, 429], codes


def test_api_login_is_rate_limited(app, limited_app):
    make_user(app, "u1", "staff")
    c = limited_app.test_client()
    codes = [_attempt(c, "api", "u1", "wrong") for _ in range(5)]
    assert codes == [401, 401, 401, 429, 429], codes


@pytest.mark.parametrize("door", ["web", "api"])
def test_an_office_behind_one_address_is_not_locked_out(app, door):
    """Twelve colleagues log in from one NAT address, some twice: nobody gets a 429
    (FAB's limit by address alone locked them all out after ten)."""
    names = [f"clerk{i}" for i in range(12)]
    for name in names:
        make_user(app, name, "staff")
    limited = _limited(app, AUTH_RATE_LIMIT="3 per minute", AUTH_ACCOUNT_RATE_LIMIT="5 per minute",
                       AUTH_ADDRESS_RATE_LIMIT="40 per minute")
    results = [_attempt(limited.test_client(), door, name, PASSWORD, "10.1.1.1") for name in names + names[:6]]
    assert results == ["ok"] * 18, results


@pytest.mark.parametrize("door", ["web", "api"])
def test_one_account_is_limited_per_address_and_across_addresses(app, door):
    make_user(app, "target", "staff")
    limited = _limited(app, AUTH_RATE_LIMIT="3 per minute", AUTH_ACCOUNT_RATE_LIMIT="5 per minute",
                       AUTH_ADDRESS_RATE_LIMIT="100 per minute")
    c = limited.test_client()
    wrong = "refused" if door == "web" else 401
    # Three guesses from one desk, then that desk is stopped on this account ...
    first = [_attempt(c, door, "target", "guess", "10.0.0.1") for _ in range(4)]
    assert first == [wrong] * 3 + [429], first
    # ... the name spelt in capitals is the same account ...
    assert _attempt(c, door, "TARGET", "guess", "10.0.0.1") == 429
    # ... a second desk gets the account's remaining two, then every address is stopped, the right password too.
    second = [_attempt(c, door, "target", "guess", "10.0.0.2") for _ in range(3)]
    assert second == [wrong, wrong, 429], second
    assert _attempt(c, door, "target", PASSWORD, "10.0.0.3") == 429
    # Another account from the first desk is untouched.
    make_user(app, "colleague", "staff")
    assert _attempt(c, door, "colleague", PASSWORD, "10.0.0.1") == "ok"


@pytest.mark.parametrize("door", ["web", "api"])
def test_one_address_trying_many_accounts_is_limited(app, door):
    """A guesser spraying one password over many accounts from one address is stopped by
    the address limit, though no single account reaches its own."""
    limited = _limited(app, AUTH_RATE_LIMIT="3 per minute", AUTH_ACCOUNT_RATE_LIMIT="5 per minute",
                       AUTH_ADDRESS_RATE_LIMIT="6 per minute")
    c = limited.test_client()
    results = [_attempt(c, door, f"nobody{i}", "Password1", "10.9.9.9") for i in range(8)]
    wrong = "refused" if door == "web" else 401
    assert results == [wrong] * 6 + [429, 429], results
    assert _attempt(c, door, "nobody0", "Password1", "10.9.9.8") == wrong  # another address is not affected


def test_no_password_hash_in_views_or_api(app):
    make_user(app, "adm", "admin")
    c = app.test_client()
    login(c, "adm")
    from app.extensions import db

    with app.app_context():
        pw_hash = db.session.execute(select(app.appbuilder.sm.user_model.password)).scalars().first()
    assert pw_hash and len(pw_hash) > 20
    for url in ("/users/list/", "/users/show/1", "/users/edit/1", "/auditlogview/list/", "/api/v1/audit_log/?q=(page_size:100)"):
        body = c.get(url).get_data(as_text=True)
        assert pw_hash not in body, url
        assert "scrypt:" not in body and "pbkdf2:" not in body, url
    h = {"Authorization": f"Bearer {api_token(c, 'adm')}"}
    body = c.get("/api/v1/audit_log/?q=(page_size:100)", headers=h).get_data(as_text=True)
    assert pw_hash not in body and "scrypt:" not in body


def test_generic_error_pages(app):
    c = app.test_client()
    resp = c.get("/no/such/page")
    assert resp.status_code == 404
    body = resp.get_data(as_text=True)
    assert "页面或记录不存在" in body and "Traceback" not in body


@pytest.mark.parametrize("q", ["(page_size:1e+61)", "(page:1e61)", "(filters:!((col:name,opr:eq,value:1e+61)))",
                               "((((", "(page_size:99999999999999999999999)"])
def test_bad_rison_is_a_400_not_a_500(app, q):
    make_user(app, "adm", "admin")
    c = app.test_client()
    h = {"Authorization": f"Bearer {api_token(c, 'adm')}"}
    assert c.get(f"/api/v1/institution/?q={q}", headers=h).status_code == 400


def test_huge_pk_is_a_404_not_a_500(app):
    make_user(app, "adm", "admin")
    c = app.test_client()
    h = {"Authorization": f"Bearer {api_token(c, 'adm')}"}
    big = "9" * 30
    assert c.get(f"/api/v1/institution/{big}", headers=h).status_code == 404
    assert c.put(f"/api/v1/institution/{big}", json={"name": "x"}, headers=h).status_code == 404
    assert c.delete(f"/api/v1/institution/{big}", headers=h).status_code == 404


def test_production_refuses_default_secret_key(monkeypatch):
    class Prod(ProductionConfig):
        SECRET_KEY = DEFAULT_SECRET_KEY
        SQLALCHEMY_DATABASE_URI = "sqlite://"

    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(Prod)


def test_production_refuses_demo_password(app, tmp_path):
    make_user(app, "demo1", "staff")
    with app.app_context():
        sm = app.appbuilder.sm
        user = sm.find_user("demo1")
        sm.reset_password(user.id, app.config["DEMO_PASSWORD"])

    class Prod(ProductionConfig):
        SECRET_KEY = "x" * 40
        SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]

    with pytest.raises(RuntimeError, match="demo1"):
        create_app(Prod)


def test_testing_config_is_not_production():
    assert TestingConfig.SESSION_COOKIE_SECURE is False


def test_session_tokens_are_not_readable_from_the_database_or_audit(app):
    from flask import session as flask_session

    from app.core.audit import AuditLog
    from app.extensions import db
    from app.security import SESSION_KEY, UserSession

    make_user(app, "u1", "staff")
    c = app.test_client()
    login(c, "u1")
    with c.session_transaction() as sess:
        token = sess[SESSION_KEY]
    with app.app_context():
        stored = db.session.execute(select(UserSession.id)).scalars().all()
        logged = " ".join(filter(None, db.session.execute(select(AuditLog.after)).scalars().all()))
    assert stored and token not in stored and token not in logged
    assert flask_session is not None


def test_logout_is_audited_like_the_login(app):
    from app.core import audit
    from app.core.audit import AuditLog
    from app.extensions import db
    from app.security import UserSession

    user_id = make_user(app, "u1", "staff")
    c = app.test_client()
    login(c, "u1")
    with app.app_context():
        opened = audit.secret_key_id(db.session.execute(select(UserSession.id)).scalar_one())
    c.get("/logout/")
    with app.app_context():
        rows = db.session.execute(select(AuditLog.action, AuditLog.object_id, AuditLog.before)
                                  .where(AuditLog.object_type == "UserSession").order_by(AuditLog.id)).all()
        left = db.session.execute(select(UserSession.id)).scalars().all()
    assert [(r.action, r.object_id) for r in rows] == [("create", opened), ("delete", opened)]
    assert f'"user_id": {user_id}' in rows[1].before and left == []


@pytest.mark.parametrize("url,body", [
    ("/api/v1/regionalcap/", {"region": 1, "quota_type": 1, "total": 10**30}),
    ("/api/v1/regionalcap/", {"region": 1, "quota_type": 1, "total": 2**31}),
    ("/api/v1/quotaledgerentry/", {"institution": 1, "quota_type": 1, "delta": 10**20, "reason": "x", "doc_no": "y"}),
    ("/api/v1/region/", {"code": "9" * 50, "name": "名", "level": "city"}),
    ("/api/v1/staffingstandardrow/", {"standard": 1, "metric_from": 0, "ratio": 1e12, "base": 0}),
])
def test_values_beyond_their_column_are_a_clear_422(app, ref, url, body):
    from sqlalchemy import func as sa_func

    from app.core.audit import AuditLog
    from app.extensions import db
    from tests.factories import new_institution

    new_institution(ref, "甲")
    make_user(app, "adm", "admin")
    c = app.test_client()
    h = {"Authorization": f"Bearer {api_token(c, 'adm')}"}
    with app.app_context():
        before = db.session.execute(select(sa_func.count(AuditLog.id))).scalar_one()
    resp = c.post(url, json=body, headers=h)
    assert resp.status_code in (400, 422), resp.get_data(as_text=True)
    with app.app_context():
        after = db.session.execute(select(sa_func.count(AuditLog.id))).scalar_one()
    assert after == before  # nothing written


def test_an_admin_resetting_someone_elses_password_stays_logged_in(app):
    """FAB's reset form passes the id as text (a 500 on PostgreSQL before); the
    user's sessions end, the administrator's does not."""
    make_user(app, "adm", "admin")
    uid = make_user(app, "u1", "staff")
    admin, victim = app.test_client(), app.test_client()
    login(admin, "adm")
    login(victim, "u1")
    token = csrf_token(admin, f"/resetpassword/form?pk={uid}")
    resp = admin.post(f"/resetpassword/form?pk={uid}",
                      data={"password": "New#Pass-2027", "conf_password": "New#Pass-2027", "csrf_token": token})
    assert resp.status_code == 302 and "/login" not in resp.headers["Location"]
    assert admin.get("/users/list/").status_code == 200
    assert victim.get("/personview/list/").status_code != 200
    fresh = app.test_client()
    assert login(fresh, "u1", "New#Pass-2027").status_code == 302
    assert fresh.get("/personview/list/").status_code == 200


def test_an_anonymous_page_reads_the_public_role_once_and_follows_its_grants(app):
    """The anonymous menu asks is_item_public for every item: answered from one read
    of the public role a request (was two queries an item), and a grant to the
    public role is seen by the next request."""
    from flask import g
    from sqlalchemy import event

    from app.extensions import db

    seen = []
    with app.app_context():
        engine = db.engine

    def count(_conn, _cursor, statement, *_args):
        if "ab_role" in statement:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert app.test_client().get("/public/").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert 1 <= len(seen) <= 3, seen
    sm = app.appbuilder.sm
    with app.test_request_context("/"):
        assert sm.is_item_public("can_list", "InstitutionModelView") is False
        assert "_bianzhi_public_perms" in g
    with app.app_context():
        public = sm.find_role("public")
        pv = sm.find_permission_view_menu("can_list", "InstitutionModelView") or sm.add_permission_view_menu(
            "can_list", "InstitutionModelView")
        sm.add_permission_role(public, pv)
        try:
            with app.test_request_context("/"):
                assert sm.is_item_public("can_list", "InstitutionModelView") is True
                assert sm.is_item_public("can_delete", "InstitutionModelView") is False
        finally:
            sm.del_permission_role(public, pv)
            db.session.remove()
