"""Default permissions on adjustment cases.

Who may fire which transition is decided by the workflow definition;
``transition`` only opens the door to try.  A department files and follows its
own cases (scoped to its subtree).
"""
from app.roles import D, R, W

RESOURCES = ("AdjustmentCase", "CaseChange", "CasePost", "CaseAttachment")
DEFAULTS = {
    "staff": {"AdjustmentCase": (R, W, D, "transition"), "CaseChange": (R, W, D), "CasePost": (R, W, D),
              "CaseAttachment": (R,)},
    "leader": {**{res: (R,) for res in RESOURCES}, "AdjustmentCase": (R, "transition")},
    "department": {"AdjustmentCase": (R, W, D, "transition"), "CaseChange": (R, W, D), "CasePost": (R, W, D),
                   "CaseAttachment": (R,)},
    "inspector": {"AdjustmentCase": (R,), "CaseChange": (R,)},
}
MENU_CATEGORIES = {"Approval": RESOURCES}
