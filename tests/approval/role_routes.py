"""Expected outcomes of the approval's routes: evaluations, the period report,
the workflow settings."""
from tests.role_matrix import A, D, I, L, NOBODY, S

RESOURCES = {
    "CaseEvaluation": ({A, S, L, I}, {A, S}, NOBODY),
    "Workflow": ({A, S, L}, {A}, NOBODY),
    "WorkflowState": ({A, S, L}, {A}, {A}),
    "WorkflowTransition": ({A, S, L}, {A}, {A}),
    "WorkflowHistory": ({A, S, L}, NOBODY, NOBODY),
    "Countersignature": ({A, S, L}, NOBODY, NOBODY),
    "WorkflowEscalation": ({A, S, L}, NOBODY, NOBODY),
    # 我的代办委托: every office role and the departments, each their own rows (tests/workflow/test_deadlines.py)
    "Delegation": ({A, S, L, D}, {A, S, L, D}, {A, S, L, D}),
}
ENDPOINTS = {"CaseReportView.index": {A, S, L, I}, "CaseReportView.xlsx": {A, S, L, I}}
NO_ACTIONS = {"CaseEvaluationView", "WorkflowView", "WorkflowHistoryView", "CountersignatureView",
              "WorkflowEscalationView"}
VIEW_OPS = {"graph": 0}  # 流程图: the workflow drawn, for those who read it
