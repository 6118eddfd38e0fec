"""Expected outcomes of 履职评估's routes: administrators keep grades and trees,
staff run plans and score, a department reads its own evaluations."""
from tests.role_matrix import A, D, L, S

RESOURCES = {
    "EvaluationGrade": ({A, S, L}, {A}, {A}),
    "IndicatorSystem": ({A, S, L}, {A}, {A}),
    "Indicator": ({A, S, L}, {A}, {A}),
    "EvaluationPlan": ({A, S, L}, {A, S}, {A, S}),
    "DepartmentEvaluation": ({A, S, L, D}, {A, S}, {A, S}),
    "IndicatorScore": ({A, S, L, D}, {A, S}, {A, S}),
}
VIEW_OPS = {"report": 0}
API_OPS = {"api_publish_system": 1, "api_draw": 1, "api_finalize": 1}
