"""Pure rules of the chart builder: the filter lines an administrator writes, and
the ``Query`` a stored definition stands for."""
from __future__ import annotations

import re

from app.core.datasets import OPERATORS, Filter, Query
from app.core.errors import DomainError

_LINE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(" + "|".join(re.escape(op) for op in
                   sorted(OPERATORS, key=len, reverse=True)) + r")\s*(.+?)\s*$")


def parse_filters(text: str | None) -> tuple[Filter, ...]:
    """One filter a line, ``column op value`` (``status = active``, ``entry_date >= 2020-01-01``).
    The column must be one of the dataset's dimensions: ``datasets.check`` says so."""
    filters = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if match is None:
            raise DomainError("chart.filter_syntax", line=number, text=line.strip()[:80])
        filters.append(Filter(*match.groups()))
    return tuple(filters)


def query_of(chart) -> Query:
    measure = None if chart.aggregate == "count" else chart.measure
    return Query(chart.dataset, chart.dimension, ((chart.aggregate, measure or None),),
                 bucket=chart.bucket or None, filters=parse_filters(chart.filters), sort=chart.sort or "key",
                 limit=chart.row_limit, split=chart.split or None)
