"""Column labels and choice lists: each domain keeps its own, each resource merges
the ones it shows.

A domain declares one ``Catalogue`` in ``<domain>/labels.py``: its labels
(column -> English msgid; Chinese comes from app/translations) and its choice
lists (kind -> [(stored value, label)]).  Its views build the labels of their
resources with ``merge`` from the catalogues they draw on — core's ``COMMON``,
the domain's own and those of the domains below whose columns they show (cases
show quota's ``institution``, ``quota_type`` …) — and a resource that words a
column its own way says so in its ``Resource(labels=…)``.

``merge`` refuses a key two catalogues word differently, and a test holds every
catalogue to the same rule: one column name, one label, in every domain.  (With
one process-wide dict, the last domain imported won: the cases' "kind" showed
the hearings' "形式".)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Catalogue:
    domain: str
    labels: dict[str, Any]
    choices: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)


def _text(label) -> str:
    """A lazy label's msgid (what the translation is looked up by)."""
    return getattr(label, "_args", (label,))[0] if not isinstance(label, str) else label


def conflicts(catalogues) -> list[str]:
    """Every label key or choice kind that two catalogues give different texts."""
    labels: dict[str, tuple[str, str]] = {}
    choices: dict[str, tuple[str, list]] = {}
    out = []
    for cat in catalogues:
        for key, label in cat.labels.items():
            seen = labels.setdefault(key, (cat.domain, _text(label)))
            if seen[1] != _text(label):
                out.append(f"label {key!r}: {seen[0]} says {seen[1]!r}, {cat.domain} says {_text(label)!r}")
        for kind, pairs in cat.choices.items():
            texts = [(value, _text(label)) for value, label in pairs]
            seen = choices.setdefault(kind, (cat.domain, texts))
            if seen[1] != texts:
                out.append(f"choices {kind!r}: {seen[0]} and {cat.domain} list different values or texts")
    return out


def merge(*catalogues: Catalogue) -> dict[str, Any]:
    """The labels of a domain's resources, from the catalogues they draw on; a key
    that two of them word differently is an error, not a silent override."""
    found = conflicts(catalogues)
    if found:
        raise ValueError("conflicting labels: " + "; ".join(found))
    merged: dict[str, Any] = {}
    for cat in catalogues:
        merged.update(cat.labels)
    return merged


# Columns every domain names the same way.
COMMON = Catalogue("app.core", {
    "code": _l("Code"), "name": _l("Name"), "name_en": _l("English name"), "sort": _l("Order"),
    "status": _l("Status"), "description": _l("Description"), "title": _l("Title"), "user": _l("User"),
    "actor": _l("Actor"), "created_at": _l("Recorded at"),
})


# model -> its columns' labels, as its resource declares them (set by
# ``app.core.resources.register_resources``): refusals that name a column use them.
COLUMN_LABELS: dict[type, dict[str, Any]] = {}


def column_label(model: type, key: str) -> str:
    """A column's label in the request's language, its name when none is declared."""
    return str(COLUMN_LABELS.get(model, {}).get(key, key))
