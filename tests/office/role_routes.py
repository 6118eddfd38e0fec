"""Expected outcomes of the office registers' routes: divisions and memberships
decide countersign, so the administrator keeps them."""
from tests.role_matrix import A, L, S

RESOURCES = {
    "OfficeDivision": ({A, S, L}, {A}, {A}),
    "DivisionMember": ({A, S, L}, {A}, {A}),
    "TaskForce": ({A, S, L}, {A, S}, {A, S}),
    "TaskForceMember": ({A, S, L}, {A, S}, {A, S}),
}
