"""Findings' dataset for charts (``app.core.datasets``): findings by state, by
source and overdue (still open and past the deadline, as ``Finding.is_overdue``:
today is the application's date, as on the list).  An overdue value drills to the
list filtered by state and by a deadline before today."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, bindparam, case

from app.core.datasets import Dataset, Dimension, register
from app.supervision.findings.labels import CHOICES
from app.supervision.findings.models import OPEN_STATES, Finding

LIST = "FindingView.list"
TODAY = bindparam("findings_today", callable_=dt.date.today, type_=Date)
OVERDUE = case((Finding.state.in_(OPEN_STATES) & (Finding.deadline < TODAY), "overdue"), else_="not_overdue")


def _overdue_args(value) -> dict:
    """The list's filters for one value of ``overdue``: a deadline before today (``_flt_2_``,
    smaller than); with the state of the bar, exactly the overdue findings."""
    if value != "overdue":
        return None
    return {"_flt_2_deadline": dt.date.today().isoformat()}


FINDINGS = Dataset(
    "findings", _l("Findings and rectification"), Finding, "Finding",
    (Dimension("state", _l("State"), Finding.state, drill=(LIST, "_flt_3_state"), labels=dict(CHOICES["finding_state"])),
     Dimension("source_kind", _l("Source"), Finding.source_kind, drill=(LIST, "_flt_3_source_kind"),
               labels=dict(CHOICES["finding_source"])),
     Dimension("overdue", _l("Overdue"), OVERDUE, drill=(LIST, None), drill_args=_overdue_args,
               labels={"overdue": _l("Overdue"), "not_overdue": _l("Not overdue")}),
     Dimension("opened_on", _l("Found on"), Finding.opened_on),
     Dimension("deadline", _l("Rectification deadline"), Finding.deadline)),
    (), lambda stmt: stmt, LIST, _l("findings"))


def register_all() -> None:
    register(FINDINGS)
