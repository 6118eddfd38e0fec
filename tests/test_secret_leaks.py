"""No secret leaves through any door (issue #8), and every page reads as Chinese
(issue #11): one walk of every door as every role, two findings lists.

Over the demo, then again after an administrator has added users through the
security views, every demo role fetches every API list (100 rows), the first
rows' show endpoints (and every other per-row GET), every ``_info``, the other
published GETs, every menu page, the first show pages of each list, and every
export and xlsx linked from them.  The endpoints come from the OpenAPI document
and the menu, so a resource added later is scanned without editing this file.
Each response (xlsx unzipped) is searched for password hashes (scrypt, pbkdf2,
bcrypt, argon2), JWTs, the session-token digests of ``user_session`` and the
live session tokens, and — for everyone but administrators — other users'
e-mail addresses.  Zero findings allowed.  The audit log's snapshots are
checked row by row as well.

The same walk reads every HTML page's visible text (scripts, styles and tags
left out) for what a Chinese user must never see: a time to the second or the
microsecond (UTC as stored), a raw reference such as ``user:leader`` or
``quota_ledger:834``, or a sentence of our catalogue left in English (the
detectors of ``tests/readability.py``, shared with the walk in Chromium).
"""
from __future__ import annotations

import io
import zipfile
from collections import Counter

from sqlalchemy import select

from app.core.audit import AuditLog
from app.extensions import db
from app.security import SESSION_KEY, UserSession
from config import DEMO_PASSWORD
from tests.conftest import csrf_token
from tests.discovery import api_doors, find_secrets, fill, list_of, menu_hrefs, openapi, page_links
from tests.readability import unreadable

DEMO_LOGINS = {"admin": "admin", "staff": "staff", "leader": "leader", "department": "dept_edu",
               "inspector": "inspector"}
NEW_PASSWORD = "Added#Via-Views-2026"


def body_text(resp) -> str:
    data = resp.get_data()
    if data[:2] == b"PK":  # an xlsx: every part of the archive
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return data.decode("utf-8", "replace")


def known_secrets(app) -> dict[str, str]:
    User = app.appbuilder.sm.user_model
    secrets = {f"password hash of {name}": pw for name, pw in db.session.execute(select(User.username, User.password))}
    secrets.update({f"session digest {d[:8]}…": d for d in db.session.execute(select(UserSession.id)).scalars()})
    db.session.rollback()  # the read must not hold the SQLite write lock
    return secrets


class Scanner:
    """One logged-in user walking every door found in the OpenAPI and the menu."""

    def __init__(self, app, username: str, password: str, is_admin: bool, emails: dict[str, str]):
        self.app, self.username = app, username
        self.client = app.test_client()
        token = csrf_token(self.client)
        resp = self.client.post("/login/", data={"username": username, "password": password, "csrf_token": token})
        assert resp.status_code == 302 and "/login" not in resp.headers["Location"], f"login {username} failed"
        resp = self.client.post("/api/v1/security/login",
                                json={"username": username, "password": password, "provider": "db"})
        assert resp.status_code == 200, resp.get_data(as_text=True)
        jwt = resp.get_json()["access_token"]
        self.headers = {"Authorization": f"Bearer {jwt}"}
        with self.client.session_transaction() as sess:
            session_token = sess[SESSION_KEY]
        self.secrets = {**known_secrets(app), "the scanner's JWT": jwt, "the scanner's session token": session_token}
        if not is_admin:  # e-mail addresses are for administrators only
            self.secrets.update({f"e-mail of {name}": mail for name, mail in emails.items() if name != username})
        self.findings: list[str] = []
        self.unreadable: list[str] = []
        self.seen = Counter()

    def get(self, url: str, kind: str):
        resp = self.client.get(url, headers=self.headers if url.startswith("/api/") else {})
        self.seen[(kind, resp.status_code)] += 1
        text = body_text(resp)
        for finding in find_secrets(text, self.secrets):
            self.findings.append(f"{self.username} {url}: {finding}")
        if kind in ("page", "show page") and resp.mimetype == "text/html":
            self.unreadable += [f"{self.username} {url}: {what}" for what in unreadable(text)]
        return resp

    def walk_api(self, doors) -> None:
        ids: dict[str, list] = {}
        for url in doors.lists:
            resp = self.get(url + "?q=(page_size:100)", "api list")
            if resp.status_code == 200:
                ids[url] = resp.get_json()["ids"][:3]
        for url in doors.infos:
            self.get(url, "api info")
        for url in doors.item_gets:
            for pk in ids.get(list_of(url), []):
                self.get(fill(url, pk), "api item")
        for url in doors.other_gets:
            self.get(url, "api other")
        # The audit log's rows about users and sessions, through the API door.
        for object_type in ("User", "UserSession"):
            self.get(f"/api/v1/audit_log/?q=(filters:!((col:object_type,opr:eq,value:{object_type})),"
                     "page_size:100,columns:!(object_id,before,after))", "api audit")

    def walk_pages(self, hrefs) -> None:
        shows, downloads = [], []
        for href in hrefs:
            resp = self.get(href, "page")
            if resp.status_code != 200:
                continue
            page_shows, page_downloads = page_links(resp.get_data(as_text=True))
            shows += page_shows
            downloads += page_downloads
            if href.endswith("/list/"):
                downloads.append(href[: -len("list/")] + "export/")
        for url in dict.fromkeys(shows):
            self.get(url, "show page")
        for url in dict.fromkeys(downloads):
            self.get(url, "download")


def _scan(app, logins: dict[str, tuple[str, str]]):
    """Walk as each role's (username, password); the findings and what was reached."""
    User = app.appbuilder.sm.user_model
    emails = dict(db.session.execute(select(User.username, User.email)).all())
    db.session.rollback()
    admin = Scanner(app, *logins["admin"], True, emails)
    doors = api_doors(openapi(admin.client, admin.headers))
    # The menu's pages, plus the pages every user reaches from the home page and the user menu.
    hrefs = ["/", "/users/userinfo/", "/userinfoeditview/form", "/resetmypassword/form", "/swagger/v1",
             *menu_hrefs(app)]
    findings, coverage, unread = [], {}, []
    for role, (username, password) in logins.items():
        scanner = admin if role == "admin" else Scanner(app, username, password, False, emails)
        scanner.walk_api(doors)
        scanner.walk_pages(hrefs)
        findings += scanner.findings
        unread += scanner.unreadable
        coverage[role] = scanner.seen
    return findings, coverage, doors, unread


def _assert_covered(coverage, doors) -> None:
    """The walk reached what it claims: every door answered the administrator."""
    admin = coverage["admin"]
    assert admin[("api list", 200)] == len(doors.lists) >= 35, admin
    assert admin[("api info", 200)] == len(doors.infos) >= 35, admin
    assert admin[("api item", 200)] >= 80, admin
    assert admin[("page", 200)] >= 40 and admin[("show page", 200)] >= 50, admin
    assert admin[("download", 200)] >= 35, admin
    for role, seen in coverage.items():
        assert seen[("api list", 200)] >= 5 and seen[("download", 200)] >= 3, (role, seen)
        assert not [key for key in seen if key[1] >= 500], (role, seen)


def _audit_snapshots_findings(app) -> list[str]:
    secrets = known_secrets(app)
    out = []
    for row in db.session.execute(select(AuditLog)).scalars():
        for finding in find_secrets(f"{row.object_id} {row.before} {row.after}", secrets):
            out.append(f"audit row {row.id} ({row.object_type}): {finding}")
    db.session.rollback()
    return out


def _add_users_through_the_security_views(app) -> dict[str, str]:
    """An administrator adds one user per role in the web views (and binds the
    department user to an institution, and resets one password)."""
    from app.quota.models import Institution

    admin = app.test_client()
    token = csrf_token(admin)
    admin.post("/login/", data={"username": "admin", "password": DEMO_PASSWORD, "csrf_token": token})
    Role = app.appbuilder.sm.role_model
    roles = dict(db.session.execute(select(Role.name, Role.id)).all())
    edu = db.session.execute(select(Institution.id).where(Institution.name == "市教育局")).scalar_one()
    db.session.rollback()
    logins = {}
    for role in DEMO_LOGINS:
        username = f"added_{role}"
        token = csrf_token(admin, "/users/add")
        resp = admin.post("/users/add", data={
            "first_name": "新增", "last_name": role, "username": username, "active": "y",
            "email": f"{username}@added.example.org", "roles": [str(roles[role])],
            "password": NEW_PASSWORD, "conf_password": NEW_PASSWORD, "csrf_token": token})
        assert resp.status_code == 302, resp.get_data(as_text=True)[:500]
        logins[role] = username
    User = app.appbuilder.sm.user_model
    dept_id = db.session.execute(select(User.id).where(User.username == "added_department")).scalar_one()
    staff_id = db.session.execute(select(User.id).where(User.username == "added_staff")).scalar_one()
    db.session.rollback()
    token = csrf_token(admin, "/userinstitutionview/add")
    resp = admin.post("/userinstitutionview/add", data={"user": str(dept_id), "institution": str(edu),
                                                        "csrf_token": token})
    assert resp.status_code == 302, resp.get_data(as_text=True)[:500]
    token = csrf_token(admin, f"/resetpassword/form?pk={staff_id}")
    resp = admin.post(f"/resetpassword/form?pk={staff_id}",
                      data={"password": NEW_PASSWORD + "!", "conf_password": NEW_PASSWORD + "!", "csrf_token": token})
    assert resp.status_code == 302
    resp = admin.post(f"/resetpassword/form?pk={staff_id}",
                      data={"password": NEW_PASSWORD, "conf_password": NEW_PASSWORD, "csrf_token": token})
    assert resp.status_code == 302
    return logins


def test_no_secret_leaves_through_any_door(app, app_ctx, capsys):
    from seeds import load_demo

    load_demo()
    findings, coverage, doors, unread = _scan(app, {role: (name, DEMO_PASSWORD)
                                                    for role, name in DEMO_LOGINS.items()})
    _assert_covered(coverage, doors)
    findings += _audit_snapshots_findings(app)

    added = _add_users_through_the_security_views(app)
    # The new users walk every door; the new administrator too.
    more, coverage_added, _, unread_added = _scan(app, {role: (name, NEW_PASSWORD) for role, name in added.items()})
    findings += more
    unread += unread_added
    findings += _audit_snapshots_findings(app)
    with capsys.disabled():
        total = sum(sum(c.values()) for c in (*coverage.values(), *coverage_added.values()))
        print(f"\n[leaks] {total} responses scanned over {len(doors.lists)} API lists, {len(doors.infos)} _info, "
              f"{len(doors.item_gets)} per-row GETs, {len(menu_hrefs(app))} menu pages")
    assert findings == [], "secrets left through these doors:\n" + "\n".join(findings[:50])
    assert unread == [], "pages a Chinese reader cannot read:\n" + "\n".join(sorted(set(unread))[:50])


def test_the_readability_check_sees_what_it_must():
    page = ("<p>2026-11-30 13:20:16.162366</p><td>user:leader</td><script>var t='12:00:00'</script>"
            "<p>Cases waiting at a step you act on</p><p>2026-11-30 13:20 张三</p>")
    assert unreadable(page) == ["raw time 13:20:16.162366", "raw reference user:leader",
                                "English: 'Cases waiting at a step you act on'"]
