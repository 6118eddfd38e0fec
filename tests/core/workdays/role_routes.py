"""Expected outcomes of the working-day calendar's routes: the office reads it, the administrator keeps it."""
from tests.role_matrix import A, L, S

RESOURCES = {"WorkdayCalendar": ({A, S, L}, {A}, {A})}
