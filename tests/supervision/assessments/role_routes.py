"""Expected outcomes of 事业单位绩效考核's routes: administrators keep the cap
table, staff run plans and grade, inspectors record reviews, a department reads its own."""
from tests.role_matrix import A, D, I, L, S

RESOURCES = {
    "AssessmentCapRule": ({A, S, L}, {A}, {A}),
    "AssessmentPlan": ({A, S, L}, {A, S}, {A, S}),
    "InstitutionAssessment": ({A, S, L, I, D}, {A, S}, {A, S}),
    "AssessmentReview": ({A, S, L, I, D}, {A, S, I}, {A, S}),
}
VIEW_OPS = {"caps": 0}
API_OPS = {"api_caps": 0, "api_open_case": 1}
