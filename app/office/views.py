"""Views and REST APIs of the office's divisions and task forces (one ``Resource`` each)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.resources import CATEGORIES, CHOICES, LABELS, Resource, register_resources
from app.office import models as m

LABELS.update({
    "description": _l("Description"), "purpose": _l("Purpose"), "lead_division": _l("Lead division"),
    "task_force": _l("Task force"), "is_lead": _l("Task force lead"),
})
CHOICES.update({
    "task_force_status": [("active", _l("Active")), ("dissolved", _l("Dissolved"))],
})
CATEGORIES.update({"Office": (_l("Office divisions"), "fa-users")})

DIVISION = {"division": _l("Office division")}

RESOURCES: list[Resource] = [
    Resource(m.OfficeDivision, "OfficeDivision", _l("Office divisions"), "Office",
             ["code", "name", "name_en", "sort"], ["code", "name", "name_en", "description", "sort"],
             ["code", "name", "name_en", "description", "sort"], search_columns=["code", "name"],
             order=("sort", "asc"), related=("DivisionMember",)),
    Resource(m.DivisionMember, "DivisionMember", _l("Division members"), "Office",
             ["division", "user"], ["division", "user"], ["division", "user"], search_columns=["division", "user"],
             labels=DIVISION),
    Resource(m.TaskForce, "TaskForce", _l("Task forces"), "Office",
             ["name", "lead_division", "established_on", "status"],
             ["name", "purpose", "lead_division", "established_on", "status"],
             ["name", "purpose", "lead_division", "established_on", "status"],
             search_columns=["name", "status", "lead_division"], choices={"status": "task_force_status"},
             related=("TaskForceMember",)),
    Resource(m.TaskForceMember, "TaskForceMember", _l("Task force members"), "Office",
             ["task_force", "user", "division", "is_lead"], ["task_force", "user", "division", "is_lead"],
             ["task_force", "user", "division", "is_lead"], search_columns=["task_force", "division", "user"],
             labels={"division": _l("Drawn from division")}),
]


def register(appbuilder) -> None:
    register_resources(appbuilder, RESOURCES)
