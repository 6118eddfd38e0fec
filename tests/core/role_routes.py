"""Expected outcomes of the kernel's own pages: the 待办 page and its count, for every
logged-in role; the list-view configuration page (issue #16 §1), administrators only."""
from tests.role_matrix import A, LOGGED_IN

ENDPOINTS = {"TodoView.index": LOGGED_IN, "TodoView.count": LOGGED_IN,
             "ViewConfigView.index": {A}, "ViewConfigView.edit": {A}, "ViewConfigView.reset": {A}}
