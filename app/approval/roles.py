"""Default permissions on evaluations, the period report and the workflow settings."""
from app.roles import R, W

WORKFLOW = ("Workflow", "WorkflowState", "WorkflowTransition", "WorkflowHistory", "Countersignature")
DEFAULTS = {
    "staff": {"CaseEvaluation": (R, W), "CaseReport": (R,), **{res: (R,) for res in WORKFLOW}},
    "leader": {"CaseEvaluation": (R,), "CaseReport": (R,), **{res: (R,) for res in WORKFLOW}},
    "inspector": {"CaseEvaluation": (R,), "CaseReport": (R,)},
}
MENU_CATEGORIES = {"Approval": ("CaseEvaluation", "CaseReport"), "WorkflowSettings": WORKFLOW}
MENU_LINKS = {"CaseReportPage": "CaseReport"}
