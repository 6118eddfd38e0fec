"""Default permissions on evaluations, the period report and the workflow settings."""
from app.roles import D, R, W

WORKFLOW = ("Workflow", "WorkflowState", "WorkflowTransition", "WorkflowHistory", "Countersignature",
            "WorkflowEscalation")
OWN = {"Delegation": (R, W, D)}  # 我的代办委托: each user their own (app.workflow.delegations)
DEFAULTS = {
    "staff": {"CaseEvaluation": (R, W), "CaseReport": (R,), **{res: (R,) for res in WORKFLOW}, **OWN},
    "leader": {"CaseEvaluation": (R,), "CaseReport": (R,), **{res: (R,) for res in WORKFLOW}, **OWN},
    "inspector": {"CaseEvaluation": (R,), "CaseReport": (R,)},
    "department": dict(OWN),
}
MENU_CATEGORIES = {"Approval": ("CaseEvaluation", "CaseReport"), "WorkflowSettings": WORKFLOW + ("Delegation",)}
MENU_LINKS = {"CaseReportPage": "CaseReport", "WorkflowGraph": "Workflow"}
