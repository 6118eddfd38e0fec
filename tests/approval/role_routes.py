"""Expected outcomes of the approval's routes: evaluations, the period report,
the workflow settings."""
from tests.role_matrix import A, I, L, NOBODY, S

RESOURCES = {
    "CaseEvaluation": ({A, S, L, I}, {A, S}, NOBODY),
    "Workflow": ({A, S, L}, {A}, NOBODY),
    "WorkflowState": ({A, S, L}, {A}, {A}),
    "WorkflowTransition": ({A, S, L}, {A}, {A}),
    "WorkflowHistory": ({A, S, L}, NOBODY, NOBODY),
    "Countersignature": ({A, S, L}, NOBODY, NOBODY),
}
ENDPOINTS = {"CaseReportView.index": {A, S, L, I}, "CaseReportView.xlsx": {A, S, L, I}}
NO_ACTIONS = {"CaseEvaluationView", "WorkflowView", "WorkflowHistoryView", "CountersignatureView"}
