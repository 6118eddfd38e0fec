"""Columns a resource gains at run time (issue #16 §2, the extra fields): the extension
point the generic doors (``app.core.views`` forms, show page and export; ``app.core.crud``
writes) call, so they need not import what extends them.

An extension implements any of:

* ``form_class(view, form_class, item)`` → (a form class with its fields added, their
  names); ``item`` is ``None`` on an add form;
* ``fill_form(view, form, item)``: an edit form's added fields, from the row;
* ``collect(view, form)`` → what to hand the row's write (``item.extra_values``);
* ``after_write(kind, item)``: inside the row's transaction, after its service;
* ``show_values(view, item)`` → [(name, label, text)] for the show page;
* ``export_values(view, items)`` → (headers, {row id: [texts]}) for the xlsx export;
* ``narrow_query(model, query)`` → the scoped query of a list, its count and its export,
  narrowed by the request's own filter arguments;
* ``api_values(api, pk)`` → what GET /<pk> adds to its result.
"""
from __future__ import annotations

EXTENSIONS: list = []


def register(extension) -> None:
    if extension not in EXTENSIONS:
        EXTENSIONS.append(extension)


def each(method: str):
    """The registered extensions' ``method``s, in order."""
    return [getattr(ext, method) for ext in EXTENSIONS if hasattr(ext, method)]
