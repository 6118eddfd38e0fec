"""Views and REST APIs of the coordination list and its milestones; overdue items flagged."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.labels import COMMON, merge
from app.core.resources import Resource, register_category, register_resources
from app.justification.coordination import models as m
from app.justification.coordination.labels import CATALOGUE, CHOICES
from app.office.labels import CATALOGUE as OFFICE

LABELS = merge(COMMON, OFFICE, CATALOGUE)



def overdue_flag(value) -> str:
    """Plain text (the xlsx export uses the same formatter as the page)."""
    return "⚠ " + str(_l("Overdue")) if value else ""


ITEM_COLUMNS = ["title", "description", "lead_leader", "lead_division", "co_divisions", "task_force", "due_on"]

RESOURCES: list[Resource] = [
    Resource(m.CoordinationItem, "CoordinationItem", _l("Top-level coordination list"), "Justification",
             ["title", "lead_leader", "lead_division", "due_on", "status", "overdue"],
             ITEM_COLUMNS, ITEM_COLUMNS + ["status", "closing_note"],
             show_columns=ITEM_COLUMNS + ["status", "overdue", "closed_on", "closing_note"],
             search_columns=["title", "lead_leader", "status", "due_on", "lead_division"], order=("due_on", "asc"),
             choices={"status": CHOICES["coordination_status"]}, formatters={"overdue": overdue_flag},
             # co_divisions stays out of the API's GET schema: two relations to OfficeDivision
             # give two nested schemas of one name (an apispec warning); POST/PUT take its ids.
             computed=("overdue", "co_divisions"), related=("Milestone",)),
    Resource(m.Milestone, "Milestone", _l("Milestones"), "Justification",
             ["item", "title", "due_on", "done_on"], ["item", "title", "due_on", "done_on"],
             ["item", "title", "due_on", "done_on"], search_columns=["item", "title", "due_on", "done_on"],
             order=("due_on", "asc")),
]


def register(appbuilder) -> None:
    register_category("Justification", _l("Justification"), "fa-balance-scale")
    register_resources(appbuilder, RESOURCES, LABELS)
