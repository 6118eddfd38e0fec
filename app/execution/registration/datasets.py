"""Registration's dataset for charts (``app.core.datasets``): registrations by
matter, step and channel, with the receipt-to-issue time (minutes) and the
same-day rate (即时办结率, % of the issued ones) as measures."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Float, Integer, case, cast

from app.core.datasets import Dataset, Dimension, Measure, register
from app.execution.registration.labels import CHOICES
from app.execution.registration.models import Registration
from app.quota.models import Institution, Region

LIST = "RegistrationView.list"
REGISTRATIONS = Dataset(
    "registrations", _l("Registrations"), Registration, "Registration",
    (Dimension("matter", _l("Matter"), Registration.matter, drill=(LIST, "_flt_3_matter"),
               labels=dict(CHOICES["matter"])),
     Dimension("step", _l("Step"), Registration.step, drill=(LIST, "_flt_3_step"),
               labels=dict(CHOICES["registration_step"])),
     Dimension("channel", _l("Channel"), Registration.channel, drill=(LIST, "_flt_3_channel"),
               labels=dict(CHOICES["channel"])),
     Dimension("same_day", _l("Same-day completion"), Registration.same_day),
     Dimension("region", _l("Region"), Region.id, Region.name),
     Dimension("applied_at", _l("Applied at"), Registration.applied_at),
     Dimension("issued_at", _l("Issued at"), Registration.issued_at)),
    (Measure("turnaround_minutes", _l("Receipt to issue (minutes)"),
             cast(Registration.turnaround_s, Float) / 60),
     # 100 for a registration issued on the day of receipt, 0 for one that was not, NULL before the issue:
     # its average is the same-day rate of the issued ones, in per cent
     Measure("same_day_percent", _l("Same-day rate (per cent)"),
             case((Registration.same_day.is_(True), 100), (Registration.same_day.is_(False), 0),
                  else_=None).cast(Integer))),
    lambda stmt: (stmt.join(Institution, Registration.institution_id == Institution.id)
                  .join(Region, Institution.region_id == Region.id)),
    LIST, _l("registrations"))


def register_all() -> None:
    register(REGISTRATIONS)
