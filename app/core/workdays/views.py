"""The holiday table's page and API (参考数据 → 工作日历): administrators keep it."""
from flask_babel import lazy_gettext as _l

from app.core.labels import COMMON, merge
from app.core.resources import Resource, register_category, register_resources
from app.core.workdays.labels import CATALOGUE, CHOICES
from app.core.workdays.models import Holiday

LABELS = merge(COMMON, CATALOGUE)
COLUMNS = ["day", "day_kind", "name"]

RESOURCES = [
    Resource(Holiday, "WorkdayCalendar",
             _l("Working-day calendar"), "ReferenceData", COLUMNS, COLUMNS, COLUMNS,
             search_columns=COLUMNS, order=("day", "asc"), choices={"day_kind": CHOICES["day_kind"]}),
]


def register(appbuilder) -> None:
    register_category("ReferenceData", _l("Reference data"), "fa-book")
    register_resources(appbuilder, RESOURCES, LABELS)
