"""Who and what, as a user reads it: the audit log's and the ledger's internal codes
(``user:leader``, ``cli:demo``, ``create`` / ``transition``, ``UserSession``) shown as
labels — the user's display name, 系统（演示数据）, 新增 / 流转, the list's own title.

The stored values stay as they are (the audit chain hashes them); only the pages
read them through these formatters.  Display names are looked up once per request,
all users in one query (an office has hundreds), so a list page does not query per row.
"""
from __future__ import annotations

from flask import g, has_request_context
from flask_babel import lazy_gettext as _l

ACTIONS = {
    "create": _l("Add"), "update": _l("Modified"), "delete": _l("Delete"), "transition": _l("Transition"),
    "import": _l("Import"),
}
# command-line and scheduler actors by their name after the colon
SYSTEM_ACTORS = {"cli:demo": _l("System (demo data)")}
# the demo's own loaders (``seed:verification`` …): all of them are the demo's data
SEED_PREFIX = "seed:"


def action_label(value):
    return ACTIONS.get(value, value) if value else ""


def _display_names() -> dict[str, str]:
    """login -> display name (the given and family names as entered, else the login)."""
    cached = g.get("_bianzhi_display_names") if has_request_context() else None
    if cached is not None:
        return cached
    from flask_appbuilder.security.sqla.models import User
    from sqlalchemy import select

    from app.extensions import db

    names = {username: f"{first or ''}{last or ''}".strip() or username
             for username, first, last in db.session.execute(select(User.username, User.first_name, User.last_name))}
    if has_request_context():
        g._bianzhi_display_names = names
    return names


def actor_label(value) -> str:
    """Anyone who acted, as a user reads them: ``user:<login>``, a bare login (the workflow's
    history, attachments) or a user row as the user's display name; the CLI, the scheduler
    and the system as 系统（…）.  The one formatter every page that shows an actor uses."""
    if not value:
        return ""
    if hasattr(value, "username"):  # a user row (a countersignature's user, a case's author)
        value = value.username
    value = str(value)
    if value in SYSTEM_ACTORS:
        return str(SYSTEM_ACTORS[value])
    if value.startswith(SEED_PREFIX):
        return str(SYSTEM_ACTORS["cli:demo"])
    kind, _, name = value.partition(":")
    if kind == "user" and name:
        return _display_names().get(name, name)
    if kind == "scheduler":
        return str(_l("System (scheduled verification)"))
    if kind == "cli":
        return str(_l("System (command %(name)s)", name=name))
    if value == "system":
        return str(_l("System"))
    return _display_names().get(value, value)  # a bare login


def object_type_label(value) -> str:
    """A model's name as its list is titled (``QuotaLedgerEntry`` → 编制台账)."""
    from app.core.resources import REGISTERED

    if value == "UserSession":
        return str(_l("Login session"))
    for res in REGISTERED.values():
        if res.model.__name__ == value:
            return str(res.label)
    return value or ""


def init_app(app) -> None:
    app.jinja_env.filters["actor"] = actor_label  # templates: {{ h.actor_name|actor }}


# Keys of a snapshot that no resource's list labels: the row's own key, the tree's
# path, FAB's own tables (users, permissions), a step's delegation and escalation.
_SNAPSHOT_KEYS = {
    "id": _l("No."), "path": _l("Tree path"), "on_behalf_of": _l("On behalf of"), "escalation": _l("Escalation"),
    "inspectors": _l("Inspectors"), "label": _l("Label"), "permission": _l("Permission"),
    "view_menu": _l("View or menu"), "first_name": _l("First name"), "last_name": _l("Last name"),
    "username": _l("User name"), "email": _l("Email"), "password": _l("Password"), "login_count": _l("Login count"),
    "fail_login_count": _l("Failed login count"), "last_login": _l("Last login"), "created_on": _l("Created on"),
    "changed_on": _l("Changed on"), "created_by": _l("Created by"), "changed_by": _l("Changed by"),
}


def _column_labels() -> dict[str, str]:
    """Every column's label as the resources declare them (one wording per column
    across domains, a test holds them to it), in the request's language."""
    from app.core.labels import COLUMN_LABELS, COMMON

    out = {key: str(label) for key, label in {**_SNAPSHOT_KEYS, **COMMON.labels}.items()}
    for labels in COLUMN_LABELS.values():
        out.update((key, str(label)) for key, label in labels.items())
    return out


def snapshot_label(text) -> str:
    """An audit snapshot (the stored JSON of column → value) as a reader reads it: each
    column by its label (``institution_id`` as 单位), times local to the minute; the
    stored text stays as it is (the chain hashes it).  Not a JSON object: as it is."""
    import json

    from app.core.localtime import localtimes_in

    if not text:
        return ""
    try:
        data = json.loads(text)
    except ValueError:
        return localtimes_in(text)
    if not isinstance(data, dict):
        return localtimes_in(text)
    labels = _column_labels()
    parts = []
    for key, value in data.items():
        base = key.removesuffix("_id").removesuffix("_fk")  # a foreign key reads as its row
        label = labels.get(key) or labels.get(base) or key
        if value is None:
            shown = "—"
        elif isinstance(value, bool):
            shown = str(_l("Yes") if value else _l("No"))
        else:
            shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        parts.append(f"{label}: {localtimes_in(shown)}")
    return "；".join(parts)
