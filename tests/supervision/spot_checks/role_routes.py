"""Expected outcomes of the spot checks' routes, by role."""
from tests.role_matrix import A, EVERYONE, I, L, NOBODY, S

RESOURCES = {
    "SpotItem": ({A, S, L, I}, {A, S}, {A, S}),
    "SpotInspector": ({A, S, L}, {A, S}, {A, S}),
    # the 4th set: the draw steps (freeze, draw, publish)
    "SpotPlan": ({A, S, L}, {A, S}, {A, S}, {A, S}),
    "SpotDraw": ({A, S, L}, NOBODY, NOBODY),
    "SpotTask": ({A, S, L}, NOBODY, NOBODY),
}
ENDPOINTS = {
    "SpotInspectionView.mine": {A, I}, "SpotInspectionView.record": {A, I},
    "SpotCheckPublicView.index": EVERYONE, "SpotCheckPublicView.show_draw": EVERYONE,
    "SpotCheckPublicView.inputs": EVERYONE,
}
VIEW_OPS = {"freeze": 3, "draw": 3, "publish": 3}
NO_ACTIONS = {"SpotDrawView", "SpotTaskView"}
