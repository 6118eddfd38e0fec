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
