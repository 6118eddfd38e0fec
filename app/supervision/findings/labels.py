"""Labels and choice lists of findings (English msgids; Chinese from app/translations)."""
from flask_babel import lazy_gettext as _l

from app.core.labels import Catalogue

LABELS = {
    "source_kind": _l("Source"), "source_key": _l("Source key"), "detail": _l("Detail"),
    "opened_on": _l("Found on"), "deadline": _l("Rectification deadline"), "overdue_since": _l("Overdue since"),
    "response": _l("Rectification answer"), "review_note": _l("Review note"), "opened_by": _l("Opened by"),
    "resolved_by": _l("Resolved by"), "reopened": _l("Times reopened"), "finding": _l("Finding"),
    "case": _l("Case"), "state": _l("State"), "overdue": _l("Overdue"), "closed_on": _l("Closed on"),
}
CHOICES = {
    "finding_state": [("open", _l("To rectify")), ("rectifying", _l("Rectifying")), ("rectified", _l("Rectified")),
                      ("written_off", _l("Written off"))],
    "finding_source": [("verification", _l("Scheduled verification")), ("spot_check", _l("Spot check")),
                       ("evaluation", _l("Performance evaluation")), ("assessment", _l("Institution assessment")),
                       ("inspection", _l("Inspection")), ("manual", _l("Recorded by hand"))],
}
CATALOGUE = Catalogue("app.supervision.findings", LABELS, CHOICES)
