"""Default permissions on the coordination list (office staff keep it)."""
from app.roles import D, R, W

RESOURCES = ("CoordinationItem", "Milestone")
DEFAULTS = {
    "staff": {res: (R, W, D) for res in RESOURCES},
    "leader": {res: (R,) for res in RESOURCES},
}
MENU_CATEGORIES = {"Justification": RESOURCES}
