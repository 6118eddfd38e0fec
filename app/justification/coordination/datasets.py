"""The coordination list's dataset for charts (``app.core.datasets``): items by
status, by lead division, and overdue (past due and not closed, as ``is_overdue``)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func

from app.core.datasets import Dataset, Dimension, register
from app.justification.coordination.labels import CHOICES
from app.justification.coordination.models import CoordinationItem
from app.office.models import OfficeDivision

OVERDUE = case(((CoordinationItem.status != "closed") & (CoordinationItem.due_on < func.current_date()), "overdue"),
               else_="on_time")

ITEMS = Dataset(
    "coordination_items", _l("Top-level coordination list"), CoordinationItem, "CoordinationItem",
    (Dimension("status", _l("Status"), CoordinationItem.status, drill=("CoordinationItemView.list", "_flt_3_status"),
               labels=dict(CHOICES["coordination_status"])),
     Dimension("lead_division", _l("Lead division"), OfficeDivision.id, OfficeDivision.name,
               ("CoordinationItemView.list", "_flt_0_lead_division")),
     Dimension("overdue", _l("Overdue"), OVERDUE, labels={"overdue": _l("Overdue"), "on_time": _l("On time")}),
     Dimension("due_on", _l("Due on"), CoordinationItem.due_on)),
    (),
    lambda stmt: stmt.join(OfficeDivision, CoordinationItem.lead_division_id == OfficeDivision.id),
    "CoordinationItemView.list", _l("items"))


def register_all() -> None:
    register(ITEMS)
