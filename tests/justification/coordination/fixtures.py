"""Factories for the coordination list, through the real services inside ``transaction()``."""
from __future__ import annotations

import datetime as dt

from app.core.db import transaction
from app.extensions import db
from app.justification.coordination import services
from app.justification.coordination.models import CoordinationItem, Milestone
from app.office.models import OfficeDivision
from tests.office.fixtures import new_division


def new_item(title="党政机构改革", due=dt.date(2026, 12, 31), milestones=(), lead=None, co=()) -> int:
    with transaction():
        lead = lead or new_division(f"d{title}", f"{title}牵头处")
        item = services.create_item(CoordinationItem(
            title=title, lead_leader="办主任", lead_division_id=lead, due_on=due,
            co_divisions=[db.session.get(OfficeDivision, d) for d in co]))
        for name, done in milestones:
            services.save_milestone(Milestone(item_id=item.id, title=name, due_on=due, done_on=done))
        return item.id
