"""Expected outcomes of the findings' routes: the fourth set may move a finding
(the service then keeps confirming and writing off to the office)."""
from tests.role_matrix import A, D, I, L, NOBODY, S

RESOURCES = {
    "Finding": ({A, S, L, D, I}, {A, S, D}, {A, S}, {A, S, D}),
    "FindingEvidence": ({A, S, L, D}, NOBODY, NOBODY),
}
VIEW_OPS = {"transition": 3, "attach": 1, "evidence": 0, "notice": 0, "open_case": 1}
API_OPS = {"api_transition": 3}
NO_ACTIONS = {"FindingEvidenceView"}
