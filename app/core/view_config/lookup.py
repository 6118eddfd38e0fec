"""The configuration a request's list follows, read once per request.

A user with several roles follows **one** configuration: that of the first of
its roles, in the fixed order ``ROLE_ORDER`` (admin, staff, leader, department,
inspector, public, then any other role by name), that has one for the resource.
Columns are not merged across roles: a union could put beside each other columns
no single role's list was designed to show, and the rule stays one line to say.
Scope never depends on it: rows are filtered by ``ScopedInterface`` whatever the
configuration says.

All the user's configurations (every resource) come in one SELECT, kept on
``flask.g`` for the rest of the request: a page with related lists, or a list
and its search form, asks the database once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from flask import g, has_request_context
from sqlalchemy import select

from app.extensions import db

_CACHE = "bianzhi_view_configs"


def role_order() -> tuple[str, ...]:
    from app.roles import ROLES

    return ("admin", *ROLES)


def role_rank(name: str) -> tuple[int, str]:
    order = role_order()
    return (order.index(name) if name in order else len(order), name)


@dataclass(frozen=True)
class Effective:
    """A saved configuration as a list applies it (None/empty: as declared)."""

    role: str
    list_columns: tuple[str, ...] = ()
    search_columns: Optional[tuple[str, ...]] = None
    order: Optional[tuple[str, str]] = None
    page_size: Optional[int] = None
    filters: tuple[tuple[str, str, str], ...] = ()
    labels: dict = field(default_factory=dict)

    def label(self, column: str, lang: str) -> Optional[str]:
        return (self.labels.get(column) or {}).get(lang) or None


def effective_of(row, role_name: str) -> Effective:
    return Effective(
        role=role_name,
        list_columns=tuple(row.list_columns or ()),
        search_columns=tuple(row.search_columns) if row.search_columns is not None else None,
        order=(row.order_column, row.order_direction or "asc") if row.order_column else None,
        page_size=row.page_size,
        filters=tuple(tuple(f) for f in row.filters or ()),
        labels=dict(row.labels or {}),
    )


def _load(user) -> dict[str, Effective]:
    """Across requests while no configuration or role has changed (``app.core.generation``)."""
    from app.core import generation

    roles = {role.id: role.name for role in user.roles}
    if not roles:
        return {}
    return generation.remember(("view_configs", tuple(sorted(roles.items()))), lambda: _read(roles))


def _read(roles: dict[int, str]) -> dict[str, Effective]:
    from app.core.view_config.models import ViewConfig

    rows = db.session.execute(select(ViewConfig).where(ViewConfig.role_id.in_(roles))).scalars().all()
    chosen: dict[str, Effective] = {}
    for row in sorted(rows, key=lambda r: role_rank(roles[r.role_id])):
        chosen.setdefault(row.resource, effective_of(row, roles[row.role_id]))
    return chosen


def effective(resource: str) -> Optional[Effective]:
    """The configuration the current user's list of ``resource`` follows, or None."""
    if not has_request_context():
        return None
    cache = g.get(_CACHE)
    if cache is None:
        from app.core.scoping import current_user

        user = current_user()
        cache = _load(user) if user is not None else {}
        setattr(g, _CACHE, cache)
    return cache.get(resource)


def forget() -> None:
    """After a save or a reset: this request's later reads see the new configuration."""
    if has_request_context():
        g.pop(_CACHE, None)
