"""Security manager, session registry and login hardening (SPEC §9).

* FAB's "User's Statistics" chart loads Google Charts: disabled.
* Sessions are registered server-side (``user_session``): a cookie whose id is
  gone is dead, so a session dies at logout and every session of a user dies at
  a password change, even if someone kept a copy of the cookie.
* Login attempts are limited per account and address, per account, and per
  address (config.py says why three), on the web form and on
  ``/api/v1/security/login`` alike; FAB's own limit, by address alone, would
  lock out an office that shares one address.
"""
from __future__ import annotations

import datetime as dt
import secrets

from flask import current_app, request, session
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_limiter.util import get_remote_address
from flask_login import logout_user, user_logged_in, user_logged_out
from sqlalchemy import DateTime, ForeignKey, String, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from app.core.model_base import Model

SESSION_KEY = "_bianzhi_sid"


class UserSession(Model):
    __tablename__ = "user_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CredentialChange(Model):
    """When a user's password last changed: API tokens issued before it are dead."""

    __tablename__ = "credential_change"

    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), primary_key=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _user_view():
    """FAB's user pages with times read as local time to the minute (issue #11):
    the stock show page printed ``created_on`` in UTC to the microsecond."""
    from flask_appbuilder.security import views as fab_views

    from app.core.localtime import localtime

    # Named as FAB's: the class name is the permission and endpoint name the roles hold.
    class UserDBModelView(fab_views.UserDBModelView):
        formatters_columns = {**(fab_views.UserDBModelView.formatters_columns or {}),
                              **{c: localtime for c in ("created_on", "changed_on", "last_login")}}

    return UserDBModelView


def _permission_views() -> tuple[type, type, type]:
    """FAB's lists of permissions, views and their pairs, each name in words (issue #11):
    ``can_add`` → 新增, ``QuotaLedgerEntryView`` → 编制台账.  The stored names are unchanged."""
    from flask_appbuilder.security import views as fab_views

    from app.core.permission_labels import operation_label, view_label

    def labelled(base, formatters):  # named as FAB's: the class name is the permission name
        return type(base.__name__, (base,), {"formatters_columns": formatters})

    return (labelled(fab_views.PermissionModelView, {"name": operation_label}),
            labelled(fab_views.ViewMenuModelView, {"name": view_label}),
            labelled(fab_views.PermissionViewModelView, {"permission": lambda p: operation_label(p.name),
                                                         "view_menu": lambda v: view_label(v.name)}))


class BianzhiSecurityManager(SecurityManager):
    userstatschartview = None  # FAB draws it with Google Charts loaded from an external host
    userdbmodelview = _user_view()
    permissionmodelview, viewmenumodelview, permissionviewmodelview = _permission_views()

    def create_jwt_manager(self, app):
        jwt_manager = super().create_jwt_manager(app)

        @jwt_manager.token_in_blocklist_loader
        def _issued_before_password_change(_header, payload) -> bool:
            changed = self.session.get(CredentialChange, int(payload["sub"]))
            if changed is None:
                return False
            return payload["iat"] < int(changed.changed_at.replace(tzinfo=dt.timezone.utc).timestamp())

        return jwt_manager

    def load_user(self, pk):
        """The signed-in user, its roles and its groups' roles in one statement and, on a
        cookie request, whether its session is still registered (``enforce_live_session``
        reads the answer instead of asking again): four statements of every page were one
        each (issue #12).  The same statement carries the cache generation (what the roles'
        permissions, list configurations and saved filters may be answered from, see
        ``app.core.generation``) and a department user's binding (its scope): two
        statements fewer again on every page."""
        from flask import g, has_request_context
        from sqlalchemy import exists
        from sqlalchemy.orm import joinedload

        from app.core import generation, scoping

        User, Group = self.user_model, self.group_model
        stmt = select(User).where(User.id == int(pk)).options(
            joinedload(User.roles), joinedload(User.groups).joinedload(Group.roles))
        token = session.get(SESSION_KEY) if has_request_context() else None
        if token:
            stmt = stmt.add_columns(exists().where(UserSession.id == _digest(token), UserSession.user_id == User.id)
                                    .label("alive"))
        stmt = stmt.add_columns(generation.column().label("generation"))
        bound = scoping.bound_columns(User.id)
        if bound is not None:
            stmt = stmt.add_columns(bound[0].label("bound_id"), bound[1].label("bound_path"))
        row = self.session.execute(stmt).unique().first()
        if row is None or not row[0].is_active:
            return None
        found = row._mapping
        if token:
            g._bianzhi_session_alive = (int(pk), bool(found["alive"]))
        generation.seen(found["generation"])
        if bound is not None:
            scoping.remember_bound(row[0].id, found["bound_id"], found["bound_path"])
        return row[0]

    def exist_permission_on_roles(self, view_name, permission_name, role_ids) -> bool:
        """One query per request for a role set, not one per button and menu item.

        A list page asks ~30 permission questions; they are answered from the
        roles' (permission, view) pairs, fetched once and kept in ``g``.
        """
        from flask import g, has_request_context

        if not has_request_context():
            return super().exist_permission_on_roles(view_name, permission_name, role_ids)
        from app.core import generation

        key = tuple(sorted(role_ids))
        cache = g.setdefault("_bianzhi_perms", {})
        if key not in cache:
            # Across requests too, while no role or permission has changed (the generation).
            cache[key] = generation.remember(("permissions", key), lambda: self._pairs_of(key))
        return (permission_name, view_name) in cache[key]

    def _pairs_of(self, role_ids: tuple) -> frozenset:
        PV, Role = self.permissionview_model, self.role_model
        return frozenset(
            tuple(row) for row in self.session.query(self.permission_model.name, self.viewmenu_model.name)
            .select_from(Role)
            .join(Role.permissions)
            .join(PV.permission)
            .join(PV.view_menu)
            .filter(Role.id.in_(role_ids))
        )

    def is_item_public(self, permission_name, view_name) -> bool:
        """The anonymous side of the same cache: FAB reads the public role and its
        permissions (two queries) for every menu item of an anonymous page, which
        was most of the public search page's time (issue #13 §5); once a request."""
        from flask import g, has_request_context

        if not has_request_context():
            return super().is_item_public(permission_name, view_name)
        if "_bianzhi_public_perms" not in g:
            g._bianzhi_public_perms = {(p.permission.name, p.view_menu.name) for p in self.get_public_permissions()}
        return (permission_name, view_name) in g._bianzhi_public_perms

    def reset_password(self, userid, password):
        # FAB's reset form hands the id over as text (``?pk=7``); PostgreSQL
        # compares no integer column with text.
        userid = int(userid)
        super().reset_password(userid, password)
        # A changed password ends every session of that user, and every API token.
        self.session.execute(delete(UserSession).where(UserSession.user_id == userid))
        record = self.session.get(CredentialChange, userid) or CredentialChange(user_id=userid)
        record.changed_at = _utcnow()
        self.session.add(record)
        self.session.commit()
        from flask import has_request_context
        from flask_login import current_user

        # The changer's own session ends only if it was their own password (an
        # administrator resetting someone else's stays logged in).
        if has_request_context() and getattr(current_user, "id", None) == userid:
            session.pop(SESSION_KEY, None)

    @property
    def is_auth_limited(self) -> bool:
        # FAB's limit keys on the address alone; register_views puts ours in its place.
        return False

    def register_views(self):
        super().register_views()
        if not current_app.config.get("AUTH_RATE_LIMITED"):
            return
        api = next((v for v in self.appbuilder.baseviews if v.__class__.__name__ == "SecurityApi"), None)
        doors = [self.auth_view.blueprint] + ([api.blueprint] if api is not None and api.blueprint else [])
        for door in doors:
            for setting, key in LOGIN_LIMITS:
                self.limiter.limit(current_app.config[setting], key_func=key, methods=["POST"])(door)


def _login_account() -> str:
    """The account a login attempt names (form field or JSON ``username``), as
    the login compares it: a different spelling of the case is the same account."""
    name = request.form.get("username") if request.form else None
    if name is None:
        body = request.get_json(silent=True)
        name = body.get("username") if isinstance(body, dict) else None
    return str(name or "").strip().lower()[:256]


LOGIN_LIMITS = (
    ("AUTH_RATE_LIMIT", lambda: f"account+address:{_login_account()}@{get_remote_address()}"),
    ("AUTH_ACCOUNT_RATE_LIMIT", lambda: f"account:{_login_account()}"),
    ("AUTH_ADDRESS_RATE_LIMIT", lambda: f"address:{get_remote_address()}"),
)


def _digest(token: str) -> str:
    """Only a digest of the session token is stored (and so audited): a reader of
    the audit log cannot reuse it."""
    import hashlib

    return hashlib.sha256(token.encode()).hexdigest()


def _open_session(_app, user) -> None:
    from app.extensions import db

    token = secrets.token_urlsafe(32)
    db.session.add(UserSession(id=_digest(token), user_id=user.id, created_at=_utcnow()))
    db.session.commit()
    session[SESSION_KEY] = token


def _close_session(_app, user) -> None:
    from app.extensions import db

    from app.core import audit

    token = session.pop(SESSION_KEY, None)
    if token:
        # A core DELETE passes no ORM event: the logout is written into the chain here,
        # as the login's row was (the session row's digest, never the token).
        digest = _digest(token)
        db.session.execute(delete(UserSession).where(UserSession.id == digest))
        audit.record(db.session, "delete", "UserSession", audit.secret_key_id(digest), before={"user_id": user.id})
        db.session.commit()


def enforce_live_session() -> None:
    """before_request: a logged-in cookie must name a registered session."""
    from flask import g
    from flask_login import current_user

    from app.extensions import db

    if not getattr(current_user, "is_authenticated", False):
        return
    if "_user_id" not in session:  # JWT request: no cookie session to check
        return
    token = session.get(SESSION_KEY)
    known = g.pop("_bianzhi_session_alive", None)  # answered with the user's own load
    if token and known is not None and known[0] == current_user.id:
        alive = known[1]
    else:
        alive = token and db.session.execute(
            select(UserSession.id).where(UserSession.id == _digest(token), UserSession.user_id == current_user.id)
        ).first()
    if not alive:
        logout_user()
        session.clear()


def init_app(app) -> None:
    from flask_appbuilder.security.sqla.models import Group, Permission, PermissionView, Role, ViewMenu

    from app.core import generation

    # A role's permissions are cached across requests (``exist_permission_on_roles``).
    generation.watch(Role, Group, Permission, PermissionView, ViewMenu)
    user_logged_in.connect(_open_session, app)
    user_logged_out.connect(_close_session, app)
    app.before_request(enforce_live_session)
