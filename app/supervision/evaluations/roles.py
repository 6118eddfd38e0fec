"""Default permissions of 履职评估: administrators keep grades and indicator
trees, office staff run plans and score, leaders read, a department reads its own."""
from app.roles import D, R, W

CONFIG = ("EvaluationGrade", "IndicatorSystem", "Indicator")
WORK = ("EvaluationPlan", "DepartmentEvaluation", "IndicatorScore")
DEFAULTS = {
    "staff": {**{res: (R,) for res in CONFIG}, **{res: (R, W, D) for res in WORK}},
    "leader": {res: (R,) for res in CONFIG + WORK},
    "department": {"DepartmentEvaluation": (R,), "IndicatorScore": (R,)},
}
MENU_CATEGORIES = {"Supervision": CONFIG + WORK}
