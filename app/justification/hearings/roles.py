"""Default permissions on hearings and opinions (office staff keep them)."""
from app.roles import D, R, W

RESOURCES = ("Hearing", "Opinion")
DEFAULTS = {
    "staff": {res: (R, W, D) for res in RESOURCES},
    "leader": {res: (R,) for res in RESOURCES},
}
MENU_CATEGORIES = {"Justification": RESOURCES}
