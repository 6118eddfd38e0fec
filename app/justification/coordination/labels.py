"""Labels and choice lists of the coordination list (English msgids; Chinese comes from
app/translations), merged per resource by the views (``app.core.labels``)."""
from flask_babel import lazy_gettext as _l

from app.core.labels import Catalogue

LABELS = {
    "lead_leader": _l("Lead leader"), "co_divisions": _l("Co-divisions"), "due_on": _l("Due on"),
    "closed_on": _l("Closed on"), "closing_note": _l("Closing note"), "done_on": _l("Done on"),
    "item": _l("Coordination item"), "overdue": _l("Overdue"), "milestones": _l("Milestones"),
}
CHOICES = {
    "coordination_status": [("in_progress", _l("In progress")), ("supervised", _l("Supervised")),
                            ("closed", _l("Closed"))],
}
CATALOGUE = Catalogue("app.justification.coordination", LABELS, CHOICES)
