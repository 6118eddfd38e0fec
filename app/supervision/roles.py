"""Default permissions on the audit log (read-only for every role that has it)."""
from app.roles import R

DEFAULTS = {"staff": {"AuditLog": (R,)}, "leader": {"AuditLog": (R,)}}
MENU_CATEGORIES = {"Supervision": ("AuditLog",)}
