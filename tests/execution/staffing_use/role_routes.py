"""Expected outcomes of 用编进人's routes, by role (see tests/role_matrix.py).

Tuples: (read, write, delete, then the resource's own steps): a plan's 报送, a
meeting's decision, a batch's 申请 / 审核 / 入库."""
from tests.role_matrix import A, D, EVERYONE, I, L, NOBODY, S

RESOURCES = {
    "ApplicationType": ({A, S, L, D}, {A}, {A}),
    "ReviewMeeting": ({A, S, L, D}, {A, S}, {A, S}, {A, S}),
    "StaffingPlan": ({A, S, L, D, I}, {A, S, D}, {A, S, D}, {A, S, D}),
    "StaffingPlanLine": ({A, S, L, D, I}, {A, S, D}, {A, S, D}),
    "EntryBatch": ({A, S, L, D, I}, {A, S, D}, {A, S, D}, {A, S, D}, {A, S}, {A, S}),
    "EntryCandidate": ({A, S, L, D}, {A, S, D}, {A, S, D}),
    "ExitFiling": ({A, S, L, D, I}, {A, S, D}, NOBODY),
}
ENDPOINTS = {"CertificateCheckView.verify": EVERYONE}  # public: anyone checks a certificate number
VIEW_OPS = {"certificate": 0, "certificate_pdf": 0}
API_OPS = {"api_plan_submit": 3, "api_meeting_decide": 3, "api_batch_apply": 3, "api_batch_review": 4,
           "api_batch_enter": 5}
