"""Every route × every role has an expected outcome; a new route without an
expectation fails this test.

The expectations are the access policy written out by hand (not derived from
app.roles), so a change to the seeded permissions that opens or closes a door
shows up here.  Each domain writes out its own routes' in its test package
(``tests/<domain>/role_routes.py``, see tests/role_matrix.py); FAB's own views
are handled below.  Requests use a primary key that does not exist: a role that
passes the permission gate gets a 404 / form / redirect, a role that does not
gets the login redirect, 401 or 403.  Nothing is changed by the sweep.
"""
from __future__ import annotations

import re

import pytest

from tests.conftest import api_token, csrf_token, login
from tests.factories import make_user
from tests.role_matrix import A, NOBODY, ROLES, collect

MATRIX = collect()
RESOURCES, OTHER = MATRIX["RESOURCES"], MATRIX["ENDPOINTS"]
VIEW_OPS, API_OPS = MATRIX["VIEW_OPS"], MATRIX["API_OPS"]
ADMIN_ONLY_VIEWS = {"UserDBModelView", "RoleModelView", "UserGroupModelView", "PermissionModelView",
                    "ViewMenuModelView", "PermissionViewModelView"}
# FAB 5.3 ships these three as list-only pages.
FAB_READ_ONLY = {"PermissionModelView", "ViewMenuModelView", "PermissionViewModelView"}
CLOSED = {"closed"}  # answered 404 for every role
# Views that offer no action at all: every action request is refused (400).
NO_ACTIONS = ADMIN_ONLY_VIEWS | MATRIX["NO_ACTIONS"]
# Routes whose outcome is not an access decision: refresh needs a refresh
# token, logout and login end or start sessions, static files are files.
NOT_PROBED = {"static", "appbuilder.static", "SecurityApi.refresh", "SecurityApi.login", "AuthDBView.logout",
              "AuthDBView.login"}


def expected_roles(endpoint: str) -> set[str]:
    if endpoint in OTHER:
        return OTHER[endpoint]
    view, _, method = endpoint.partition(".")
    if method == "download":
        return CLOSED  # FAB's file download: no view here serves files
    if view in FAB_READ_ONLY and method != "list":
        return NOBODY
    if method in ("action", "action_post") and view in NO_ACTIONS:
        return NOBODY
    if view in ADMIN_ONLY_VIEWS:
        return {A}
    for suffix, ops in (("View", VIEW_OPS), ("Api", API_OPS)):
        if view.endswith(suffix) and view[: -len(suffix)] in RESOURCES and method in ops:
            return RESOURCES[view[: -len(suffix)]][ops[method]]
    raise KeyError(endpoint)


def routes(app):
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def test_every_route_has_an_expectation(app):
    missing = sorted({rule.endpoint for rule, _ in routes(app)
                      if rule.endpoint not in OTHER and not _known(rule.endpoint)})
    assert missing == [], f"routes without an expected outcome per role: {missing}"


def _known(endpoint):
    try:
        expected_roles(endpoint)
        return True
    except KeyError:
        return False


def outcome(resp) -> str:
    if resp.status_code >= 500:
        return f"error {resp.status_code}"
    if resp.status_code in (400, 401, 403):
        return "deny"  # 400: a refused request (unknown action), sent with a valid CSRF token
    if resp.status_code in (301, 302, 303) and "/login" in resp.headers.get("Location", ""):
        return "deny"
    return "allow"


def _url(rule) -> str:
    values = {}
    for arg in rule.arguments:
        values[arg] = {"name": "muldelete", "filename": "none.txt", "pk": "999999"}.get(arg, "999999")
    url = rule.rule
    for arg, value in values.items():
        url = re.sub(r"<(?:[^:<>]+:)?" + arg + ">", value, url)
    return url


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_role_route_matrix(app, ref, role):
    client = app.test_client()
    headers = {}
    if role != "anonymous":
        make_user(app, "probe", role, institution_id=None)
        assert login(client, "probe").status_code == 302
        headers = {"Authorization": f"Bearer {api_token(client, 'probe')}"}
    token = csrf_token(client, "/login/") if role == "anonymous" else csrf_token(client, "/resetmypassword/form")
    wrong = []
    for rule, method in routes(app):
        if rule.endpoint in NOT_PROBED:
            continue
        url = _url(rule)
        is_api = url.startswith("/api/")
        kwargs = {"headers": headers} if is_api else {}
        if method in ("POST", "PUT") and not is_api:
            kwargs["data"] = {"csrf_token": token, "action": "muldelete"}
        elif method in ("POST", "PUT"):
            kwargs["json"] = {}
        resp = client.open(url, method=method, **kwargs)
        got = outcome(resp)
        roles = expected_roles(rule.endpoint)
        if roles is CLOSED:
            want, got = "closed", "closed" if resp.status_code == 404 else got
        else:
            want = "allow" if role in roles else "deny"
        if got != want:
            wrong.append(f"{method} {url} ({rule.endpoint}): expected {want}, got {got} [{resp.status_code}]")
    assert wrong == [], "\n".join(wrong)


def test_each_domain_declares_its_own_routes():
    """The expectations come from the domains' own test packages, one module each."""
    declared = {m.split(".")[1] for m in MATRIX["MODULES"] if m.count(".") > 1}
    assert {"quota", "imports", "office", "justification", "approval", "supervision", "dashboards",
            "public"} <= declared
