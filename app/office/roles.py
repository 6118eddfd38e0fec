"""Default permissions on the office registers.

Divisions and memberships decide who countersigns, so only administrators
change them; staff keep the task forces.
"""
from app.roles import D, R, W

OFFICE = ("OfficeDivision", "DivisionMember", "TaskForce", "TaskForceMember")

DEFAULTS = {
    "staff": {"OfficeDivision": (R,), "DivisionMember": (R,), "TaskForce": (R, W, D),
              "TaskForceMember": (R, W, D)},
    "leader": {res: (R,) for res in OFFICE},
}
MENU_CATEGORIES = {"Office": OFFICE}
