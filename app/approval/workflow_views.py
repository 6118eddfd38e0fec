"""The workflow definition, editable by administrators (流程配置), and its trail.

The definitions and the engine are ``app.workflow``; these settings pages are
part of 审批 and registered by the approval domain.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.labels import COMMON, merge
from app.core.resources import Resource, register_category, register_resources
from app.workflow.labels import CATALOGUE
from app.workflow.models import Countersignature, Workflow, WorkflowHistory, WorkflowState, WorkflowTransition

LABELS = merge(COMMON, CATALOGUE)

RESOURCES = [
    Resource(Workflow, "Workflow", _l("Workflows"), "WorkflowSettings",
             ["code", "name", "subject", "signoff_role", "active"],
             ["code", "name", "name_en", "subject", "signoff_role", "active"],
             ["name", "name_en", "signoff_role", "active"], delete=False),
    Resource(WorkflowState, "WorkflowState", _l("Workflow states"), "WorkflowSettings",
             ["workflow", "sort", "code", "name", "is_initial", "is_final", "editable", "countersign_divisions"],
             ["workflow", "sort", "code", "name", "name_en", "is_initial", "is_final", "editable",
              "countersign_divisions"],
             ["sort", "name", "name_en", "is_initial", "is_final", "editable", "countersign_divisions"],
             search_columns=["code", "name"], order=("sort", "asc")),
    Resource(WorkflowTransition, "WorkflowTransition", _l("Workflow transitions"), "WorkflowSettings",
             ["workflow", "sort", "name", "from_state", "to_state", "roles", "is_signoff", "applies_changes",
              "case_types", "min_amount", "max_amount"],
             ["workflow", "sort", "code", "name", "name_en", "from_state", "to_state", "roles", "is_signoff",
              "applies_changes", "requires_countersign", "requires_comment", "requires_doc_no", "case_types",
              "min_amount", "max_amount"],
             ["sort", "name", "name_en", "from_state", "to_state", "roles", "is_signoff", "applies_changes",
              "requires_countersign", "requires_comment", "requires_doc_no", "case_types", "min_amount",
              "max_amount"],
             search_columns=["code", "name", "case_types"], order=("sort", "asc")),
    Resource(WorkflowHistory, "WorkflowHistory", _l("Workflow history"), "WorkflowSettings",
             ["at", "subject_type", "subject_id", "from_state", "to_state", "actor_name", "comment", "doc_no"],
             search_columns=["subject_type", "subject_id", "actor_name", "doc_no"], order=("id", "desc"),
             delete=False),
    Resource(Countersignature, "Countersignature", _l("Countersignatures"), "WorkflowSettings",
             ["at", "entry", "division", "user", "agree", "comment"], order=("id", "desc"),
             delete=False,
             labels={"division": _l("Office division")}),
]


def register(appbuilder) -> None:
    register_category("WorkflowSettings", _l("Workflow settings"), "fa-random")
    register_resources(appbuilder, RESOURCES, LABELS)
