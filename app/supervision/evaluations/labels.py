"""Labels and choice lists of 履职评估 (English msgids; Chinese comes from app/translations)."""
from flask_babel import lazy_gettext as _l

from app.core.labels import Catalogue

LABELS = {
    "min_score": _l("Minimum score"), "is_top": _l("Counts as 优秀/良好"), "published_on": _l("Published on"),
    "system": _l("Indicator system"), "parent": _l("Parent"), "weight": _l("Weight (per cent)"),
    "scoring_rule": _l("Scoring rule"), "data_source": _l("Data source"), "year": _l("Year"),
    "sample_size": _l("Departments sampled"), "seed": _l("Random seed"), "sampled_at": _l("Sampled at"),
    "plan": _l("Plan"), "grade": _l("Grade"), "finalized_on": _l("Finalised on"),
    "evaluation": _l("Evaluation"), "indicator": _l("Indicator"), "note": _l("Note"),
}
CHOICES = {
    "system_status": [("draft", _l("Draft")), ("published", _l("Published"))],
    "data_source": [("manual", _l("Scored by hand")), ("quota_use", _l("Use of quota (computed)")),
                    ("power_list", _l("Power-list execution (scored by hand)"))],
    "evaluation_status": [("open", _l("Open")), ("final", _l("Final"))],
}
CATALOGUE = Catalogue("app.supervision.evaluations", LABELS, CHOICES)
