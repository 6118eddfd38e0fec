"""The adjustment cases' datasets for charts (``app.core.datasets``): the case
pipeline by state and type, and the throughput time from filing to sign-off."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.core import scoping
from app.core.datasets import Dataset, Dimension, Series, register, register_series
from app.extensions import db
from app.justification.cases.labels import CHOICES
from app.justification.cases.models import AdjustmentCase
from app.justification.cases.services import SUBJECT
from app.quota.models import Institution, Region
from app.workflow.models import WorkflowHistory, WorkflowState

CASES = Dataset(
    "cases", _l("Adjustment cases"), AdjustmentCase, "AdjustmentCase",
    (Dimension("state", _l("State"), WorkflowState.id, WorkflowState.name, ("AdjustmentCaseView.list", "_flt_0_state")),
     Dimension("case_type", _l("Case type"), AdjustmentCase.case_type, drill=("AdjustmentCaseView.list",
               "_flt_3_case_type"), labels=dict(CHOICES["case_type"])),
     Dimension("region", _l("Region"), Region.id, Region.name),
     Dimension("created_at", _l("Recorded at"), AdjustmentCase.created_at),
     Dimension("approved_on", _l("Approved on"), AdjustmentCase.approved_on)),
    (),
    lambda stmt: (stmt.join(WorkflowState, AdjustmentCase.state_id == WorkflowState.id)
                  .join(Institution, AdjustmentCase.institution_id == Institution.id)
                  .join(Region, Institution.region_id == Region.id)),
    "AdjustmentCaseView.list", _l("cases"))


def _percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p50 of 1, 2, 3, 4 is 2): a day count someone waited."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def throughput(_scope=None) -> list[dict]:
    """Days from filing (the case's first transition) to sign-off (``approved_on``),
    p50 and p90 per month of sign-off, over the cases the user reaches.  SQL picks
    one row per signed-off case; the percentiles are taken here, as SQLite has none."""
    filed = (select(WorkflowHistory.subject_id.label("case_id"), func.min(WorkflowHistory.at).label("filed_at"))
             .where(WorkflowHistory.subject_type == SUBJECT, WorkflowHistory.from_state_id.is_not(None))
             .group_by(WorkflowHistory.subject_id).subquery())
    stmt = (select(AdjustmentCase.approved_on, filed.c.filed_at)
            .join(filed, filed.c.case_id == AdjustmentCase.id)
            .where(AdjustmentCase.approved_on.is_not(None)))
    stmt = scoping.apply(AdjustmentCase, stmt)
    months: dict[str, list[float]] = defaultdict(list)
    for approved_on, filed_at in db.session.execute(stmt):
        if isinstance(filed_at, str):  # SQLite returns min() of a datetime as text
            filed_at = dt.datetime.fromisoformat(filed_at)
        days = max(0, (approved_on - filed_at.date()).days)
        months[approved_on.strftime("%Y-%m")].append(days)
    return [{"key": month, "label": month, "values": [_percentile(days, 0.5), _percentile(days, 0.9), len(days)]}
            for month, days in sorted(months.items())]


def register_all() -> None:
    register(CASES)
    register_series(Series("case_throughput", _l("Throughput: filed to signed off"), "AdjustmentCase", throughput))
