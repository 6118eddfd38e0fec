"""Labels and choice lists of workflow definitions and their trail (English msgids; Chinese comes from
app/translations), merged per resource by the views (``app.core.labels``)."""
from flask_babel import lazy_gettext as _l

from app.core.labels import Catalogue

LABELS = {
    "doc_no": _l("Document No."),
    "subject": _l("Subject"), "signoff_role": _l("Sign-off role (一支笔)"), "active": _l("Active"),
    "workflow": _l("Workflow"), "is_initial": _l("Initial state"), "is_final": _l("Final state"),
    "editable": _l("Applicant may edit"), "countersign_divisions": _l("Countersigning divisions"),
    "from_state": _l("From"), "to_state": _l("To"), "roles": _l("Roles"), "is_signoff": _l("Sign-off"),
    "applies_changes": _l("Applies the changes"), "requires_countersign": _l("Needs the countersign"),
    "requires_comment": _l("Needs a comment"), "requires_doc_no": _l("Needs a document No."),
    "case_types": _l("Case types (empty: all)"), "min_amount": _l("Minimum amount"),
    "max_amount": _l("Maximum amount"), "subject_type": _l("Subject type"), "subject_id": _l("Subject"),
    "actor_name": _l("Actor"), "at": _l("Time"), "comment": _l("Comment"), "transition": _l("Transition"),
    "entry": _l("Round"), "agree": _l("Agrees"),
    "lead_leader": _l("Lead leader"), "time_limit_days": _l("Time limit (working days)"),
    "on_behalf_of_name": _l("On behalf of"), "due_on": _l("Due on"), "leader": _l("Escalated to"),
    "escalated_on": _l("Escalated on"), "state": _l("State"), "delegator": _l("Delegator"),
    "delegate": _l("Delegate"), "role": _l("Role"), "start_on": _l("From"), "end_on": _l("Until"),
    "reason": _l("Reason"), "revoked_at": _l("Revoked at"),
}
CATALOGUE = Catalogue("app.workflow", LABELS)
