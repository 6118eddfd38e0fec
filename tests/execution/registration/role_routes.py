"""Expected outcomes of registration's routes: departments file for their subtree, the
office (staff) moves registrations on (the fourth set), the public reads the notices."""
from tests.role_matrix import A, D, EVERYONE, I, L, NOBODY, S

RESOURCES = {
    "Registration": ({A, S, L, D, I}, {A, S, D}, {A, S, D}, {A, S}),
    "Certificate": ({A, S, L, D, I}, NOBODY, NOBODY),
    "RegistrationTimeLimit": ({A, S, L, D}, {A}, {A}),  # 办结时限: administrators set them
}
API_OPS = {"api_advance": 3}
ENDPOINTS = {"RegistrationReportView.index": {A, S, L}, "RegistrationNoticeView.notices": EVERYONE}
