"""Chart definitions and dashboards, as data (the low-code chart builder).

A definition names a registered dataset and, within it, only whitelisted
dimension and measure names (``app.core.datasets``); the service validates them
on every save, and the executor reads nothing else, so a stored definition can
never reach a table or column outside its dataset.  A dashboard lists charts and
the roles it is shown to; ``landing`` makes it those roles' home page.
"""
from __future__ import annotations

from typing import Optional

from flask_appbuilder.security.sqla.models import Role
from sqlalchemy import Boolean, CheckConstraint, Column, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Model

CHART_TYPES = ("bar", "stacked_bar", "line", "pie", "table", "number")
AGGREGATES = ("count", "sum", "avg")
BUCKETS = ("month", "quarter", "year")
SORTS = ("key", "value", "-value")


def _in(column: str, values: tuple) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class ChartDefinition(Model):
    __tablename__ = "chart_definition"
    __table_args__ = (
        CheckConstraint(_in("chart_type", CHART_TYPES), name="chart_type"),
        CheckConstraint(_in("aggregate", AGGREGATES), name="aggregate"),
        CheckConstraint(f"bucket IS NULL OR {_in('bucket', BUCKETS)}", name="bucket"),
        CheckConstraint(_in("sort", SORTS), name="sort"),
        CheckConstraint("row_limit IS NULL OR (row_limit >= 1 AND row_limit <= 500)", name="row_limit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    dataset: Mapped[str] = mapped_column(String(50))
    dimension: Mapped[str] = mapped_column(String(50))
    bucket: Mapped[Optional[str]] = mapped_column(String(10))
    split: Mapped[Optional[str]] = mapped_column(String(50))
    aggregate: Mapped[str] = mapped_column(String(10), default="count")
    measure: Mapped[Optional[str]] = mapped_column(String(50))
    chart_type: Mapped[str] = mapped_column(String(20), default="bar")
    filters: Mapped[Optional[str]] = mapped_column(Text)  # one "column op value" a line (rules.parse_filters)
    sort: Mapped[str] = mapped_column(String(10), default="key")
    row_limit: Mapped[Optional[int]] = mapped_column(Integer)

    def __repr__(self) -> str:
        return self.name


dashboard_chart = Table(
    "dashboard_chart", Model.metadata,
    Column("dashboard_id", ForeignKey("dashboard.id", ondelete="CASCADE"), primary_key=True),
    Column("chart_id", ForeignKey("chart_definition.id", ondelete="CASCADE"), primary_key=True),
)
dashboard_role = Table(
    "dashboard_role", Model.metadata,
    Column("dashboard_id", ForeignKey("dashboard.id", ondelete="CASCADE"), primary_key=True),
    Column("role_id", ForeignKey("ab_role.id", ondelete="CASCADE"), primary_key=True),
)


class Dashboard(Model):
    __tablename__ = "dashboard"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[Optional[str]] = mapped_column(Text)
    landing: Mapped[bool] = mapped_column(Boolean, default=False)
    charts: Mapped[list[ChartDefinition]] = relationship(secondary=dashboard_chart, order_by=ChartDefinition.id)
    roles: Mapped[list[Role]] = relationship(secondary=dashboard_role)

    def __repr__(self) -> str:
        return self.name
