"""待办: findings waiting for the user, counted in SQL within the user's scope —
a department answers its open findings, the office confirms the answered ones."""
from __future__ import annotations

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.core import scoping
from app.core.todo import Item, Todo
from app.extensions import db
from app.supervision.findings.models import Finding


def _waiting(user):
    """(the state the user acts on, its label), or None when the user acts on no finding."""
    if not current_app.appbuilder.sm.has_access("can_transition", "Finding"):
        return None
    if scoping.current_scope() is not None:
        return "open", _l("Findings to rectify")
    return "rectifying", _l("Rectifications to confirm")


def todo(user) -> list[Todo]:
    waiting = _waiting(user)
    if waiting is None:
        return []
    state, label = waiting
    stmt = scoping.apply(Finding, select(func.count(Finding.id)).where(Finding.state == state))
    count = db.session.execute(stmt).scalar_one()
    return [Todo(label, count, url_for("FindingView.list") + f"?_flt_0_state={state}")]


def items(user) -> list[Item]:
    """The same findings, one row each, since they were opened."""
    waiting = _waiting(user)
    if waiting is None:
        return []
    state, label = waiting
    stmt = scoping.apply(Finding, select(Finding.id, Finding.title, Finding.opened_on)
                         .where(Finding.state == state).order_by(Finding.id))
    return [Item(label, title, opened, url_for("FindingView.show", pk=pk))
            for pk, title, opened in db.session.execute(stmt)]
