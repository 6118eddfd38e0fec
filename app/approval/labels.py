"""Labels and choice lists of evaluations (English msgids; Chinese comes from
app/translations), merged per resource by the views (``app.core.labels``)."""
from flask_babel import lazy_gettext as _l

from app.core.labels import Catalogue

LABELS = {
    "due_on": _l("Due on"), "evaluated_on": _l("Evaluated on"), "score": _l("Score"),
    "conclusion": _l("Conclusion"), "findings": _l("Findings"), "recommendation": _l("Recommendation"),
    "approved_at_evaluation": _l("Approved when evaluated"),
    "occupied_at_evaluation": _l("Occupied when evaluated"), "follow_up_case": _l("Follow-up case"),
}
CHOICES = {
    "evaluation_kind": [("establishment", _l("Establishment and operation")), ("duties", _l("Performance of duties")),
                        ("quota_use", _l("Use of quota"))],
    "conclusion": [("", "—"), ("good", _l("Good")), ("adequate", _l("Adequate")), ("poor", _l("Poor"))],
    "recommendation": [("", "—"), ("keep", _l("Keep as it is")), ("adjust", _l("Adjust"))],
}
CATALOGUE = Catalogue("app.approval", LABELS, CHOICES)
