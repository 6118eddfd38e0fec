"""Expected outcomes of the adjustment cases' routes; the fourth set may try
workflow transitions (the workflow then checks the role per transition)."""
from tests.role_matrix import A, D, I, L, NOBODY, S

RESOURCES = {
    "AdjustmentCase": ({A, S, L, D, I}, {A, S, D}, {A, S, D}, {A, S, L, D}),
    "CaseChange": ({A, S, L, D, I}, {A, S, D}, {A, S, D}),
    "CasePost": ({A, S, L, D}, {A, S, D}, {A, S, D}),
    "CaseAttachment": ({A, S, L, D}, NOBODY, NOBODY),
}
VIEW_OPS = {"attachment": 0, "attach": 1, "transition": 3, "countersign": 3}
API_OPS = {"api_transitions": 0, "api_transition": 3, "api_countersign": 3}
NO_ACTIONS = {"CaseAttachmentView"}
