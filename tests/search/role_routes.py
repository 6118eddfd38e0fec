"""Expected outcomes of the global search (menu bar box): every logged-in role searches within its scope."""
from tests.role_matrix import LOGGED_IN

ENDPOINTS = {"SearchView.index": LOGGED_IN, "SearchView.hits": LOGGED_IN}
