"""Expected outcomes of the quota database's routes, by role (see tests/role_matrix.py)."""
from tests.role_matrix import A, D, EVERYONE, I, L, NOBODY, S

RESOURCES = {
    "Region": ({A, S, L, D, I}, {A}, {A}),
    "InstitutionCategory": ({A, S, L, D, I}, {A}, {A}),
    "QuotaType": ({A, S, L, D, I}, {A}, {A}),
    "Rank": ({A, S, L, D, I}, {A}, {A}),
    "StaffingStandard": ({A, S, L, D, I}, {A}, {A}),
    "StaffingStandardRow": ({A, S, L, D, I}, {A}, {A}),
    "Institution": ({A, S, L, D, I}, {A, S, D}, {A, S}),
    "InternalDivision": ({A, S, L, D, I}, {A, S, D}, {A, S, D}),
    "ThreeDeterminations": ({A, S, L, D}, {A, S}, NOBODY),
    "QuotaAllocation": ({A, S, L, D, I}, NOBODY, NOBODY),
    "QuotaLedgerEntry": ({A, S, L, D, I}, {A, S}, NOBODY),
    "RegionalCap": ({A, S, L, I}, {A, S}, {A, S}),
    "InstitutionCap": ({A, S, L, I}, {A, S}, {A, S}),
    "LeadershipQuota": ({A, S, L, D, I}, {A, S}, {A, S}),
    "Person": ({A, S, L, D, I}, {A, S, D}, {A, S}),
    "UserInstitution": ({A}, {A}, {A}),
}
ENDPOINTS = {"UsccCheckView.check": EVERYONE}  # a public page (app.public's portal links to it)
VIEW_OPS = {"tree": 0, "diff": 0}
NO_ACTIONS = {"ThreeDeterminationsView", "QuotaAllocationView", "QuotaLedgerEntryView"}
