"""Expected outcomes of the coordination list's routes (office-internal)."""
from tests.role_matrix import A, L, S

RESOURCES = {"CoordinationItem": ({A, S, L}, {A, S}, {A, S}), "Milestone": ({A, S, L}, {A, S}, {A, S})}
