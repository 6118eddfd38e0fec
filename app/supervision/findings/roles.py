"""Default permissions on findings: the office keeps them, the leader reads,
a department answers its own (the service decides what each may change)."""
from app.roles import D, R, W

T = "transition"
DEFAULTS = {
    "staff": {"Finding": (R, W, D, T), "FindingEvidence": (R,)},
    "leader": {"Finding": (R,), "FindingEvidence": (R,)},
    "inspector": {"Finding": (R,)},
    "department": {"Finding": (R, W, T), "FindingEvidence": (R,)},
}
MENU_CATEGORIES = {"Supervision": ("Finding",)}
