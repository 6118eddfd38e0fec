"""The holiday table: the days that differ from the plain Monday–Friday week.

A row is either a public holiday (``off``, 休) or an adjusted working day
(``work``, 班 — a Saturday or Sunday worked in exchange, 调休).  Every other day
is a working day when it falls Monday to Friday.  A year counts as *held* when
the table has at least one row in it: the State Council publishes each year's
arrangement as a whole, late in the year before, and every year has at least
New Year's Day, so an empty year means "not entered yet", never "no holidays".
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.model_base import Model

KINDS = ("off", "work")


class Holiday(Model):
    __tablename__ = "workday_holiday"
    __table_args__ = (CheckConstraint("day_kind IN ('off', 'work')", name="day_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    day_kind: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(100))

    def __repr__(self) -> str:
        return f"{self.day.isoformat()} {self.day_kind} {self.name}"
