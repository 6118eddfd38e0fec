"""Labels and choice lists of 事业单位绩效考核 (English msgids; Chinese comes from app/translations)."""
from flask_babel import lazy_gettext as _l

from app.core.labels import Catalogue

LABELS = {
    "department_grade": _l("Department's own result"), "max_share": _l("Maximum share of 优秀+良好 (per cent)"),
    "committee": _l("Professional committee"), "third_party": _l("Third party"),
    "supervisor": _l("Supervising department"), "self_score": _l("Self-assessment score"),
    "graded_on": _l("Graded on"), "opinion": _l("Opinion"), "assessment": _l("Assessment"),
    "reviewer": _l("Reviewer"), "reviewer_institution": _l("Peer unit"), "reviewed_on": _l("Reviewed on"),
}
CHOICES = {
    "assessment_plan_status": [("open", _l("Open")), ("closed", _l("Closed"))],
    "review_kind": [("committee", _l("Committee review")), ("cross_review", _l("Cross review")),
                    ("third_party", _l("Third-party spot check"))],
    "follow_up_kind": [("staffing_increase", _l("Add quota")), ("staffing_decrease", _l("Cut quota")),
                       ("merge", _l("Merge")), ("revoke", _l("Revoke"))],
}
CATALOGUE = Catalogue("app.supervision.assessments", LABELS, CHOICES)
