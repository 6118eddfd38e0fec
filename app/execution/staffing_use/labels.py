"""Labels and choice lists of 用编进人 (English msgids; Chinese comes from
app/translations), merged per resource by the views (``app.core.labels``)."""
from flask_babel import lazy_gettext as _l

from app.core.labels import Catalogue

LABELS = {
    "year": _l("Year"), "meeting": _l("Review meeting"), "decision_doc_no": _l("Decision document No."),
    "note": _l("Note"), "lines": _l("Plan lines"), "plan": _l("Plan"), "channel": _l("Channel"),
    "planned": _l("Planned hires"), "filled": _l("Filled"), "held_on": _l("Held on"), "decided_on": _l("Decided on"),
    "minutes": _l("Minutes"), "plan_line": _l("Plan line"), "application_type": _l("Application type"),
    "step": _l("Step"), "publicity_start": _l("Publicity from"), "publicity_end": _l("Publicity until"),
    "documents": _l("Documents submitted (one per line)"), "entered_on": _l("Entered on"),
    "certificate_no": _l("Certificate No."), "candidates": _l("Persons of the batch"), "batch": _l("Entry batch"),
    "person": _l("Person"), "applicant_kind": _l("Applicant kind"),
    "required_documents": _l("Required documents (one per line)"), "active": _l("Active"),
}
CHOICES = {
    "staffing_channel": [("exam", _l("Public examination")), ("recruitment", _l("Open recruitment")),
                         ("military", _l("Military transfer placement")), ("transfer", _l("Transfer")),
                         ("selection", _l("Selection")), ("policy", _l("Policy placement")),
                         ("talent", _l("Talent introduction"))],
    "staffing_applicant_kind": [("graduate", _l("Graduate")), ("public", _l("Member of the public")),
                                ("officer", _l("Transferred military officer")),
                                ("civil_servant", _l("Civil servant")),
                                ("institution_staff", _l("Public-institution staff")),
                                ("policy", _l("Policy placement beneficiary")), ("talent", _l("High-level talent"))],
    "staffing_plan_status": [("draft", _l("Draft")), ("submitted", _l("Submitted")), ("approved", _l("Approved")),
                             ("rejected", _l("Rejected"))],
    "staffing_meeting_status": [("scheduled", _l("Scheduled")), ("decided", _l("Decided"))],
    "staffing_batch_step": [("publicity", _l("Publicity")), ("application", _l("Application")),
                            ("review", _l("Review")), ("entered", _l("Entered"))],
}
CATALOGUE = Catalogue("app.execution.staffing_use", LABELS, CHOICES)
