"""The administrator's to-do: the years the calendar should hold by now and does not
(this year; from October, the next).  Without them every deadline that reaches
such a year is refused, so it is shown until the rows are entered."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.scoping import role_names
from app.core.todo import Item, Todo
from app.core.workdays.calendar import missing_years, years_wanted

LABEL = _l("Working-day calendar: years to enter")


def provider(user) -> list[Todo]:
    from flask import current_app

    if current_app.config.get("AUTH_ROLE_ADMIN", "Admin") not in role_names(user):
        return []
    missing = missing_years(years_wanted())
    return [Todo(LABEL, len(missing), "/workdaycalendarview/list/")]


def items(user) -> list[Item]:
    """Each missing year, one row (a missing year has no moment it began)."""
    from flask import current_app

    if current_app.config.get("AUTH_ROLE_ADMIN", "Admin") not in role_names(user):
        return []
    return [Item(LABEL, str(year), None, "/workdaycalendarview/list/") for year in missing_years(years_wanted())]
