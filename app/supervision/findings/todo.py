"""待办: findings waiting for the user, counted in SQL within the user's scope —
a department answers its open findings, the office confirms the answered ones."""
from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.core import scoping
from app.core.todo import Todo
from app.extensions import db
from app.supervision.findings.models import Finding


def todo(user) -> list[Todo]:
    from flask import current_app

    if not current_app.appbuilder.sm.has_access("can_transition", "Finding"):
        return []
    state = "open" if scoping.current_scope() is not None else "rectifying"
    stmt = scoping.apply(Finding, select(func.count(Finding.id)).where(Finding.state == state))
    count = db.session.execute(stmt).scalar_one()
    label = _l("Findings to rectify") if state == "open" else _l("Rectifications to confirm")
    return [Todo(label, count, url_for("FindingView.list") + f"?_flt_0_state={state}")]
