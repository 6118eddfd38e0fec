"""Default permissions of 事业单位绩效考核: administrators keep the cap table,
office staff run plans, grade and open cases, inspectors record (third-party)
reviews, leaders read, a department reads its own institutions'."""
from app.roles import D, R, W

WORK = ("AssessmentPlan", "InstitutionAssessment", "AssessmentReview")
DEFAULTS = {
    "staff": {"AssessmentCapRule": (R,), **{res: (R, W, D) for res in WORK}},
    "leader": {res: (R,) for res in ("AssessmentCapRule",) + WORK},
    "inspector": {"InstitutionAssessment": (R,), "AssessmentReview": (R, W)},
    "department": {"InstitutionAssessment": (R,), "AssessmentReview": (R,)},
}
MENU_CATEGORIES = {"Supervision": ("AssessmentCapRule",) + WORK}
