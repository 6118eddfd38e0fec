"""自定义字段 — extra fields (issue #16 §2): a definition per (resource, code) and a typed
side table of values.

Why a side table and not a JSON column: one shape on SQLite and PostgreSQL, and a filter
on an extra field is an index range scan on ``(field_id, value_…)`` returning row ids,
as fast as a built-in column's index (the benchmark in ``bench/``).  Each value lands
in the column of its type (text and dictionary codes in ``value_text``, integers,
decimals and yes/no in ``value_num``, dates in ``value_date``), so comparisons are the
database's own, not text comparisons.

A definition is never deleted: removing it archives it (its values stay, recoverable
by un-archiving), so ``extra_value.field_id`` needs no cascade.
"""
from __future__ import annotations

import datetime as dt
import decimal
from typing import Optional

from sqlalchemy import (JSON, Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, Numeric, String,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Model

KINDS = ("text", "integer", "decimal", "date", "choice", "yesno")


class ExtraField(Model):
    __tablename__ = "extra_field"
    __table_args__ = (
        UniqueConstraint("resource", "code"),
        CheckConstraint(f"kind IN {KINDS}", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resource: Mapped[str] = mapped_column(String(64))  # the resource's permission name (Person, …)
    code: Mapped[str] = mapped_column(String(40))
    label_zh: Mapped[str] = mapped_column(String(100))
    label_en: Mapped[Optional[str]] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10), default="text")
    dictionary: Mapped[Optional[str]] = mapped_column(String(64))  # choice: the dictionary resource
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    min_value: Mapped[Optional[decimal.Decimal]] = mapped_column(Numeric(24, 6))  # integer, decimal
    max_value: Mapped[Optional[decimal.Decimal]] = mapped_column(Numeric(24, 6))
    min_date: Mapped[Optional[dt.date]] = mapped_column(Date)
    max_date: Mapped[Optional[dt.date]] = mapped_column(Date)
    min_length: Mapped[Optional[int]] = mapped_column(Integer)  # text
    max_length: Mapped[Optional[int]] = mapped_column(Integer)
    pattern: Mapped[Optional[str]] = mapped_column(String(200))  # text: a regular expression the whole value matches
    help_zh: Mapped[Optional[str]] = mapped_column(String(300))
    help_en: Mapped[Optional[str]] = mapped_column(String(300))
    read_roles: Mapped[list] = mapped_column(JSON, default=list)  # role names; writers read too, admin always
    write_roles: Mapped[list] = mapped_column(JSON, default=list)
    sort: Mapped[int] = mapped_column(Integer, default=0)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)

    def label(self, lang: Optional[str] = None) -> str:
        return (self.label_en or self.label_zh) if lang == "en" else self.label_zh

    @property
    def values_held(self) -> int:
        """How many rows carry a value (shown on the admin page, archived fields too)."""
        from sqlalchemy import func, select
        from sqlalchemy.orm import object_session

        session = object_session(self)
        if session is None or self.id is None:
            return 0
        return session.execute(select(func.count()).where(ExtraValue.field_id == self.id)).scalar()

    def __repr__(self) -> str:
        return self.label_zh


class ExtraValue(Model):
    __tablename__ = "extra_value"
    __table_args__ = (
        UniqueConstraint("field_id", "row_id"),
        # The filters' indexes: the field first, then the value, the row id carried along
        # so an equality or range filter is answered from the index alone.
        Index("ix_extra_value_text", "field_id", "value_text", "row_id"),
        Index("ix_extra_value_num", "field_id", "value_num", "row_id"),
        Index("ix_extra_value_date", "field_id", "value_date", "row_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    field_id: Mapped[int] = mapped_column(ForeignKey("extra_field.id"))
    row_id: Mapped[int] = mapped_column(Integer)  # the resource's row (its primary key)
    value_text: Mapped[Optional[str]] = mapped_column(String(2000))
    value_num: Mapped[Optional[decimal.Decimal]] = mapped_column(Numeric(24, 6))
    value_date: Mapped[Optional[dt.date]] = mapped_column(Date)
    field: Mapped[ExtraField] = relationship(lazy="joined")
