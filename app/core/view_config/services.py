"""Saving and resetting a view configuration: every check here, in the writing
transaction; a refusal raises before anything is written (issue #16 §1).

A configuration chooses among the resource's own columns (``columns``), so it can
show nothing the resource's show page does not; row scope is the data interface's
and no configuration reaches it.  A role that sees ID numbers masked may list the
column (masked, by the list's formatter) but not sort, filter or search by it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from flask_appbuilder.security.sqla.models import Role
from sqlalchemy import select

from app.core.errors import ValidationFailed
from app.core.guards import value_fits
from app.core.view_config import columns as cols
from app.core.view_config.lookup import forget
from app.core.view_config.models import ViewConfig
from app.extensions import db

LABEL_LIMIT = 100
FILTER_VALUE_LIMIT = 200


@dataclass
class Draft:
    """What the admin page (or a test) submits; empty fields keep the declared value."""

    list_columns: list[str] = field(default_factory=list)
    search_columns: Optional[list[str]] = None
    order_column: Optional[str] = None
    order_direction: str = "asc"
    page_size: Optional[int] = None
    filters: list[tuple[str, str, str]] = field(default_factory=list)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)


def _role(name: str) -> Role:
    role = db.session.execute(select(Role).where(Role.name == name)).scalar_one_or_none()
    if role is None:
        raise ValidationFailed("view_config.unknown_role", role=name)
    return role


def _view(resource: str):
    view = cols.view_of(resource)
    if view is None:
        raise ValidationFailed("view_config.unknown_resource", resource=resource)
    return view


def _check_columns(view, resource_label: str, draft: Draft) -> None:
    allowed = cols.allowed_columns(view)
    listing = "、".join(cols.label_of(view, c) for c in allowed)
    seen = set()
    for column in [*draft.list_columns, *draft.labels]:
        if column not in allowed:
            raise ValidationFailed("view_config.not_a_column", resource=resource_label, column=column, allowed=listing)
    for column in draft.list_columns:
        if column in seen:
            raise ValidationFailed("view_config.duplicate_column", column=cols.label_of(view, column))
        seen.add(column)


def _check_search(view, resource_label: str, role: str, draft: Draft) -> None:
    searchable = cols.searchable_columns(view)
    listing = "、".join(cols.label_of(view, c) for c in searchable)
    used = [*(draft.search_columns or []), *(f[0] for f in draft.filters)]
    for column in used:
        if column not in searchable:
            raise ValidationFailed("view_config.not_searchable", resource=resource_label,
                                   column=cols.label_of(view, column),
                                   allowed=listing)
    masked = [c for c in [*used, draft.order_column or ""] if c in cols.MASKED_COLUMNS]
    if masked and cols.sees_masked(role):
        raise ValidationFailed("view_config.masked", role=role, column=cols.label_of(view, masked[0]))
    choices = cols.filter_choices(view)
    for column, arg_name, value in draft.filters:
        value = str(value).strip()
        known = any(arg == arg_name for arg, _label in choices.get(column, []))
        if not known or not value or len(value) > FILTER_VALUE_LIMIT or not value_fits(view.datamodel, column, value):
            raise ValidationFailed("view_config.bad_filter", column=cols.label_of(view, column),
                                   operation=arg_name, value=value[:60])


def _check_rest(view, resource_label: str, draft: Draft) -> None:
    if draft.order_column and draft.order_column not in cols.sortable_columns(view, cols.allowed_columns(view)):
        raise ValidationFailed("view_config.not_sortable", resource=resource_label,
                               column=cols.label_of(view, draft.order_column))
    if draft.order_direction not in ("asc", "desc"):
        raise ValidationFailed("view_config.not_sortable", resource=resource_label, column=draft.order_direction)
    size = draft.page_size
    if size is not None and (isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= cols.MAX_PAGE_SIZE):
        raise ValidationFailed("view_config.bad_page_size", value=size, limit=cols.MAX_PAGE_SIZE)
    for column, texts in draft.labels.items():
        if any(len(texts.get(lang) or "") > LABEL_LIMIT for lang in ("zh", "en")):
            raise ValidationFailed("view_config.bad_label", column=cols.label_of(view, column), limit=LABEL_LIMIT)


def save(resource: str, role_name: str, draft: Draft) -> ViewConfig:
    """Create or replace the configuration of ``resource`` for ``role_name``."""
    view = _view(resource)
    role = _role(role_name)
    label = str(view.list_title or resource)
    _check_columns(view, label, draft)
    _check_search(view, label, role_name, draft)
    _check_rest(view, label, draft)
    row = db.session.execute(select(ViewConfig).where(ViewConfig.resource == resource,
                                                      ViewConfig.role_id == role.id)).scalar_one_or_none()
    if row is None:
        row = ViewConfig(resource=resource, role_id=role.id)
        db.session.add(row)
    row.list_columns = list(draft.list_columns)
    row.search_columns = list(draft.search_columns) if draft.search_columns is not None else None
    row.order_column = draft.order_column or None
    row.order_direction = draft.order_direction if draft.order_column else None
    row.page_size = draft.page_size
    row.filters = [[c, a, str(v).strip()] for c, a, v in draft.filters]
    row.labels = {c: {lang: (t.get(lang) or "").strip() for lang in ("zh", "en") if (t.get(lang) or "").strip()}
                  for c, t in draft.labels.items() if any((t.get(lang) or "").strip() for lang in ("zh", "en"))}
    row.updated_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    db.session.flush()
    forget()
    return row


def reset(resource: str, role_name: str) -> int:
    """Back to the declared list: the configuration row goes; how many went (0 or 1)."""
    _view(resource)
    role = _role(role_name)
    # Through the ORM, not a bulk DELETE: the audit log records the row that went.
    row = db.session.execute(select(ViewConfig).where(ViewConfig.resource == resource,
                                                      ViewConfig.role_id == role.id)).scalar_one_or_none()
    if row is not None:
        db.session.delete(row)
        db.session.flush()
    forget()
    return int(row is not None)
