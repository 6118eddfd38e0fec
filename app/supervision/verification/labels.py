"""Labels and choice lists of the scheduled verification."""
from flask_babel import lazy_gettext as _l

from app.core.labels import Catalogue

LABELS = {
    "params": _l("Parameters"), "cron": _l("Schedule (cron)"), "enabled": _l("Enabled"),
    "deadline_days": _l("Working days to rectify"), "rule": _l("Rule"), "period": _l("Period"),
    "trigger": _l("Trigger"), "node": _l("Run by"), "started_at": _l("Started at"), "ended_at": _l("Ended at"),
    "problems": _l("Problems seen"), "opened": _l("Findings opened"), "resolved": _l("Findings resolved"),
    "error": _l("Error"),
}
CHOICES = {
    "run_status": [("running", _l("Running")), ("ok", _l("Succeeded")), ("failed", _l("Failed"))],
    "run_trigger": [("schedule", _l("Scheduled")), ("manual", _l("Run now"))],
}
CATALOGUE = Catalogue("app.supervision.verification", LABELS, CHOICES)
