"""Expected outcomes of the kernel's own pages: the 待办 page and its count, for every logged-in role."""
from tests.role_matrix import LOGGED_IN

ENDPOINTS = {"TodoView.index": LOGGED_IN, "TodoView.count": LOGGED_IN}
