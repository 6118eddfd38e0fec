"""Labels and choice lists of the power lists (English msgids; Chinese from app/translations)."""
from flask_babel import lazy_gettext as _l

from app.core.labels import Catalogue

LABELS = {
    "is_service": _l("Public service"), "segments": _l("Segments"), "active": _l("Active"),
    "type": _l("Item type"), "sub_item": _l("Sub-item"), "legal_basis": _l("Legal basis"),
    "department": _l("Department"), "level": _l("Level"),
    "handling_division": _l("Handling division"), "statutory_days": _l("Statutory time limit (days)"),
    "promised_days": _l("Promised time limit (days)"), "fees": _l("Fees"), "flow": _l("Running flow"),
    "responsibilities": _l("Responsibility items"), "accountabilities": _l("Accountability cases"),
    "implementation": _l("Implementation"), "step": _l("Step"), "step_name": _l("Step name"),
    "responsibilities_text": _l("Responsibility items (one per line)"),
    "accountabilities_text": _l("Accountability cases (one per line)"), "legality_note": _l("Legality review"),
    "published_on": _l("Published on"), "published_at": _l("Published at"), "published_by": _l("Published by"),
    "item_count": _l("Items"), "content_hash": _l("Content hash"), "prev_hash": _l("Previous hash"),
}
CHOICES = {
    "power_level": [("city", _l("City")), ("district", _l("District or county-level city")),
              ("town", _l("Town or subdistrict"))],
    "item_status": [("active", _l("In force")), ("cancelled", _l("Cancelled"))],
    "power_change_kind": [("add", _l("Add")), ("cancel", _l("Cancel")), ("devolve", _l("Devolve")),
                          ("modify", _l("Modify"))],
}
CATALOGUE = Catalogue("app.execution.power_lists", LABELS, CHOICES)
