"""Every logged-in role saves and manages its own filters; sharing with a role is the
administrator's (FAB gives it every permission, ``can_share`` included)."""
from app.roles import R, W

OWN = {"SavedFilter": (R, W)}
DEFAULTS = {"staff": OWN, "leader": OWN, "department": OWN, "inspector": OWN}
