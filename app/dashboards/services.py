"""Use cases of the chart builder: a definition is validated against the dataset
registry on every save (form, API, CLI, seed), inside the writing transaction."""
from __future__ import annotations

from app.core import datasets
from app.core.errors import DomainError
from app.dashboards import rules
from app.dashboards.models import AGGREGATES, CHART_TYPES, ChartDefinition, Dashboard
from app.extensions import db

CHART_FIELDS = frozenset({"name", "dataset", "dimension", "bucket", "split", "aggregate", "measure", "chart_type",
                          "filters", "sort", "row_limit"})


def validate_chart(chart: ChartDefinition) -> None:
    """Refuse a definition naming anything its dataset does not whitelist."""
    if not (chart.name or "").strip():
        raise DomainError("chart.name_required")
    if chart.chart_type not in CHART_TYPES:
        raise DomainError("chart.unknown_type", chart_type=chart.chart_type)
    if chart.aggregate not in AGGREGATES:
        raise DomainError("dataset.unknown_aggregate", aggregate=chart.aggregate)
    if chart.aggregate == "count":
        chart.measure = None  # a count needs no column: a leftover one is dropped, not kept stale
    if chart.split and chart.chart_type not in ("stacked_bar", "table"):
        raise DomainError("chart.split_needs_stack", chart_type=chart.chart_type)
    if chart.chart_type == "stacked_bar" and not chart.split:
        raise DomainError("chart.stack_needs_split")
    datasets.check(rules.query_of(chart))


def create_chart(chart: ChartDefinition) -> ChartDefinition:
    validate_chart(chart)
    db.session.add(chart)
    db.session.flush()
    return chart


def update_chart(chart: ChartDefinition, **changes) -> ChartDefinition:
    unknown = set(changes) - CHART_FIELDS
    if unknown:
        raise TypeError(f"update_chart: not changeable here: {sorted(unknown)}")
    for key, value in changes.items():
        setattr(chart, key, value)
    validate_chart(chart)
    db.session.flush()
    return chart


def save_dashboard(board: Dashboard, **_changes) -> Dashboard:
    if not (board.name or "").strip():
        raise DomainError("dashboard.name_required")
    db.session.add(board)
    db.session.flush()
    return board
