"""Expected outcomes of the audit log's routes: read-only, for the office's roles."""
from tests.role_matrix import A, L, NOBODY, S

RESOURCES = {"AuditLog": ({A, S, L}, NOBODY, NOBODY)}
NO_ACTIONS = {"AuditLogView"}
