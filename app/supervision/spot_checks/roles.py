"""Default permissions on the spot checks: the office runs plans and draws, the
leader reads, inspectors record the results of their own tasks."""
from app.roles import D, R, W

OFFICE = ("SpotItem", "SpotInspector")
DEFAULTS = {
    "staff": {"SpotItem": (R, W, D), "SpotInspector": (R, W, D), "SpotPlan": (R, W, D, "draw"),
              "SpotDraw": (R,), "SpotTask": (R,)},
    "leader": {"SpotItem": (R,), "SpotInspector": (R,), "SpotPlan": (R,), "SpotDraw": (R,), "SpotTask": (R,)},
    "inspector": {"SpotItem": (R,), "SpotInspection": (R, W)},
}
MENU_CATEGORIES = {"Supervision": ("SpotItem", "SpotInspector", "SpotPlan", "SpotDraw", "SpotTask",
                                   "SpotInspection")}
