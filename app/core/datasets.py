"""Datasets for charts: what the domains let the dashboards aggregate, and the one
executor that aggregates them in SQL, within the user's row scope.

A domain registers a ``Dataset`` from its ``init_app``: a scoped model, the joins
its dimensions need, a whitelist of dimensions (columns to group by, each with the
list filter a drill-down uses) and of measures (numeric columns to sum or
average; counting rows needs none).  ``app.dashboards`` reads the registry and
never imports a domain for a chart; a chart definition can only name what is
whitelisted here, so it can never reach another table or column.

A ``Series`` is for what one GROUP BY cannot say (percentiles of throughput
times): a function of the row scope, registered by its domain the same way.

Scoping is ``app.core.scoping.apply`` on the dataset's model, the predicate every
list uses, so a chart never shows a number its user could not reach row by row.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from sqlalchemy import Date, DateTime, Float, Integer, Numeric, String, cast, func, select, union_all

from app.core import scoping
from app.core.errors import DomainError

AGGREGATES = ("count", "sum", "avg")
BUCKETS = ("month", "quarter", "year")
OPERATORS = ("=", "!=", ">=", "<=")


@dataclass(frozen=True)
class Dimension:
    """A column to group by.  ``key`` is what is grouped (an id, a code, a date);
    ``label`` (optional) the text shown for it; ``drill`` the list view's endpoint
    and its URL filter argument for one value (``("PersonView.list", "_flt_0_quota_type")``);
    ``drill_args`` (optional), for a value no single list filter says, the list's URL
    filters of one value (``None``: that value does not drill)."""

    name: str
    title: Any  # lazy msgid
    key: Any  # SQL expression
    label: Any = None  # SQL expression, grouped along with the key
    drill: Optional[tuple[str, str]] = None
    labels: Optional[dict] = None  # code -> lazy msgid, for choice columns
    drill_args: Optional[Callable[[Any], Optional[dict]]] = None

    def drill_filters(self, value) -> Optional[dict]:
        """The list's URL filters of one value, or ``None`` if the list cannot say it."""
        if self.drill is None:
            return None
        if self.drill_args is not None:
            return self.drill_args(value)
        return {self.drill[1]: value}

    @property
    def is_date(self) -> bool:
        return isinstance(getattr(self.key, "type", None), (Date, DateTime))


@dataclass(frozen=True)
class Measure:
    name: str
    title: Any
    column: Any  # numeric SQL expression

    @property
    def numeric(self) -> bool:
        return isinstance(getattr(self.column, "type", None), (Integer, Numeric, Float))


@dataclass(frozen=True)
class Counter:
    """A count of the dataset's rows that the services keep, in the writing
    transaction, in a smaller table scoped like the dataset's model (the quota
    core's ``occupied`` per institution × quota type counts the persons in post).

    A count grouped and filtered only by ``dimensions`` is answered from it: the
    counter's rows, plus the dataset's rows it does not count (``rest``; few, and
    indexed) counted per ``row_grain``, both at the counter's grain; ``joins`` then
    reaches the dimensions' tables from the grain's columns.  That equals a recount
    of the rows; ``state`` = ``counted`` as a filter leaves the counter alone.
    Anything else (another filter, a bucket, a measure) counts the rows."""

    model: type
    column: Any  # the counter column: how many of the dataset's rows one counter row stands for
    grain: tuple  # the counter model's columns a counter row is kept per (institution, quota type)
    row_grain: tuple  # the dataset model's columns that match them, in the same order
    joins: Callable[[Any, tuple], Any]  # (statement, the grain's columns) -> the statement joined to the dimensions
    dimensions: frozenset
    state: str  # the dataset dimension telling counted rows from the rest
    counted: Any  # its value for the rows the counter counts
    rest: Any  # SQL criterion on the dataset's model: the rows the counter does not count


@dataclass(frozen=True)
class Dataset:
    name: str
    title: Any
    model: type  # the scoped model: its rows are what is counted
    permission: str  # the resource whose can_read a user needs to see the chart
    dimensions: tuple[Dimension, ...]
    measures: tuple[Measure, ...] = ()
    joins: Callable[[Any], Any] = field(default=lambda stmt: stmt)  # adds the joins the dimensions need
    drill_all: Optional[str] = None  # the list endpoint of every row
    unit: Any = None  # lazy msgid of a count's unit (个, 人 …)
    counter: Optional[Counter] = None  # answers plain counts without reading every row

    def dimension(self, name: str) -> Dimension:
        for dim in self.dimensions:
            if dim.name == name:
                return dim
        raise DomainError("dataset.unknown_dimension", dataset=self.name, column=name)

    def measure(self, name: str) -> Measure:
        for measure in self.measures:
            if measure.name == name:
                return measure
        raise DomainError("dataset.unknown_measure", dataset=self.name, column=name)


@dataclass(frozen=True)
class Series:
    """A registered function ``fn(scope) -> list[dict]`` for what a GROUP BY cannot say."""

    name: str
    title: Any
    permission: str
    fn: Callable[[Any], list[dict]]


_DATASETS: dict[str, Dataset] = {}
_SERIES: dict[str, Series] = {}


def register(dataset: Dataset) -> None:
    _DATASETS[dataset.name] = dataset


def register_series(series: Series) -> None:
    _SERIES[series.name] = series


def get(name: str) -> Dataset:
    if name not in _DATASETS:
        raise DomainError("dataset.unknown", dataset=name)
    return _DATASETS[name]


def series(name: str) -> Series:
    return _SERIES[name]


def all_datasets() -> list[Dataset]:
    return list(_DATASETS.values())


@dataclass(frozen=True)
class Filter:
    column: str
    op: str
    value: str


@dataclass(frozen=True)
class Query:
    """One aggregate: group ``dataset`` by ``dimension`` (dates by ``bucket``),
    and compute each ``(aggregate, measure)``; measure ``None`` counts rows."""

    dataset: str
    dimension: str
    measures: tuple[tuple[str, Optional[str]], ...] = (("count", None),)
    bucket: Optional[str] = None
    filters: tuple[Filter, ...] = ()
    sort: str = "key"  # key | value | -value
    limit: Optional[int] = None
    split: Optional[str] = None  # a second dimension: one series per value (stacked bars)


def bucketed(expr, bucket: str, dialect: str):
    """A date bucketed as text: '2026-11', '2026-Q4', '2026'."""
    if dialect == "sqlite":
        if bucket == "month":
            return func.strftime("%Y-%m", expr)
        if bucket == "year":
            return func.strftime("%Y", expr)
        quarter = cast((cast(func.strftime("%m", expr), Integer) + 2) / 3, Integer)
        return func.strftime("%Y", expr, type_=String).concat("-Q").concat(cast(quarter, String))
    if bucket == "month":
        return func.to_char(expr, "YYYY-MM")
    if bucket == "year":
        return func.to_char(expr, "YYYY")
    return func.to_char(expr, 'YYYY-"Q"Q')


def check(query: Query) -> Dataset:
    """Refuse anything outside the dataset's whitelist, naming it (zh/en)."""
    dataset = get(query.dataset)
    dim = dataset.dimension(query.dimension)
    if query.bucket is not None:
        if query.bucket not in BUCKETS:
            raise DomainError("dataset.unknown_bucket", bucket=query.bucket)
        if not dim.is_date:
            raise DomainError("dataset.bucket_not_date", column=query.dimension)
    for agg, name in query.measures:
        if agg not in AGGREGATES:
            raise DomainError("dataset.unknown_aggregate", aggregate=agg)
        if agg == "count":
            if name is not None:
                raise DomainError("dataset.count_takes_no_column", column=name)
            continue
        if name is None:
            raise DomainError("dataset.measure_needs_column", aggregate=agg)
        if not dataset.measure(name).numeric:
            raise DomainError("dataset.measure_not_numeric", column=name, aggregate=agg)
    if query.split is not None:
        if query.split == query.dimension:
            raise DomainError("dataset.split_same", column=query.split)
        if dataset.dimension(query.split).is_date:
            raise DomainError("dataset.split_date", column=query.split)
    for flt in query.filters:
        if flt.op not in OPERATORS:
            raise DomainError("dataset.unknown_operator", operator=flt.op)
        _filter_clause(dataset.dimension(flt.column), flt)  # its value must fit the column
    if query.sort not in ("key", "value", "-value"):
        raise DomainError("dataset.unknown_sort", sort=query.sort)
    if query.limit is not None and not 1 <= query.limit <= 500:
        raise DomainError("dataset.limit_range", limit=query.limit)
    return dataset


def _filter_clause(dim: Dimension, flt: Filter):
    target = dim.key
    value: Any = flt.value
    try:
        python_type = target.type.python_type
    except (AttributeError, NotImplementedError):  # an expression of no Python type: compare as text
        python_type = str
    if python_type is bool:
        value = str(value).lower() in ("1", "true", "yes", "是")
    elif python_type is int:
        if not str(value).lstrip("-").isdigit() or abs(int(value)) > 2**63 - 1:
            raise DomainError("dataset.filter_not_number", column=dim.name, value=value)
        value = int(value)
    elif python_type in (dt.date, dt.datetime):
        try:
            value = dt.date.fromisoformat(str(value))
        except ValueError:
            raise DomainError("dataset.filter_not_date", column=dim.name, value=value) from None
    return {"=": target == value, "!=": target != value, ">=": target >= value, "<=": target <= value}[flt.op]


def _number(value):
    value = float(value or 0)
    return int(value) if value.is_integer() else round(value, 2)


def run(session, query: Query) -> list[dict]:
    """The aggregate's rows, ``{"key", "label", "values": [...]}`` (plus ``split``
    and ``split_label`` with a second dimension), within the current user's row
    scope (none outside a request: the CLI, a benchmark)."""
    dataset = check(query)
    dim = dataset.dimension(query.dimension)
    dialect = session.get_bind().dialect.name
    key = bucketed(dim.key, query.bucket, dialect) if query.bucket else dim.key
    label = dim.label if (dim.label is not None and not query.bucket) else None
    groups = [key] + ([label] if label is not None else [])
    split = dataset.dimension(query.split) if query.split else None
    if split is not None:
        groups += [split.key] + ([split.label] if split.label is not None else [])
    counter = _counter_for(dataset, query)
    if counter is not None:
        stmt = _counted(dataset, counter, query, key, groups)
    else:
        values = []
        for agg, name in query.measures:
            if agg == "count":
                values.append(func.count(dataset.model.id))
            else:
                column = dataset.measure(name).column
                values.append(func.coalesce(func.sum(column) if agg == "sum" else func.avg(column), 0))
        stmt = dataset.joins(select(*groups, *values).select_from(dataset.model))
        for flt in query.filters:
            stmt = stmt.where(_filter_clause(dataset.dimension(flt.column), flt))
        stmt = stmt.where(key.is_not(None)).group_by(*groups)
        first = values[0]
        stmt = stmt.order_by({"key": key, "value": first, "-value": first.desc()}[query.sort], key)
        stmt = scoping.apply(dataset.model, stmt)
    if query.limit and split is None:  # with a split, the limit counts the categories (below)
        stmt = stmt.limit(query.limit)
    rows, seen = [], set()
    for row in session.execute(stmt):
        row = list(row)
        out = {"key": row.pop(0)}
        out["label"] = _shown(dim, row.pop(0) if label is not None else out["key"])
        if split is not None:
            out["split"] = row.pop(0)
            out["split_label"] = _shown(split, row.pop(0) if split.label is not None else out["split"])
            seen.add(out["key"])
            if query.limit and len(seen) > query.limit:
                break
        out["values"] = [_number(v) for v in row]
        rows.append(out)
    return rows


def _counter_for(dataset: Dataset, query: Query) -> Optional[Counter]:
    """The dataset's counter, if it can answer ``query`` exactly (see ``Counter``)."""
    counter = dataset.counter
    if counter is None or query.measures != (("count", None),) or query.bucket:
        return None
    if query.dimension not in counter.dimensions or (query.split and query.split not in counter.dimensions):
        return None
    for flt in query.filters:
        if flt.column in counter.dimensions:
            continue
        if not (flt.column == counter.state and flt.op == "=" and flt.value == counter.counted):
            return None
    return counter


def _counted(dataset: Dataset, counter: Counter, query: Query, key, groups) -> Any:
    """The count from the counter: its rows, plus the rows it does not count
    (unless the query keeps to the counted ones) counted per grain, each part
    scoped on its own model as the lists are; then joined to the dimensions,
    filtered and grouped once.  Groups of no row are left out, as a recount would."""
    grain = [f"c{i}" for i in range(len(counter.grain))]
    parts = [scoping.apply(counter.model, select(
        *(col.label(name) for col, name in zip(counter.grain, grain)), counter.column.label("n"))
        .where(counter.column > 0))]
    if not any(flt.column == counter.state for flt in query.filters):
        parts.append(scoping.apply(dataset.model, select(
            *(col.label(name) for col, name in zip(counter.row_grain, grain)), func.count(dataset.model.id).label("n"))
            .where(counter.rest).group_by(*counter.row_grain)))
    both = (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()
    total = func.sum(both.c.n)
    stmt = counter.joins(select(*groups, total).select_from(both), tuple(both.c[name] for name in grain))
    for flt in query.filters:
        if flt.column in counter.dimensions:
            stmt = stmt.where(_filter_clause(dataset.dimension(flt.column), flt))
    stmt = stmt.where(key.is_not(None)).group_by(*groups).having(total > 0)
    return stmt.order_by({"key": key, "value": total, "-value": total.desc()}[query.sort], key)


def _shown(dim: Dimension, value) -> str:
    if dim.labels and value in dim.labels:
        return str(dim.labels[value])
    if isinstance(value, bool):
        return str(dim.labels.get(value, value)) if dim.labels else ("✓" if value else "✗")
    return "" if value is None else str(value)
