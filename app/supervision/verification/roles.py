"""Default permissions of the scheduled verification: the office keeps the rules and runs them."""
from app.roles import R, W

DEFAULTS = {
    "staff": {"VerificationRule": (R, W, "run"), "VerificationRun": (R,)},
    "leader": {"VerificationRule": (R,), "VerificationRun": (R,)},
}
MENU_CATEGORIES = {"Supervision": ("VerificationRule", "VerificationRun")}
