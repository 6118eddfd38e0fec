"""A list's search form offers every row of a reference table (quota types, categories,
regions: 1,515 of them) as a filter's choices; reading them is one statement on every
list page.  They are kept across requests (``app.core.generation``) as plain (id, label)
pairs — never as ORM rows, which a form could attach to a record it saves — and only
for tables that are watched (a write makes them stale) and not row-scoped (every user
sees the same choices).  Add and edit forms keep FAB's own query: their choices must be
rows of the request's session."""
from __future__ import annotations

from typing import Any, NamedTuple

from wtforms.fields.core import UnboundField

from app.core import generation, scoping


class Choice(NamedTuple):
    pk: Any
    label: str

    def __str__(self) -> str:  # FAB's select shows str(row)
        return self.label


def cache_search_choices(view) -> None:
    """Give ``view``'s search form cached choices where that is safe (see the module)."""
    form = getattr(view, "search_form", None)
    if form is None:
        return
    filtered = view.search_form_query_rel_fields or {}
    for name in list(vars(form)):
        field = getattr(form, name)
        if not isinstance(field, UnboundField) or "query_func" not in field.kwargs or name in filtered:
            continue
        try:
            model = view.datamodel.get_related_model(name)
        except Exception:
            continue
        if not generation.is_watched(model) or scoping.is_scoped(model):
            continue
        field.kwargs["query_func"] = _cached(view.datamodel.get_related_interface(name), model)
        field.kwargs["get_pk_func"] = lambda choice: choice.pk


def _cached(interface, model):
    def read() -> tuple[Choice, ...]:
        return tuple(Choice(interface.get_pk_value(row), str(row)) for row in interface.query()[1])

    return lambda: list(generation.remember(("choices", model.__module__, model.__name__), read))
