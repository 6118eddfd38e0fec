"""What waits for the office among registrations (待办): applications to receive, and
registrations between receipt and public notice — counted in SQL, within scope."""
from __future__ import annotations

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select

from app.core import scoping
from app.core.todo import Todo
from app.execution.registration.models import Registration
from app.extensions import db


def todo(user) -> list[Todo]:
    if not current_app.appbuilder.sm.has_access("can_advance", "Registration"):
        return []
    stmt = select(func.coalesce(func.sum(case((Registration.step == "applied", 1), else_=0)), 0),
                  func.coalesce(func.sum(case((Registration.step.not_in(("applied", "announced")), 1), else_=0)), 0))
    waiting, moving = db.session.execute(scoping.apply(Registration, stmt)).one()
    url = url_for("RegistrationView.list")
    return [Todo(_l("Registrations waiting for receipt"), int(waiting), url + "?_flt_0_step=applied"),
            Todo(_l("Registrations between receipt and notice"), int(moving), url)]
