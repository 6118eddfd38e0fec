"""Labels and choice lists of the quota database (English msgids; Chinese comes from
app/translations), merged per resource by the views (``app.core.labels``)."""
from flask_babel import lazy_gettext as _l

from app.core.labels import Catalogue

LABELS = {
    "level": _l("Level"), "parent": _l("Parent"), "counts_toward_cap": _l("Counts toward institution cap"),
    "uscc_code": _l("USCC category code"), "allowed_categories": _l("Categories allowed to hold it"),
    "is_leadership": _l("Leadership rank"), "metric_name": _l("Metric"), "quota_type": _l("Quota type"),
    "standard": _l("Staffing standard"), "metric_from": _l("Metric from"), "metric_to": _l("Metric to (exclusive)"),
    "ratio": _l("Staff per metric unit"), "base": _l("Base"), "short_name": _l("Short name"), "uscc": _l("USCC"),
    "category": _l("Category"), "region": _l("Region"), "within_cap": _l("Within cap"),
    "established_on": _l("Established on"), "revoked_on": _l("Revoked on"), "functions": _l("Functions"),
    "standard_metric": _l("Standard metric value"), "institution": _l("Institution"), "version": _l("Version"),
    "divisions": _l("Internal divisions"), "staffing": _l("Staffing"),
    "approval_doc_no": _l("Approval document No."), "approved_on": _l("Approved on"), "approved": _l("Approved"),
    "occupied": _l("Occupied"), "vacant": _l("Vacant"), "delta": _l("Change"), "balance_after": _l("Balance after"),
    "reason": _l("Reason"), "doc_no": _l("Document No."), "effective_on": _l("Effective on"), "total": _l("Total"),
    "used": _l("Used"), "division": _l("Internal division"), "rank": _l("Rank"), "id_number": _l("ID number"),
    "gender": _l("Gender"), "birth_date": _l("Birth date"), "post": _l("Post"), "entry_date": _l("Entry date"),
    "exit_date": _l("Exit date"), "exit_reason": _l("Exit reason"), "rows": _l("Bands"),
}
CHOICES = {
    "level": [("province", _l("Province")), ("city", _l("City")), ("district", _l("District")),
              ("function_zone", _l("Function zone")), ("street", _l("Town/street"))],
    "status": [("preparing", _l("Preparing")), ("active", _l("Active")), ("revoked", _l("Revoked")),
               ("merged", _l("Merged"))],
    "person_status": [("active", _l("In post")), ("exited", _l("Exited"))],
    "gender": [("M", _l("Male")), ("F", _l("Female"))],
    "exit_reason": [("", "—"), ("retired", _l("Retired")), ("transferred_out", _l("Transferred out")),
                    ("resigned", _l("Resigned")), ("dismissed", _l("Dismissed")), ("expelled", _l("Expelled")),
                    ("deceased", _l("Deceased"))],
    "uscc_code": [("1", _l("1 Organ")), ("2", _l("2 Public institution")), ("3", _l("3 Mass organisation")),
                  ("9", _l("9 Other"))],
}
CATALOGUE = Catalogue("app.quota", LABELS, CHOICES)
