"""Labels and choice lists of the office registers (English msgids; Chinese comes from
app/translations), merged per resource by the views (``app.core.labels``)."""
from flask_babel import lazy_gettext as _l

from app.core.labels import Catalogue

LABELS = {
    "established_on": _l("Established on"),
    "purpose": _l("Purpose"), "lead_division": _l("Lead division"), "task_force": _l("Task force"),
    "is_lead": _l("Task force lead"),
}
CHOICES = {
    "task_force_status": [("active", _l("Active")), ("dissolved", _l("Dissolved"))],
}
CATALOGUE = Catalogue("app.office", LABELS, CHOICES)
