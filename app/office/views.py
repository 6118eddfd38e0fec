"""Views and REST APIs of the office's divisions and task forces (one ``Resource`` each)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.labels import COMMON, merge
from app.core.resources import Resource, register_category, register_resources
from app.office import models as m
from app.office.labels import CATALOGUE, CHOICES

LABELS = merge(COMMON, CATALOGUE)


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
             search_columns=["name", "status", "lead_division"], choices={"status": CHOICES["task_force_status"]},
             related=("TaskForceMember",)),
    Resource(m.TaskForceMember, "TaskForceMember", _l("Task force members"), "Office",
             ["task_force", "user", "division", "is_lead"], ["task_force", "user", "division", "is_lead"],
             ["task_force", "user", "division", "is_lead"], search_columns=["task_force", "division", "user"],
             labels={"division": _l("Drawn from division")}),
]


def register(appbuilder) -> None:
    register_category("Office", _l("Office divisions"), "fa-users")
    register_resources(appbuilder, RESOURCES, LABELS)
