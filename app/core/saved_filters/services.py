"""The saved filters' use cases; every check is here, inside the caller's transaction.

A saved filter holds list arguments only.  They are validated against the list
they belong to on save and again on use (``app.core.guards.bad_list_arg``, the
check every hand-made list URL passes), and the list they open applies the
viewer's scope at read: a filter shared by a staff member shows a department
user its own rows only.
"""
from __future__ import annotations

from typing import Iterable, Optional
from urllib.parse import parse_qsl, urlencode

from flask import current_app
from sqlalchemy import or_, select

from app.core.errors import DomainError, ScopeViolation
from app.core.guards import bad_list_arg, view_named
from app.core.saved_filters.models import SavedFilter
from app.extensions import db

PERMISSION = "SavedFilter"
NAME_MAX = 100
# The list arguments a filter keeps: filters, the order column and its direction.
KEPT_PREFIXES = ("_flt_", "_oc_", "_od_")


def list_view(view_name: str):
    """The registered list view named ``view_name`` (a domain's ``…View`` with filters)."""
    from app.core.views import DomainModelView

    view = view_named(view_name)
    if not isinstance(view, DomainModelView):
        raise DomainError("saved_filter.not_a_list", view=view_name[:60])
    return view


def _may(user, permission: str, view_menu: str) -> bool:
    """Whether one of ``user``'s roles holds the permission: the security manager's
    question, answered from the roles' permissions read once per request (walking
    ``role.permissions`` loaded each pair's permission and view one by one)."""
    role_ids = [role.id for role in getattr(user, "roles", []) or []]
    return bool(role_ids) and current_app.appbuilder.sm.exist_permission_on_roles(view_menu, permission, role_ids)


def may_share(user) -> bool:
    return _may(user, "can_share", PERMISSION)


def clean_args(view, pairs: Iterable[tuple[str, str]]) -> str:
    """The filter and sort arguments of ``pairs``, validated on ``view``'s list and
    URL-encoded; paging and anything else dropped.  A bad one is refused, named."""
    own = type(view).__name__
    kept = []
    for name, value in pairs:
        if not name.startswith(KEPT_PREFIXES):
            continue
        if name.startswith(("_oc_", "_od_")) and name[4:] != own:
            continue  # another list's sort (a related view on the same page)
        if bad_list_arg(view, name, value):
            raise DomainError("saved_filter.bad_argument", name=name[:60], value=value[:60])
        kept.append((name, value))
    return urlencode(kept)


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > NAME_MAX:
        raise DomainError("saved_filter.name_required")
    return name


def _refuse_taken(owner_id: int, view_name: str, name: str, but: Optional[int] = None) -> None:
    clash = db.session.execute(select(SavedFilter.id).where(
        SavedFilter.owner_id == owner_id, SavedFilter.view_name == view_name, SavedFilter.name == name,
        SavedFilter.id != (but or 0))).first()
    if clash:
        raise DomainError("saved_filter.name_taken", name=name)


def save(user, view_name: str, name: str, pairs: Iterable[tuple[str, str]]) -> SavedFilter:
    view = list_view(view_name)
    if not _may(user, "can_read", view.class_permission_name):
        raise ScopeViolation("saved_filter.not_a_list", view=view_name[:60])
    name = _check_name(name)
    args = clean_args(view, pairs)
    if not args:
        raise DomainError("saved_filter.empty")
    _refuse_taken(user.id, view_name, name)
    row = SavedFilter(name=name, view_name=view_name, args=args, owner_id=user.id)
    db.session.add(row)
    db.session.flush()
    return row


def visible_to(user, view_name: Optional[str] = None, *, managing: bool = True):
    """The query of the filters ``user`` sees: its own and those shared with one of
    its roles; on the managing page an administrator, who shares them, sees every
    one (``managing=False``: beside a list, where it sees its own and shared ones)."""
    query = select(SavedFilter).order_by(SavedFilter.view_name, SavedFilter.name, SavedFilter.id)
    if view_name is not None:
        query = query.where(SavedFilter.view_name == view_name)
    if managing and may_share(user):
        return query
    role_ids = [role.id for role in getattr(user, "roles", []) or []]
    return query.where(or_(SavedFilter.owner_id == user.id, SavedFilter.shared_role_id.in_(role_ids)))


def get_visible(user, filter_id: int) -> SavedFilter:
    row = db.session.execute(visible_to(user).where(SavedFilter.id == filter_id)).scalar_one_or_none()
    if row is None:
        raise DomainError("saved_filter.not_found", id=filter_id)
    return row


def _get_own(user, filter_id: int) -> SavedFilter:
    row = get_visible(user, filter_id)
    if row.owner_id != user.id and not may_share(user):
        raise ScopeViolation("saved_filter.not_owner", name=row.name)
    return row


def use(user, filter_id: int) -> str:
    """The list URL the saved filter opens, its arguments checked again (the list
    may have changed since it was saved)."""
    from flask import url_for

    row = get_visible(user, filter_id)
    view = list_view(row.view_name)
    if not _may(user, "can_read", view.class_permission_name):
        raise DomainError("saved_filter.not_found", id=filter_id)
    args = clean_args(view, parse_qsl(row.args, keep_blank_values=True))
    return url_for(f"{row.view_name}.list") + (f"?{args}" if args else "")


def rename(user, filter_id: int, name: str) -> SavedFilter:
    row = _get_own(user, filter_id)
    name = _check_name(name)
    _refuse_taken(row.owner_id, row.view_name, name, but=row.id)
    row.name = name
    db.session.flush()
    return row


def delete(user, filter_id: int) -> None:
    row = _get_own(user, filter_id)
    db.session.delete(row)
    db.session.flush()


def share(user, filter_id: int, role_id: Optional[int]) -> SavedFilter:
    """Share with one role (``None``: with nobody again); administrators only."""
    if not may_share(user):
        raise ScopeViolation("saved_filter.share_forbidden")
    row = get_visible(user, filter_id)
    if role_id is not None:
        role_model = current_app.appbuilder.sm.role_model
        if db.session.get(role_model, role_id) is None:
            raise DomainError("saved_filter.unknown_role", id=role_id)
    row.shared_role_id = role_id
    db.session.flush()
    return row


def owner_names(rows: list[SavedFilter]) -> dict[int, str]:
    """Each filter's owner by display name (issue #11: no login names on screen)."""
    from app.core.actors import actor_label

    user_model = current_app.appbuilder.sm.user_model
    ids = {r.owner_id for r in rows}
    if not ids:
        return {}
    return {uid: actor_label(name) for uid, name in db.session.execute(
        select(user_model.id, user_model.username).where(user_model.id.in_(ids)))}
