"""Default permissions on the power lists: the office keeps the catalogue and
publishes; departments read their own lists and ask for changes through cases
(administrators hold every permission, the dictionaries included)."""
from app.roles import D, R, W

DICTIONARIES = ("PowerType", "PowerCodeFormat")
LIST = ("PowerItem", "PowerImplementation", "ResponsibilityItem", "AccountabilityCase")
PAGES = ("PowerConsistency", "PowerPublish")
DEFAULTS = {
    "staff": {**{res: (R,) for res in DICTIONARIES}, **{res: (R, W, D) for res in LIST},
              "PowerCaseChange": (R, W, D), "PowerSnapshot": (R, "publish"), "PowerConsistency": (R,),
              "PowerPublish": (R, W)},
    "leader": {**{res: (R,) for res in (*DICTIONARIES, *LIST)}, "PowerCaseChange": (R,), "PowerSnapshot": (R,),
               "PowerConsistency": (R,)},
    "department": {**{res: (R,) for res in LIST}, "PowerCaseChange": (R, W, D), "PowerSnapshot": (R,),
                   "PowerConsistency": (R,)},
    "inspector": {res: (R,) for res in LIST},
}
MENU_CATEGORIES = {"PowerLists": (*DICTIONARIES, *LIST, "PowerCaseChange", "PowerSnapshot", *PAGES)}
MENU_LINKS = {"PowerConsistencyPage": "PowerConsistency", "PowerPublishPage": "PowerPublish"}
