"""Labels and choice lists of the working-day calendar."""
from flask_babel import lazy_gettext as _l

from app.core.labels import Catalogue

LABELS = {"day": _l("Date"), "day_kind": _l("Day kind")}
CHOICES = {"day_kind": [("off", _l("Holiday (休)")), ("work", _l("Adjusted working day (班)"))]}
CATALOGUE = Catalogue("app.core.workdays", LABELS, CHOICES)
