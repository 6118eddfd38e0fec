"""The workflow definition, editable by administrators (流程配置), and its trail.

The definitions and the engine are ``app.workflow``; these settings pages are
part of 审批 and registered by the approval domain.
"""
from __future__ import annotations

from flask_appbuilder.models.filters import BaseFilter
from flask_babel import lazy_gettext as _l

from app.core.actors import actor_label, object_type_label
from app.core.labels import COMMON, merge
from app.core.resources import Resource, register_category, register_resources
from app.approval.workflow_graph import WorkflowViewBase
from app.core.views import DomainApi, DomainModelView
from app.justification.cases.labels import CHOICES as CASE_CHOICES
from app.workflow import engine
from app.workflow.delegations import visible_to
from app.workflow.labels import CATALOGUE
from app.workflow.models import (
    Countersignature,
    Delegation,
    Workflow,
    WorkflowEscalation,
    WorkflowHistory,
    WorkflowState,
    WorkflowTransition,
)

LABELS = merge(COMMON, CATALOGUE)


def subject_label(value) -> str:
    """A workflow's subject type (``adjustment_case``) by its list's title."""
    model = next((s.model for s in engine.subjects() if s.name == value), None)
    return object_type_label(model.__name__) if model is not None else (value or "")


# what the trail stores as codes and login names, shown by their labels (issue #11)
TRAIL_FORMATTERS = {"subject_type": subject_label, "subject": subject_label, "actor_name": actor_label,
                    "on_behalf_of_name": actor_label}


class FilterOwnDelegations(BaseFilter):
    """我的代办委托: one's own delegations, given or received; administrators see all."""

    name = "own"
    arg_name = "own"

    def apply(self, query, value):
        from app.core.scoping import current_user

        criterion = visible_to(current_user())
        return query if criterion is None else query.filter(criterion)


def roles_in_words(roles) -> str:
    """A transition's roles as people read them (处室经办人、办领导), not their codes."""
    from app.roles import role_label

    return "、".join(role_label(r.name) for r in roles or [])


class TransitionViewBase(DomainModelView):
    """The transitions' table: roles picked from their labels (系统管理员, not ``admin``)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        from app.roles import role_label

        for form in (self.add_form, self.edit_form):
            field = getattr(form, "roles", None)
            if field is not None:  # FAB's unbound select: its options are labelled when bound
                field.kwargs["get_label"] = lambda role: role_label(role.name)


OWN = [["id", FilterOwnDelegations, None]]  # every door: list, show, delete, export, API
DelegationViewBase = type("DelegationViewBase", (DomainModelView,), {"base_filters": OWN})
DelegationApiBase = type("DelegationApiBase", (DomainApi,), {"base_filters": OWN})

RESOURCES = [
    Resource(Workflow, "Workflow", _l("Workflows"), "WorkflowSettings",
             ["code", "name", "subject", "signoff_role", "lead_leader", "active"],
             ["code", "name", "name_en", "subject", "signoff_role", "lead_leader", "active"],
             ["name", "name_en", "signoff_role", "lead_leader", "active"], delete=False,
             formatters={**TRAIL_FORMATTERS, "lead_leader": actor_label,
                         "signoff_role": lambda role: roles_in_words([role] if role else [])},
             view_base=WorkflowViewBase),
    Resource(WorkflowState, "WorkflowState", _l("Workflow states"), "WorkflowSettings",
             ["workflow", "sort", "code", "name", "is_initial", "is_final", "editable", "countersign_divisions",
              "time_limit_days"],
             ["workflow", "sort", "code", "name", "name_en", "is_initial", "is_final", "editable",
              "countersign_divisions", "time_limit_days"],
             ["sort", "name", "name_en", "is_initial", "is_final", "editable", "countersign_divisions",
              "time_limit_days"],
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
             search_columns=["code", "name", "case_types"], order=("sort", "asc"),
             code_lists={"case_types": CASE_CHOICES["case_type"]}, formatters={"roles": roles_in_words},
             view_base=TransitionViewBase),
    Resource(WorkflowHistory, "WorkflowHistory", _l("Workflow history"), "WorkflowSettings",
             ["at", "subject_type", "subject_id", "from_state", "to_state", "actor_name", "on_behalf_of_name",
              "comment", "doc_no", "due_on"],
             search_columns=["subject_type", "subject_id", "actor_name", "doc_no"], order=("id", "desc"),
             delete=False, formatters=TRAIL_FORMATTERS),
    Resource(Countersignature, "Countersignature", _l("Countersignatures"), "WorkflowSettings",
             ["at", "entry", "division", "user", "agree", "comment"], order=("id", "desc"),
             delete=False, formatters={"user": actor_label},
             labels={"division": _l("Office division")}),
    Resource(WorkflowEscalation, "WorkflowEscalation", _l("Escalated overdue steps"), "WorkflowSettings",
             ["escalated_on", "subject_type", "subject_id", "state", "due_on", "leader"],
             show_columns=["escalated_on", "subject_type", "subject_id", "state", "due_on", "leader", "entry", "at"],
             search_columns=["subject_type", "subject_id", "due_on", "escalated_on"], order=("id", "desc"),
             delete=False, formatters={**TRAIL_FORMATTERS, "leader": actor_label}),
    Resource(Delegation, "Delegation", _l("My delegations"), "WorkflowSettings",
             ["delegator", "delegate", "role", "start_on", "end_on", "revoked_at"],
             ["delegate", "role", "start_on", "end_on", "reason"],
             show_columns=["delegator", "delegate", "role", "start_on", "end_on", "reason", "revoked_at",
                           "created_at"],
             search_columns=["start_on", "end_on"], order=("id", "desc"),
             formatters={"delegator": actor_label, "delegate": actor_label},
             view_base=DelegationViewBase, api_base=DelegationApiBase),
]


def register(appbuilder) -> None:
    register_category("WorkflowSettings", _l("Workflow settings"), "fa-random")
    register_resources(appbuilder, RESOURCES, LABELS)
    appbuilder.add_link("WorkflowGraph", label=_l("Workflow diagram"), href="/workflowview/graph/",
                        category="WorkflowSettings")
