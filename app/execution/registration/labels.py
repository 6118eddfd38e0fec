"""Labels and choice lists of registration (English msgids; Chinese from app/translations)."""
from flask_babel import lazy_gettext as _l

from app.core.labels import Catalogue

LABELS = {
    "matter": _l("Matter"), "legal_rep": _l("Legal representative"),
    "change_item": _l("Item changed"), "old_value": _l("Before the change"), "new_value": _l("After the change"),
    "funds_before": _l("Start-up funds before (10k yuan)"), "funds_after": _l("Start-up funds after (10k yuan)"),
    "clearing_report": _l("Clearing report"), "successor": _l("Successor unit"),
    "undertaking_proof": _l("Three-party undertaking proof"), "report_year": _l("Report year"),
    "activities": _l("Activities of the year"), "net_assets": _l("Net assets (10k yuan)"),
    "staff_count": _l("Staff"), "litigation": _l("Litigation"), "complaints": _l("Complaints"),
    "materials": _l("Materials handed in (one per line)"), "channel": _l("Channel"),
    "tracking_in": _l("Tracking number (materials in)"), "tracking_out": _l("Tracking number (certificate out)"),
    "step": _l("Step"), "applied_at": _l("Applied at"), "accepted_at": _l("Received at"),
    "due_on": _l("Due on"),
    "reviewed_at": _l("Reviewed at"), "approved_at": _l("Approved at"), "issued_at": _l("Issued at"),
    "announced_at": _l("Announced at"), "turnaround_s": _l("Receipt to issue (seconds)"),
    "same_day": _l("Same-day completion"), "notice": _l("Public notice"), "cert_no": _l("Certificate number"),
    "valid_from": _l("Valid from"), "valid_to": _l("Valid to"),
    "registration": _l("Registration"),
}
CHOICES = {
    "matter": [("establish", _l("Establishment")), ("change", _l("Change")), ("cancel", _l("Cancellation")),
               ("simple_cancel", _l("Simplified cancellation")), ("annual_report", _l("Annual report")),
               ("renew", _l("Certificate renewal")), ("reissue", _l("Certificate reissue")),
               ("code_issue", _l("Code issue (organs, mass organisations)"))],
    "change_item": [("name", _l("Name")), ("legal_rep", _l("Legal representative")),
                    ("purpose", _l("Purpose and scope of business")), ("address", _l("Address")),
                    ("funds", _l("Start-up funds")), ("sponsor", _l("Sponsor"))],
    "registration_step": [("applied", _l("Applied")), ("accepted", _l("Received")), ("reviewed", _l("Reviewed")),
                          ("approved", _l("Approved")), ("issued", _l("Issued")), ("announced", _l("Announced"))],
    "channel": [("counter", _l("At the counter")), ("online", _l("Online, by express delivery"))],
    "cert_kind": [("legal_person", _l("Public institution legal person certificate")),
                  ("code", _l("Unified social credit code certificate"))],
    "cert_status": [("valid", _l("Valid")), ("replaced", _l("Replaced")), ("cancelled", _l("Cancelled"))],
}
CATALOGUE = Catalogue("app.execution.registration", LABELS, CHOICES)
