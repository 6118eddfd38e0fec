"""Permissions as an administrator reads them (issue #11): the role form listed a wall
of ``can write on QuotaLedgerEntry``; each reads ``编制台账 · 修改`` instead — the
resource's own list title (or its menu, or its page) and the operation in words.
The stored names are unchanged: FAB and the roles match on them."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

OPERATIONS = {
    "can_read": _l("read"), "can_write": _l("change"), "can_add": _l("add"), "can_edit": _l("edit"),
    "can_delete": _l("delete"), "can_list": _l("list"), "can_show": _l("show"), "can_get": _l("read"),
    "menu_access": _l("menu entry"), "can_download": _l("download"), "can_submit": _l("submit"),
    "can_decide": _l("decide"), "can_apply": _l("apply"), "can_review": _l("review"), "can_enter": _l("enter"),
    "can_transition": _l("move on"), "can_publish": _l("publish"), "can_draw": _l("draw"), "can_run": _l("run"),
    "can_advance": _l("advance"), "can_assign_uscc": _l("assign USCC"), "can_userinfo": _l("own profile"),
    "resetmypassword": _l("reset own password"), "resetpasswords": _l("reset passwords"),
    "userinfoedit": _l("edit own profile"), "copyrole": _l("copy role"),
    "can_share": _l("share"), "can_this_form_get": _l("open the form"), "can_this_form_post": _l("send the form"),
}
# FAB's own views, which no Resource declares
FAB_VIEWS = {
    "UserDBModelView": _l("Users"), "RoleModelView": _l("Roles"), "UserGroupModelView": _l("Groups"),
    "PermissionModelView": _l("Permissions"), "ViewMenuModelView": _l("Views/Menus"),
    "PermissionViewModelView": _l("Permission on Views/Menus"), "ResetMyPasswordView": _l("Reset my password"),
    "ResetPasswordView": _l("Reset password"), "UserInfoEditView": _l("Edit user information"),
    "List Users": _l("List Users"), "List Roles": _l("List Roles"), "List Groups": _l("List Groups"),
    "Security": _l("Security"), "SwaggerView": _l("API documentation"), "OpenApi": _l("API documentation"),
    "MenuApi": _l("Menu"), "Permission on Views/Menus": _l("Permission on Views/Menus"),
    "Views/Menus": _l("Views/Menus"), "Base Permissions": _l("Base Permissions"),
    # not FAB's: the list-view configuration page (app.core.view_config), a plain page
    "ViewConfig": _l("List views"), "ViewConfigs": _l("List views"),
}


def view_label(name: str) -> str:
    from app.core.resources import CATEGORIES, REGISTERED

    for suffix in ("List", "Page", "Mine", ""):
        base = name[: -len(suffix)] if suffix and name.endswith(suffix) else name
        if base in REGISTERED:
            return str(REGISTERED[base].label)
    if name in CATEGORIES:
        return str(CATEGORIES[name][0])
    if name in FAB_VIEWS:
        return str(FAB_VIEWS[name])
    return name


def operation_label(name: str) -> str:
    """``can_add`` → 新增: an operation in words; an unknown one as it is."""
    operation = OPERATIONS.get(name)
    return str(operation) if operation is not None else name


def permission_label(pv) -> str:
    operation = OPERATIONS.get(pv.permission.name)
    return f"{view_label(pv.view_menu.name)} · {operation if operation is not None else pv.permission.name}"


def install() -> None:
    """FAB shows a permission on a view by its ``repr`` (role form, role pages)."""
    from flask_appbuilder.security.sqla.models import PermissionView

    PermissionView.__repr__ = permission_label
