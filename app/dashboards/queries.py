"""Reads of the dashboards: which boards a user may open, and which is its home."""
from __future__ import annotations

from sqlalchemy import select

from app.core.scoping import role_names
from app.dashboards.models import Dashboard
from app.extensions import db


def boards_for(user) -> list[Dashboard]:
    """Administrators see every board; anyone else the boards assigned to one of its roles."""
    stmt = select(Dashboard).order_by(Dashboard.id)
    if "admin" not in role_names(user):
        stmt = stmt.where(Dashboard.roles.any(_role_in(user)))
    return list(db.session.scalars(stmt))


def may_open(user, board: Dashboard) -> bool:
    return "admin" in role_names(user) or bool(role_names(user) & {role.name for role in board.roles})


def landing_for(user):
    """The builder dashboard set as the home page of one of the user's roles (lowest id first)."""
    stmt = (select(Dashboard).where(Dashboard.landing.is_(True), Dashboard.roles.any(_role_in(user)))
            .order_by(Dashboard.id).limit(1))
    return db.session.scalars(stmt).first()


def _role_in(user):
    from flask_appbuilder.security.sqla.models import Role

    return Role.id.in_([role.id for role in user.roles])
