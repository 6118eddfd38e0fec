"""The charts: the leader's built-in ones, and what any chart sends the browser.

A chart's data is one SQL aggregate over the user's scoped rows
(``app.core.datasets.run``) or a registered series; the browser gets the
categories, the series and, per category, the URL of the list behind it (the
list's own filter), never a row.  Nothing is cached: no number can cross from
one user's scope to another's.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Optional

from flask import current_app, url_for
from flask_babel import gettext, lazy_gettext as _l

from app.core import datasets
from app.core.datasets import Query
from app.extensions import db

NEAR_CAP_DEFAULT = 90  # per cent; DASHBOARD_NEAR_CAP_PERCENT overrides it


@dataclass(frozen=True)
class Chart:
    """A built-in chart.  ``kind``: usage (limit and use per category, with % used
    and the near/at-cap flags), bar, pie, line (a series)."""

    key: str
    title: Any
    kind: str
    query: Optional[Query] = None
    series: Optional[str] = None  # a registered ``datasets.Series`` instead of a query
    measure_titles: tuple = ()
    own_unit: Any = None  # a unit other than the dataset's count unit (several measures: 件 · 分钟 · 百分比)

    @property
    def permission(self) -> str:
        if self.series:
            return datasets.series(self.series).permission
        return datasets.get(self.query.dataset).permission

    @property
    def unit(self) -> Any:
        if self.own_unit is not None:
            return self.own_unit
        if self.series:
            return _l("days")
        return datasets.get(self.query.dataset).unit


_USAGE = (("sum", "approved"), ("sum", "occupied"), ("sum", "vacant"))
LEADER_CHARTS = (
    Chart("quota_by_type", _l("Quota use by quota type"), "usage", Query("allocations", "quota_type", _USAGE),
          measure_titles=(_l("Approved"), _l("Occupied"), _l("Vacant"))),
    Chart("quota_by_region", _l("Quota use by region"), "usage", Query("allocations", "region", _USAGE),
          measure_titles=(_l("Approved"), _l("Occupied"), _l("Vacant"))),
    Chart("caps_by_region", _l("Institutions against their caps, by region"), "usage",
          Query("institution_caps", "region", (("sum", "total"), ("sum", "used"))),
          measure_titles=(_l("Total"), _l("Used"))),
    Chart("institutions_by_status", _l("Institutions by status"), "pie", Query("institutions", "status")),
    Chart("cases_by_state", _l("Case pipeline by state"), "bar", Query("cases", "state")),
    Chart("cases_by_type", _l("Cases by type"), "pie", Query("cases", "case_type")),
    Chart("case_throughput", _l("Throughput: filed to signed off"), "line", series="case_throughput",
          measure_titles=(_l("p50"), _l("p90"), _l("Cases signed off"))),
    Chart("coordination_by_status", _l("Coordination items by status"), "pie", Query("coordination_items", "status")),
    Chart("coordination_overdue", _l("Coordination items overdue"), "bar", Query("coordination_items", "overdue")),
)
# The second built-in dashboard (执行与监督): the execution and supervision domains' datasets.
EXECUTION_CHARTS = (
    Chart("power_items_by_type", _l("Power list by item type"), "pie", Query("power_items", "type")),
    Chart("power_items_by_department", _l("Power list by department and item type"), "stacked_bar",
          Query("power_items", "department", split="type", sort="-value", limit=20)),
    Chart("registration_turnaround", _l("Registrations by matter: receipt to issue and same-day rate"), "bar",
          Query("registrations", "matter", (("count", None), ("avg", "turnaround_minutes"),
                                             ("avg", "same_day_percent"))),
          measure_titles=(_l("Registrations"), _l("Receipt to issue, average (minutes)"),
                          _l("Same-day rate (per cent)")),
          own_unit=_l("registrations · minutes · per cent")),
    Chart("spot_check_outcomes", _l("Spot-check outcomes"), "pie", Query("spot_tasks", "outcome")),
    Chart("findings_by_state", _l("Findings by state"), "pie", Query("findings", "state")),
    Chart("findings_overdue", _l("Overdue findings by state"), "bar",
          Query("findings", "state", filters=(datasets.Filter("overdue", "=", "overdue"),))),
)
BOARDS = {"cockpit": LEADER_CHARTS, "execution": EXECUTION_CHARTS}
BY_KEY = {chart.key: chart for chart in (*LEADER_CHARTS, *EXECUTION_CHARTS)}


def may_read(permission: str) -> bool:
    """The user may read the resource behind a chart: the same permission as its list."""
    return current_app.appbuilder.sm.has_access("can_read", permission)


def near_cap_percent(requested: Optional[str] = None) -> int:
    default = int(current_app.config.get("DASHBOARD_NEAR_CAP_PERCENT", NEAR_CAP_DEFAULT))
    if requested and requested.isdigit() and 1 <= int(requested) <= 100:
        return int(requested)
    return default


def _drill_url(dataset, query: Query, row: dict) -> Optional[str]:
    """The list behind one value: the list's own URL filters, so its row count is the chart's count."""
    dim = dataset.dimension(query.dimension)
    if dim.drill is None or query.bucket or query.split:
        return None
    endpoint = dim.drill[0]
    args = dim.drill_filters(row["key"])
    if args is None:
        return None
    for flt in query.filters:  # the chart's own filters, where the list can say them
        other = dataset.dimension(flt.column)
        extra = other.drill_filters(flt.value) if flt.op == "=" and other.drill else None
        if extra is None or other.drill[0] != endpoint:
            return None
        args = {**args, **extra}
    return url_for(endpoint, **args)


def _usage_levels(rows: list[dict], threshold: int) -> list[dict]:
    """% used of the first measure (the limit) by the second (the use), and its flag."""
    out = []
    for row in rows:
        limit, used = row["values"][0], row["values"][1]
        percent = round(100 * used / limit, 1) if limit else (100.0 if used else 0.0)
        level = "at" if percent >= 100 else "near" if percent >= threshold else ""
        out.append({"label": row["label"], "limit": limit, "used": used, "percent": percent, "level": level})
    return out


def payload(title: Any, kind: str, rows: list[dict], *, unit: Any, measure_titles=(), drill=None,
            threshold: Optional[int] = None, split: bool = False) -> dict:
    """What the browser draws: categories, one series per measure (or per split value), drill URLs."""
    data: dict[str, Any] = {"title": str(title), "kind": kind, "unit": str(unit or ""),
                            "as_of": dt.datetime.now().strftime("%Y-%m-%d %H:%M")}
    if split:
        categories = list(dict.fromkeys(row["label"] for row in rows))
        names = list(dict.fromkeys(row["split_label"] for row in rows))
        cells = {(row["label"], row["split_label"]): row["values"][0] for row in rows}
        data["categories"] = categories
        data["series"] = [{"name": name, "data": [cells.get((cat, name), 0) for cat in categories]} for name in names]
        data["drill"] = [None] * len(categories)
        return data
    data["categories"] = [row["label"] for row in rows]
    titles = [str(t) for t in measure_titles] or [gettext("Count")]
    data["series"] = [{"name": titles[i] if i < len(titles) else "", "data": [row["values"][i] for row in rows]}
                      for i in range(len(rows[0]["values"]) if rows else len(titles))]
    data["drill"] = drill or [None] * len(rows)
    if kind == "usage":
        data["threshold"] = threshold
        data["usage"] = _usage_levels(rows, threshold)
    return data


def builtin(chart: Chart, threshold: int) -> dict:
    if chart.series:
        rows = datasets.series(chart.series).fn(None)
        return payload(chart.title, chart.kind, rows, unit=chart.unit, measure_titles=chart.measure_titles)
    dataset = datasets.get(chart.query.dataset)
    rows = datasets.run(db.session, chart.query)
    return payload(chart.title, chart.kind, rows, unit=chart.unit, measure_titles=chart.measure_titles,
                   drill=[_drill_url(dataset, chart.query, row) for row in rows], threshold=threshold,
                   split=bool(chart.query.split))


def defined(definition, query: Query) -> dict:
    """A chart from the builder (``ChartDefinition``) and the query it stands for."""
    dataset = datasets.get(query.dataset)
    rows = datasets.run(db.session, query)
    agg, measure = query.measures[0]
    if agg == "count":
        measure_title = gettext("Count")
    else:
        measure_title = f"{dict(AGG_TITLES)[agg]} · {dataset.measure(measure).title}"
    data = payload(definition.name, definition.chart_type, rows, unit=dataset.unit if agg == "count" else "",
                   measure_titles=(measure_title,), split=bool(query.split),
                   drill=[_drill_url(dataset, query, row) for row in rows])
    return data


AGG_TITLES = (("sum", _l("Sum")), ("avg", _l("Average")))


def table_rows(data: dict) -> tuple[list[str], list[list[Any]]]:
    """The chart's series as a table (the xlsx download)."""
    headers = [""] + [s["name"] for s in data["series"]]
    rows = [[cat] + [s["data"][i] for s in data["series"]] for i, cat in enumerate(data["categories"])]
    if data.get("usage"):
        headers.append("%")
        for row, usage in zip(rows, data["usage"]):
            row.append(usage["percent"])
    return headers, rows
