"""A list's "starts with" and "contains" filters without ``lower()`` (issue #12 item 2).

FAB writes both as ``ilike``: ``lower(name) LIKE lower('王%')`` on SQLite, ``ILIKE`` on
PostgreSQL.  ``lower()`` defeats every index, and means nothing for a Chinese name:
at province scale "name starts with 王" counted 1,000,000 rows by scanning them.
When the text has no letter that has a case (Chinese, digits), case-insensitive and
case-sensitive matching are the same thing, so the filter is written as a prefix
(``app.core.orm.starts_with``: an index range on SQLite, ``LIKE 'x%'`` on PostgreSQL,
which ``varchar_pattern_ops`` serves) or a plain ``LIKE``.  Text with such letters
(``X`` of an ID number, Latin words) keeps FAB's case-insensitive form.  The filters
keep FAB's names and argument names, so links and saved filters mean what they meant.
"""
from __future__ import annotations

from flask_appbuilder.models.sqla import filters as fab
from flask_appbuilder.models.sqla.filters import get_field_setup_query

from app.core.orm import contains, starts_with


def _caseless(value) -> bool:
    return isinstance(value, str) and value.lower() == value.upper()


class FilterStartsWith(fab.FilterStartsWith):
    def apply(self, query, value):
        if not _caseless(value):
            return super().apply(query, value)
        query, field = get_field_setup_query(query, self.model, self.column_name)
        return query.filter(starts_with(field, value))


class FilterContains(fab.FilterContains):
    def apply(self, query, value):
        if not _caseless(value):
            return super().apply(query, value)
        query, field = get_field_setup_query(query, self.model, self.column_name)
        return query.filter(contains(field, value))


_OURS = {fab.FilterStartsWith: FilterStartsWith, fab.FilterContains: FilterContains}


class FilterConverter(fab.SQLAFilterConverter):
    conversion_table = tuple((test, [_OURS.get(f, f) for f in found])
                             for test, found in fab.SQLAFilterConverter.conversion_table)
