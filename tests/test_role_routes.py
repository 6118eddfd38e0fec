"""Every route × every role has an expected outcome; a new route without an
expectation fails this test.

The table below is the access policy written out by hand (not derived from
app.roles), so a change to the seeded permissions that opens or closes a door
shows up here.  Requests use a primary key that does not exist: a role that
passes the permission gate gets a 404 / form / redirect, a role that does not
gets the login redirect, 401 or 403.  Nothing is changed by the sweep.
"""
from __future__ import annotations

import re

import pytest

from tests.conftest import api_token, csrf_token, login
from tests.factories import make_user

A, S, L, D, I = "admin", "staff", "leader", "department", "inspector"
ROLES = (A, S, L, D, I)
LOGGED_IN = set(ROLES)
EVERYONE = LOGGED_IN | {"anonymous"}
NOBODY: set[str] = set()

# resource -> (read, write, delete) roles
RESOURCES = {
    "Region": ({A, S, L, D, I}, {A}, {A}),
    "InstitutionCategory": ({A, S, L, D, I}, {A}, {A}),
    "QuotaType": ({A, S, L, D, I}, {A}, {A}),
    "Rank": ({A, S, L, D, I}, {A}, {A}),
    "StaffingStandard": ({A, S, L, D, I}, {A}, {A}),
    "StaffingStandardRow": ({A, S, L, D, I}, {A}, {A}),
    "Institution": ({A, S, L, D, I}, {A, S, D}, {A, S}),
    "InternalDivision": ({A, S, L, D, I}, {A, S, D}, {A, S, D}),
    "ThreeDeterminations": ({A, S, L, D}, {A, S}, NOBODY),
    "QuotaAllocation": ({A, S, L, D, I}, NOBODY, NOBODY),
    "QuotaLedgerEntry": ({A, S, L, D, I}, {A, S}, NOBODY),
    "RegionalCap": ({A, S, L, I}, {A, S}, {A, S}),
    "InstitutionCap": ({A, S, L, I}, {A, S}, {A, S}),
    "LeadershipQuota": ({A, S, L, D, I}, {A, S}, {A, S}),
    "Person": ({A, S, L, D, I}, {A, S, D}, {A, S}),
    "UserInstitution": ({A}, {A}, {A}),
    "AuditLog": ({A, S, L}, NOBODY, NOBODY),
    # office registers: divisions and memberships decide countersign, so admin keeps them
    "OfficeDivision": ({A, S, L}, {A}, {A}),
    "DivisionMember": ({A, S, L}, {A}, {A}),
    "TaskForce": ({A, S, L}, {A, S}, {A, S}),
    "TaskForceMember": ({A, S, L}, {A, S}, {A, S}),
    "Hearing": ({A, S, L}, {A, S}, {A, S}),
    "Opinion": ({A, S, L}, {A, S}, {A, S}),
    "CoordinationItem": ({A, S, L}, {A, S}, {A, S}),
    "Milestone": ({A, S, L}, {A, S}, {A, S}),
    # adjustment cases (issue #3); the fourth set may try workflow transitions
    "AdjustmentCase": ({A, S, L, D, I}, {A, S, D}, {A, S, D}, {A, S, L, D}),
    "CaseChange": ({A, S, L, D, I}, {A, S, D}, {A, S, D}),
    "CasePost": ({A, S, L, D}, {A, S, D}, {A, S, D}),
    "CaseAttachment": ({A, S, L, D}, NOBODY, NOBODY),
    "CaseEvaluation": ({A, S, L, I}, {A, S}, NOBODY),
    "Workflow": ({A, S, L}, {A}, NOBODY),
    "WorkflowState": ({A, S, L}, {A}, {A}),
    "WorkflowTransition": ({A, S, L}, {A}, {A}),
    "WorkflowHistory": ({A, S, L}, NOBODY, NOBODY),
    "Countersignature": ({A, S, L}, NOBODY, NOBODY),
}
VIEW_OPS = {"list": 0, "show": 0, "export": 0, "lookup": 0, "tree": 0, "diff": 0, "summary": 0, "add": 1, "edit": 1,
            "delete": 2, "action": 2, "action_post": 2,  # the probed action is muldelete
            "attachment": 0, "attach": 1, "transition": 3, "countersign": 3}
API_OPS = {"get": 0, "get_list": 0, "info": 0, "post": 1, "put": 1, "delete": 2,
           "api_transitions": 0, "api_transition": 3, "api_countersign": 3}

# Endpoints outside the domain resources.
OTHER = {
    "static": EVERYONE, "appbuilder.static": EVERYONE, "HomeView.index": EVERYONE, "LocaleView.index": EVERYONE,
    "UtilView.back": EVERYONE, "AuthDBView.login": EVERYONE, "AuthDBView.logout": EVERYONE,
    "SecurityApi.login": EVERYONE, "SecurityApi.refresh": EVERYONE,
    "UserDBModelView.userinfo": LOGGED_IN, "ResetMyPasswordView.this_form_get": LOGGED_IN,
    "ResetMyPasswordView.this_form_post": LOGGED_IN, "UserInfoEditView.this_form_get": LOGGED_IN,
    "UserInfoEditView.this_form_post": LOGGED_IN,
    "ResetPasswordView.this_form_get": {A}, "ResetPasswordView.this_form_post": {A},
    "OpenApi.get": {A}, "SwaggerView.show": {A}, "MenuApi.get_menu_data": {A},
}
# Imports (issue #4): the pages need ImportBatch read; each list also needs write
# on its resource, checked inside (a probe's unknown list or batch is a 404).
OTHER.update({f"ImportView.{m}": {A, S, D}
              for m in ("index", "upload", "template", "batch", "progress", "commit", "files")})
OTHER.update({"CaseReportView.index": {A, S, L, I}, "CaseReportView.xlsx": {A, S, L, I}})
OTHER.update({"PortalView.index": EVERYONE, "UsccCheckView.check": EVERYONE})
ADMIN_ONLY_VIEWS = {"UserDBModelView", "RoleModelView", "UserGroupModelView", "PermissionModelView",
                    "ViewMenuModelView", "PermissionViewModelView"}
# FAB 5.3 ships these three as list-only pages.
FAB_READ_ONLY = {"PermissionModelView", "ViewMenuModelView", "PermissionViewModelView"}
CLOSED = {"closed"}  # answered 404 for every role
# Views that offer no action at all: every action request is refused (400).
NO_ACTIONS = ADMIN_ONLY_VIEWS | {"ThreeDeterminationsView", "QuotaAllocationView", "QuotaLedgerEntryView",
                                 "AuditLogView", "CaseAttachmentView", "CaseEvaluationView", "WorkflowView",
                                 "WorkflowHistoryView", "CountersignatureView"}
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
