"""A stored reference to the row a use case wrote (``quota_ledger:834``,
``institution:12:merged_into:15``, ``power_implementation:7:devolved_to:9``) as a
Chinese reader reads it: what it is, linked to that row, and what happened
(issue #11: "results linked to the row they created").  The stored text stays as
it is; only its display changes.  Domains name their row types here by
``register``; an unknown prefix is shown as stored.
"""
from __future__ import annotations

import re

from flask import url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

# row type -> (label, show endpoint)
_TYPES: dict[str, tuple] = {}
# what happened -> label
_EVENTS = {
    "revoked": _l("revoked"), "merged_into": _l("merged into"), "renamed": _l("renamed"), "removed": _l("removed"),
    "cancelled": _l("cancelled"), "devolved_to": _l("devolved to"), "modified": _l("modified"),
}
_PART = re.compile(r"([a-z_]+):(\d+)")


def register(row_type: str, label, endpoint: str) -> None:
    _TYPES[row_type] = (label, endpoint)


def _link(row_type: str, pk: str) -> Markup:
    label, endpoint = _TYPES[row_type]
    try:
        href = url_for(endpoint, pk=int(pk))
    except Exception:  # the view is not installed: the label without a link
        return Markup("{} #{}").format(label, pk)
    return Markup('<a href="{}">{} #{}</a>').format(href, label, pk)


def reference_label(value) -> Markup | str:
    """``quota_ledger:834`` → 编制台账 #834 (a link); ``institution:12:merged_into:15`` →
    机构 #12 并入 机构 #15; a trailing ``(name)`` kept as it is."""
    if not value:
        return ""
    text = str(value)
    head = _PART.match(text)
    if head is None or head.group(1) not in _TYPES:
        return text
    out, row_type, rest = [_link(head.group(1), head.group(2))], head.group(1), text[head.end():]
    for part in filter(None, re.split(r":", rest.split(" (", 1)[0])):
        if part.isdigit():
            out.append(_link(row_type, part))
        elif part in _EVENTS:
            out.append(escape(_EVENTS[part]))
    if " (" in rest:
        out.append(escape("(" + rest.split(" (", 1)[1]))
    return Markup(" ").join(out)
