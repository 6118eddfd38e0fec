"""Expected outcomes of the verification routes: the office's; the fourth set may run a rule now."""
from tests.role_matrix import A, L, NOBODY, S

RESOURCES = {
    "VerificationRule": ({A, S, L}, {A, S}, NOBODY, {A, S}),
    "VerificationRun": ({A, S, L}, NOBODY, NOBODY),
}
API_OPS = {"api_run": 3}
NO_ACTIONS = {"VerificationRunView"}
