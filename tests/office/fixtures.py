"""Factories for the office registers, through the real services inside ``transaction()``."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.core.db import transaction
from app.extensions import db
from app.office import services
from app.office.models import DivisionMember, OfficeDivision, TaskForce, TaskForceMember


def new_division(code: str, name: str, sort: int = 0) -> int:
    with transaction():
        return services.save_division(OfficeDivision(code=code, name=name, sort=sort)).id


def join(user_id: int, division_id: int) -> int:
    with transaction():
        return services.save_division_member(DivisionMember(user_id=user_id, division_id=division_id)).id


def new_task_force(name: str, lead_division_id: int, status: str = "active") -> int:
    with transaction():
        return services.save_task_force(TaskForce(name=name, lead_division_id=lead_division_id, status=status,
                                                  established_on=dt.date(2026, 3, 1))).id


def draw(task_force_id: int, user_id: int, division_id: int, is_lead: bool = False) -> int:
    with transaction():
        return services.save_task_force_member(TaskForceMember(task_force_id=task_force_id, user_id=user_id,
                                                               division_id=division_id, is_lead=is_lead)).id


def table(model) -> list[tuple]:
    """Every row of ``model``'s table, committed state: for "nothing changed" checks."""
    db.session.rollback()
    cols = list(model.__table__.columns)
    return [tuple(r) for r in db.session.execute(select(*cols).order_by(cols[0]))]


def snapshot(*models) -> dict:
    return {m.__tablename__: table(m) for m in models}
