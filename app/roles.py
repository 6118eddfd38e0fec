"""Roles and their default permissions, seeded into FAB's tables.

Permissions are per resource (FAB ``class_permission_name``) and per operation
(``can_read`` / ``can_write`` / ``can_delete``), shared by the web view and the
REST API of that resource.  ``sync_security()`` runs after every migration
(``flask db upgrade``), at ``flask roles sync`` and in ``flask demo``.  Each domain
declares the defaults of its own resources (``<domain>/roles.py``) and merges
them here with ``register`` from its ``init_app``:

* every view's permissions exist (FAB's ``add_permissions``);
* every role below exists; a role created now gets all its defaults;
* a permission that did not exist before this sync is granted to the roles
  whose defaults name it — permissions an administrator removed from an
  existing role stay removed (the roles are editable in 安全 → 角色列表).
"""
from __future__ import annotations

import logging

from flask import current_app

log = logging.getLogger(__name__)

R, W, D = "read", "write", "delete"
ROLES = ("staff", "leader", "department", "inspector", "public")

# role -> {resource: operations}, merged from every domain's fragment
# (``register``).  ``admin`` gets every permission from FAB; ``public`` none.
ROLE_DEFAULTS: dict[str, dict[str, tuple[str, ...]]] = {role: {} for role in ROLES}

ROLE_LABELS = {
    "admin": ("系统管理员", "Administrator"),
    "staff": ("处室经办人", "Office staff"),
    "leader": ("办领导", "Leader"),
    "department": ("单位填报员", "Department user"),
    "inspector": ("检查人员", "Inspector"),
    "public": ("公众", "Public"),
}



def role_label(name: str) -> str:
    """A role as people read it, in the request's language (系统管理员 / Administrator);
    a role an administrator added shows its own name."""
    from flask import has_request_context, session

    pair = ROLE_LABELS.get(name)
    english = has_request_context() and str(session.get("locale") or "").startswith("en")
    return (pair[1] if english else pair[0]) if pair else name


# FAB's own user-facing permissions every logged-in role needs.
SELF_SERVICE = {
    ("can_userinfo", "UserDBModelView"),
    ("resetmypassword", "UserDBModelView"),
    ("can_this_form_get", "ResetMyPasswordView"),
    ("can_this_form_post", "ResetMyPasswordView"),
    ("can_this_form_get", "UserInfoEditView"),
    ("can_this_form_post", "UserInfoEditView"),
}
# Menu links that belong to a resource (shown to those who may read it).
MENU_LINKS: dict[str, str] = {}
# A menu category is shown to a role that can read something inside it.
MENU_CATEGORIES: dict[str, set[str]] = {}


def register(defaults: dict[str, dict[str, tuple[str, ...]]], *, menu_categories=None, menu_links=None) -> None:
    """Merge one domain's fragment into the defaults.

    ``defaults``: role -> {resource: operations}; ``menu_categories``: category ->
    the domain's resources shown in it; ``menu_links``: menu link -> resource.
    A resource is granted by the domain that declares it: the same role and
    resource from two fragments with other operations is an error.
    """
    for role, grants in defaults.items():
        merged = ROLE_DEFAULTS[role]  # an unknown role is an error too
        for resource, ops in grants.items():
            if merged.get(resource, ops) != ops:
                raise ValueError(f"role {role}: {resource} granted twice, as {merged[resource]} and {ops}")
            merged[resource] = ops
    for category, resources in (menu_categories or {}).items():
        MENU_CATEGORIES.setdefault(category, set()).update(resources)
    for link, resource in (menu_links or {}).items():
        if MENU_LINKS.get(link, resource) != resource:
            raise ValueError(f"menu link {link} belongs to {MENU_LINKS[link]}, not {resource}")
        MENU_LINKS[link] = resource


def _wanted(role: str, perm: str, view: str) -> bool:
    if role == "public":
        return False
    grants = ROLE_DEFAULTS.get(role, {})
    if (perm, view) in SELF_SERVICE:
        return True
    if perm == "menu_access":
        resource = MENU_LINKS.get(view) or (view[: -len("List")] if view.endswith("List") else view)
        return resource in grants or any(res in grants for res in MENU_CATEGORIES.get(view, ()))
    ops = grants.get(view, ())
    return perm in {f"can_{op}" for op in ops}


def sync_security() -> dict[str, int]:
    """Create permissions and roles; grant defaults for new roles and new permissions."""
    appbuilder = current_app.appbuilder
    sm = appbuilder.sm
    session = sm.session
    PV = sm.permissionview_model
    before = {pv.id for pv in session.query(PV).all()}
    # FAB grants each new permission to the admin role as it creates it.
    admin = sm.find_role(sm.auth_role_admin) or sm.add_role(sm.auth_role_admin)
    appbuilder.add_permissions(update_perms=True)
    all_pvs = session.query(PV).all()
    # The administrator holds everything, including permissions added later.
    for pv in all_pvs:
        if pv not in admin.permissions:
            admin.permissions.append(pv)
    granted = 0
    for name in ROLES:
        role = sm.find_role(name)
        created = role is None
        if created:
            role = sm.add_role(name)
        for pv in all_pvs:
            if (created or pv.id not in before) and pv not in role.permissions:
                if _wanted(name, pv.permission.name, pv.view_menu.name):
                    role.permissions.append(pv)
                    granted += 1
    session.commit()
    return {"permissions": len(all_pvs), "granted": granted}


def refuse_demo_passwords(app) -> None:
    """Production must not start while a demo account still has the demo password."""
    from sqlalchemy import inspect, select
    from werkzeug.security import check_password_hash

    from app.extensions import db

    with app.app_context():
        try:
            if not inspect(db.engine).has_table("ab_user"):
                return
            User = app.appbuilder.sm.user_model
            rows = db.session.execute(select(User.username, User.password)).all()
        finally:
            db.session.remove()
    for username, pw_hash in rows:
        if pw_hash and check_password_hash(pw_hash, app.config["DEMO_PASSWORD"]):
            raise RuntimeError(
                f"生产环境拒绝启动: 账号 {username} 仍在使用演示密码 / "
                f"production refuses to start: account {username} still has the demo password"
            )

