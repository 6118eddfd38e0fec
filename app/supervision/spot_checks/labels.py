"""Labels and choice lists of the spot checks."""
from flask_babel import lazy_gettext as _l

from app.core.labels import Catalogue

LABELS = {
    "matter": _l("Matter"), "basis": _l("Basis"), "checked_subject": _l("Checked subject"), "check_content": _l("Check content"),
    "method": _l("Check method"), "affiliations": _l("Affiliations"), "active": _l("Active"),
    "year": _l("Year"), "spot_item": _l("Spot-check item"), "sample_ratio": _l("Sampling ratio, per cent"),
    "per_target": _l("Inspectors per target"), "publicity_ends_on": _l("Publicity period ends"),
    "pool_root": _l("Targeted pool (定向)"), "plan": _l("Plan"), "algorithm": _l("Algorithm"),
    "seed": _l("Random seed"), "seed_source": _l("Seed source"), "frozen_at": _l("Frozen at"),
    "frozen_by": _l("Frozen by"), "candidates_hash": _l("Candidate list hash"),
    "candidate_count": _l("Candidates"), "inspectors_hash": _l("Inspector list hash"),
    "target_count": _l("Targets drawn"), "drawn_at": _l("Drawn at"), "result_hash": _l("Result hash"),
    "publish_due_on": _l("Publish by"), "draw": _l("Draw"), "outcome": _l("Outcome"), "notes": _l("Notes"),
    "recorded_at": _l("Recorded at"), "recorded_by": _l("Recorded by"), "published_at": _l("Published at"),
    "inspector_names": _l("Inspectors"), "overdue": _l("Overdue"),
}
CHOICES = {
    "method": [("written", _l("Written review")), ("onsite", _l("On-site check")),
               ("online", _l("Online monitoring"))],
    "plan_status": [("draft", _l("Draft")), ("frozen", _l("Inputs frozen")), ("drawn", _l("Drawn"))],
    "outcome": [("pending", _l("Pending")), ("compliant", _l("No problems found")),
                ("problems", _l("Problems found"))],
}
CATALOGUE = Catalogue("app.supervision.spot_checks", LABELS, CHOICES)
