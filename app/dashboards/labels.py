"""Labels and choice lists of the chart builder (English msgids; zh in app/translations)."""
from flask_babel import lazy_gettext as _l

from app.core.labels import Catalogue

LABELS = {
    "dataset": _l("Dataset"), "dimension": _l("Group by"), "bucket": _l("Date bucket"),
    "split": _l("Series by"), "aggregate": _l("Measure"), "measure": _l("Measured column"),
    "chart_type": _l("Chart type"), "filters": _l("Filters"), "row_limit": _l("Row limit"),
    "landing": _l("Home page of its roles"), "charts": _l("Charts"), "roles": _l("Roles"),
}
CHOICES = {
    "chart_type": [("bar", _l("Bar")), ("stacked_bar", _l("Stacked bar")), ("line", _l("Line")),
                   ("pie", _l("Pie")), ("table", _l("Table")), ("number", _l("Number"))],
    "aggregate": [("count", _l("Count")), ("sum", _l("Sum")), ("avg", _l("Average"))],
    "bucket": [("", _l("None")), ("month", _l("Month")), ("quarter", _l("Quarter")), ("year", _l("Year"))],
    "sort": [("key", _l("By category")), ("value", _l("By value, ascending")), ("-value", _l("By value, descending"))],
}
CATALOGUE = Catalogue("app.dashboards", LABELS, CHOICES)
