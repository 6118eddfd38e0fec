"""Expected outcomes of the kernel's own pages: the 待办 page and its count, and the saved
filters (收藏的筛选: every logged-in role keeps its own, administrators share), for every
logged-in role; the list-view configuration page (issue #16 §1), administrators only."""
from tests.role_matrix import A, LOGGED_IN

ENDPOINTS = {"TodoView.index": LOGGED_IN, "TodoView.count": LOGGED_IN,
             "SavedFilterView.index": LOGGED_IN, "SavedFilterView.use": LOGGED_IN,
             "SavedFilterView.save": LOGGED_IN, "SavedFilterView.rename": LOGGED_IN,
             "SavedFilterView.delete": LOGGED_IN, "SavedFilterView.share": {A},
             "ViewConfigView.index": {A}, "ViewConfigView.edit": {A}, "ViewConfigView.reset": {A}}
