"""What a view configuration may choose from: the resource's own columns, nothing else.

The choices come from the built view (``<Name>View``), so a configuration names
only what the resource already shows on its list or show page, each with the
formatter that page uses (an ID number keeps its mask); filters and searchable
columns come from the declared search columns, whose FAB filters exist.
"""
from __future__ import annotations

from typing import Any

from flask import current_app

# Columns shown masked to the roles not in ``ID_NUMBER_FULL_ROLES``: a role that sees
# them masked may show them (masked) but never sort, filter or search by them, which
# would reveal the digits the mask hides.
MASKED_COLUMNS = {"id_number"}
FULL_VIEW_SETTING = "ID_NUMBER_FULL_ROLES"
MAX_PAGE_SIZE = 100  # the list URL's own limit (app.core.guards.LIST_ARG_LIMITS)


def view_of(resource: str):
    """The built CRUD view of ``resource`` (None for an unknown name)."""
    from app.core.guards import view_named

    return view_named(f"{resource}View")


def allowed_columns(view) -> list[str]:
    """The list's columns, then the show page's others, in the declared order."""
    return list(dict.fromkeys([*view.list_columns, *(view.show_columns or [])]))


def sortable_columns(view, columns) -> list[str]:
    return list(view.datamodel.get_order_columns_list(list_columns=list(columns)))


def searchable_columns(view) -> list[str]:
    return list(view.search_columns)


def filter_choices(view) -> dict[str, list[tuple[str, Any]]]:
    """column -> [(filter arg name, filter label)] for every searchable column."""
    offered = view._filters.get_search_filters()
    return {col: [(flt.arg_name, flt.name) for flt in offered.get(col, [])] for col in searchable_columns(view)}


def sees_masked(role_name: str) -> bool:
    return role_name not in set(current_app.config.get(FULL_VIEW_SETTING, ()))


def label_of(view, column: str) -> str:
    return str(view.label_columns.get(column, column))
