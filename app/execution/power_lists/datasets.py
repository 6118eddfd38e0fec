"""The power lists' dataset for charts (``app.core.datasets``): the catalogue's
composition by type and by department, each value drilling to the catalogue list."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.datasets import Dataset, Dimension, register
from app.execution.power_lists.labels import CHOICES
from app.execution.power_lists.models import PowerItem, PowerType
from app.quota.models import Institution

ITEMS = Dataset(
    "power_items", _l("Power list catalogue"), PowerItem, "PowerItem",
    (Dimension("type", _l("Power item type"), PowerType.id, PowerType.name, ("PowerItemView.list", "_flt_0_type")),
     Dimension("department", _l("Department"), Institution.id, Institution.name),
     Dimension("status", _l("Status"), PowerItem.status, drill=("PowerItemView.list", "_flt_3_status"),
               labels=dict(CHOICES["item_status"]))),
    (),
    lambda stmt: (stmt.join(PowerType, PowerItem.type_id == PowerType.id)
                  .join(Institution, PowerItem.department_id == Institution.id)),
    "PowerItemView.list", _l("items"))


def register_all() -> None:
    register(ITEMS)
