"""Expected outcomes of the hearings' routes (office-internal)."""
from tests.role_matrix import A, L, S

RESOURCES = {"Hearing": ({A, S, L}, {A, S}, {A, S}), "Opinion": ({A, S, L}, {A, S}, {A, S})}
VIEW_OPS = {"summary": 0}
