"""Who reads the working-day calendar: the office's roles read it, administrators
(every permission, from FAB) keep it."""
from app.roles import R

DEFAULTS = {"staff": {"WorkdayCalendar": (R,)}, "leader": {"WorkdayCalendar": (R,)}}
MENU_CATEGORIES = {"ReferenceData": ("WorkdayCalendar",)}
