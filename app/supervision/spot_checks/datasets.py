"""The spot checks' dataset for charts (``app.core.datasets``): tasks by outcome
and by year, each outcome drilling to the task list."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.datasets import Dataset, Dimension, register
from app.quota.models import Institution, Region
from app.supervision.spot_checks.labels import CHOICES
from app.supervision.spot_checks.models import SpotTask

TASKS = Dataset(
    "spot_tasks", _l("Spot-check tasks"), SpotTask, "SpotTask",
    (Dimension("outcome", _l("Outcome"), SpotTask.outcome, drill=("SpotTaskView.list", "_flt_3_outcome"),
               labels=dict(CHOICES["outcome"])),
     Dimension("year", _l("Year"), SpotTask.year),
     Dimension("region", _l("Region"), Region.id, Region.name)),
    (),
    lambda stmt: (stmt.join(Institution, SpotTask.institution_id == Institution.id)
                  .join(Region, Institution.region_id == Region.id)),
    "SpotTaskView.list", _l("tasks"))


def register_all() -> None:
    register(TASKS)
