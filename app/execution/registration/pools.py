"""Registration as the spot checks' target pool (双随机: 检查对象名录库).

The pool is the registered institutions: active units that hold a unified social
credit code (登记 / 赋码) and were not deregistered through a 注销 or 简易注销 that
has been issued.  Registered here, it wins over the spot checks' default (the
institution register, ``app.core.target_pools``); the spot checks do not know
this package exists."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import select

from app.core import target_pools
from app.execution.registration import rules
from app.execution.registration.models import Registration
from app.extensions import db
from app.quota.models import Institution

NAME = "registration"


def registered_institutions(year: int, root_id: Optional[int]) -> list:
    """(id, name) of every registered, active unit (under ``root_id`` when the plan is targeted)."""
    deregistered = select(Registration.id).where(
        Registration.institution_id == Institution.id, Registration.matter.in_(rules.CANCELLING_MATTERS),
        Registration.step.in_(("issued", "announced"))).exists()
    stmt = select(Institution.id, Institution.name).where(
        Institution.status == "active", Institution.uscc.is_not(None), ~deregistered)
    if root_id is not None:
        root = db.session.get(Institution, root_id)
        stmt = stmt.where(Institution.path.startswith(root.path, autoescape=True)) if root is not None \
            else stmt.where(False)
    return [tuple(r) for r in db.session.execute(stmt)]


def register() -> None:
    target_pools.register(NAME, registered_institutions)
