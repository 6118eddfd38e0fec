"""Labels and choice lists of adjustment cases (English msgids; Chinese comes from
app/translations), merged per resource by the views (``app.core.labels``)."""
from flask_babel import lazy_gettext as _l

from app.core.labels import Catalogue

LABELS = {
    "sha256": _l("SHA-256"),
    "number": _l("Case No."), "case_type": _l("Case type"), "applicant_kind": _l("Applicant kind"),
    "reasons": _l("Reasons"), "necessity": _l("Necessity"), "reasonableness": _l("Reasonableness"),
    "feasibility": _l("Feasibility"), "annual_hours_per_fte": _l("Annual hours per FTE"), "state": _l("State"),
    "created_by": _l("Filed by"), "approved_on": _l("Approved on"), "task_forces": _l("Task forces"),
    "hearings": _l("Hearings"), "case": _l("Case"), "seq": _l("No."), "kind": _l("Kind"), "amount": _l("Amount"),
    "target": _l("Merge into"), "new_name": _l("New name"), "divisions_text": _l("3-determinations: divisions"),
    "staffing_text": _l("3-determinations: staffing"), "note": _l("Note"), "result": _l("Applied as"),
    "tasks": _l("Tasks"), "annual_hours": _l("Annual workload (hours)"),
    "headcount_requested": _l("Headcount requested"), "file_name": _l("File"), "size": _l("Size (bytes)"),
    "uploaded_by": _l("Uploaded by"), "uploaded_at": _l("Uploaded at"), "content_type": _l("Type"),
    "applied_at": _l("Applied at"),
}
CHOICES = {
    "case_type": [("establish", _l("Establish")), ("revoke", _l("Revoke")), ("merge", _l("Merge")),
                  ("rename", _l("Rename")), ("function_change", _l("Change of functions")),
                  ("staffing_increase", _l("Quota increase")), ("staffing_decrease", _l("Quota decrease")),
                  ("leadership_change", _l("Leadership position change")),
                  ("division_change", _l("Internal division change")),
                  ("three_determinations", _l("Revise 3-determinations"))],
    "applicant_kind": [("department", _l("Department")), ("district", _l("District")), ("unit", _l("Unit"))],
    "change_kind": [("ledger_delta", _l("Quota ± (ledger)")), ("institution_create", _l("Create institution")),
                    ("institution_revoke", _l("Revoke institution")), ("institution_merge", _l("Merge institution")),
                    ("institution_rename", _l("Rename institution")),
                    ("leadership_delta", _l("Leadership positions ±")),
                    ("division_create", _l("Create internal division")),
                    ("division_rename", _l("Rename internal division")),
                    ("division_delete", _l("Remove internal division")),
                    ("three_determinations", _l("New 3-determinations version"))],
}
CATALOGUE = Catalogue("app.justification.cases", LABELS, CHOICES)
