"""Expected outcomes of the power lists' routes: the office keeps the catalogue
and publishes, departments read their own lists and request changes, the public
page is open to everyone."""
from tests.role_matrix import A, D, EVERYONE, I, L, S

LIST = ({A, S, L, D, I}, {A, S}, {A, S})
RESOURCES = {
    "PowerType": ({A, S, L}, {A}, {A}),
    "PowerCodeFormat": ({A, S, L}, {A}, {A}),
    "PowerItem": LIST,
    "PowerImplementation": LIST,
    "ResponsibilityItem": LIST,
    "AccountabilityCase": LIST,
    "PowerCaseChange": ({A, S, L, D}, {A, S, D}, {A, S, D}),
    "PowerSnapshot": ({A, S, L, D}, set(), set(), {A, S}),
}
ENDPOINTS = {
    "PowerConsistencyView.index": {A, S, L, D},
    "PowerConsistencyView.xlsx": {A, S, L, D},
    "PowerPublishView.index": {A, S},
    "PowerPublishView.publish": {A, S},
    "PowerPublicView.index": EVERYONE,
    "PowerPublicView.department": EVERYONE,
    "PowerPublicView.item": EVERYONE,
}
API_OPS = {"api_deviations": 0, "api_publish": 3}
NO_ACTIONS = {"PowerSnapshotView"}
