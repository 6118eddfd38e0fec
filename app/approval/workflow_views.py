"""The workflow definition, editable by administrators (流程配置), and its trail.

The definitions and the engine are ``app.workflow``; these settings pages are
part of 审批 and registered by the approval domain.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.resources import CATEGORIES, LABELS, Resource, register_resources
from app.workflow.models import Countersignature, Workflow, WorkflowHistory, WorkflowState, WorkflowTransition

LABELS.update({
    "subject": _l("Subject"), "signoff_role": _l("Sign-off role (一支笔)"), "active": _l("Active"),
    "workflow": _l("Workflow"), "is_initial": _l("Initial state"), "is_final": _l("Final state"),
    "editable": _l("Applicant may edit"), "countersign_divisions": _l("Countersigning divisions"),
    "from_state": _l("From"), "to_state": _l("To"), "roles": _l("Roles"), "is_signoff": _l("Sign-off"),
    "applies_changes": _l("Applies the changes"), "requires_countersign": _l("Needs the countersign"),
    "requires_comment": _l("Needs a comment"), "requires_doc_no": _l("Needs a document No."),
    "case_types": _l("Case types (empty: all)"), "min_amount": _l("Minimum amount"),
    "max_amount": _l("Maximum amount"), "subject_type": _l("Subject type"), "subject_id": _l("Subject"),
    "actor_name": _l("Actor"), "at": _l("Time"), "comment": _l("Comment"), "transition": _l("Transition"),
    "entry": _l("Round"), "agree": _l("Agrees"), "user": _l("User"),
})
CATEGORIES["WorkflowSettings"] = (_l("Workflow settings"), "fa-random")

NO_LOOKUPS: dict = {}

RESOURCES = [
    Resource(Workflow, "Workflow", _l("Workflows"), "WorkflowSettings",
             ["code", "name", "subject", "signoff_role", "active"],
             ["code", "name", "name_en", "subject", "signoff_role", "active"],
             ["name", "name_en", "signoff_role", "active"], lookups=NO_LOOKUPS, delete=False),
    Resource(WorkflowState, "WorkflowState", _l("Workflow states"), "WorkflowSettings",
             ["workflow", "sort", "code", "name", "is_initial", "is_final", "editable", "countersign_divisions"],
             ["workflow", "sort", "code", "name", "name_en", "is_initial", "is_final", "editable",
              "countersign_divisions"],
             ["sort", "name", "name_en", "is_initial", "is_final", "editable", "countersign_divisions"],
             search_columns=["code", "name"], order=("sort", "asc"), lookups=NO_LOOKUPS),
    Resource(WorkflowTransition, "WorkflowTransition", _l("Workflow transitions"), "WorkflowSettings",
             ["workflow", "sort", "name", "from_state", "to_state", "roles", "is_signoff", "applies_changes",
              "case_types", "min_amount", "max_amount"],
             ["workflow", "sort", "code", "name", "name_en", "from_state", "to_state", "roles", "is_signoff",
              "applies_changes", "requires_countersign", "requires_comment", "requires_doc_no", "case_types",
              "min_amount", "max_amount"],
             ["sort", "name", "name_en", "from_state", "to_state", "roles", "is_signoff", "applies_changes",
              "requires_countersign", "requires_comment", "requires_doc_no", "case_types", "min_amount",
              "max_amount"],
             search_columns=["code", "name", "case_types"], order=("sort", "asc"), lookups=NO_LOOKUPS),
    Resource(WorkflowHistory, "WorkflowHistory", _l("Workflow history"), "WorkflowSettings",
             ["at", "subject_type", "subject_id", "from_state", "to_state", "actor_name", "comment", "doc_no"],
             search_columns=["subject_type", "subject_id", "actor_name", "doc_no"], order=("id", "desc"),
             lookups=NO_LOOKUPS, delete=False),
    Resource(Countersignature, "Countersignature", _l("Countersignatures"), "WorkflowSettings",
             ["at", "entry", "division", "user", "agree", "comment"], order=("id", "desc"), lookups=NO_LOOKUPS,
             delete=False),
]


def register(appbuilder) -> None:
    register_resources(appbuilder, RESOURCES)
