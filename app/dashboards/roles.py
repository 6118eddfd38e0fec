"""Default permissions of the dashboards: everyone logged in reads the cockpit (over
its own scope); the chart builder is the administrators' (who hold every permission)."""
from app.roles import R

DEFAULTS = {role: {"Cockpit": (R,)} for role in ("staff", "leader", "department", "inspector")}
MENU_CATEGORIES = {"Dashboards": ("Cockpit", "ChartDefinition", "Dashboard")}
MENU_LINKS = {"CockpitPage": "Cockpit"}
