"""What waits for the office among registrations (待办): applications to receive, and
registrations between receipt and public notice — counted in SQL, within scope."""
from __future__ import annotations

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select

from app.core import scoping
from app.core.resources import choice_label
from app.core.todo import Item, Todo
from app.execution.registration.labels import CHOICES
from app.execution.registration.models import Registration
from app.extensions import db
from app.quota.models import Institution

WAITING = Registration.step == "applied"
MOVING = Registration.step.not_in(("applied", "announced"))
LABELS = (_l("Registrations waiting for receipt"), _l("Registrations between receipt and notice"))


def todo(user) -> list[Todo]:
    if not current_app.appbuilder.sm.has_access("can_advance", "Registration"):
        return []
    stmt = select(func.coalesce(func.sum(case((WAITING, 1), else_=0)), 0),
                  func.coalesce(func.sum(case((MOVING, 1), else_=0)), 0))
    waiting, moving = db.session.execute(scoping.apply(Registration, stmt)).one()
    url = url_for("RegistrationView.list")
    return [Todo(LABELS[0], int(waiting), url + "?_flt_0_step=applied"), Todo(LABELS[1], int(moving), url)]


def items(user) -> list[Item]:
    """The same registrations, one row each (unit and matter), since their last step."""
    if not current_app.appbuilder.sm.has_access("can_advance", "Registration"):
        return []
    since = func.coalesce(Registration.issued_at, Registration.approved_at, Registration.reviewed_at,
                          Registration.accepted_at, Registration.applied_at)
    stmt = (select(Registration.id, Registration.matter, Institution.name, since, WAITING)
            .join(Institution, Institution.id == Registration.institution_id)
            .where(WAITING | MOVING).order_by(Registration.id))
    matter = choice_label(CHOICES["matter"])
    return [Item(LABELS[0] if waiting else LABELS[1], f"{name} · {matter(kind)}", at,
                 url_for("RegistrationView.show", pk=pk))
            for pk, kind, name, at, waiting in db.session.execute(scoping.apply(Registration, stmt))]
