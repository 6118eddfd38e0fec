"""Rules of the chart builder: the filter lines an administrator writes, and
the ``Query`` a stored definition stands for.

A filter line names its column and a choice value by their labels, in either
language (``状态 = 在职``, ``Status = In post``), or by their codes (the CLI's and
the API's spelling); they are stored as written and read into codes here, so a
chart drawn in English reads the same line as in Chinese."""
from __future__ import annotations

import re

from flask import current_app, has_app_context
from flask_babel import force_locale

from app.core import datasets
from app.core.datasets import OPERATORS, Filter, Query
from app.core.errors import DomainError

_OPS = "|".join(re.escape(op) for op in sorted(OPERATORS, key=len, reverse=True))
_LINE = re.compile(r"^\s*(.+?)\s*(" + _OPS + r")\s*(.+?)\s*$")


def _spellings(text) -> set[str]:
    """A lazy label in every language the application speaks (the text itself outside one)."""
    if not has_app_context():
        return {str(text)}
    out = set()
    for lang in current_app.config.get("LANGUAGES", {}) or ("zh",):
        with force_locale(lang):
            out.add(str(text).strip())
    return out


def _code(token: str, named: dict) -> str:
    """The code ``token`` names in ``named`` (code -> label), by code or by label; else ``token``."""
    if token in named:
        return token
    for code, label in named.items():
        if token in _spellings(label):
            return code
    return token


def _lines(text: str | None):
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if match is None:
            raise DomainError("chart.filter_syntax", line=number, text=line.strip()[:80])
        yield match.groups()


def parse_filters(text: str | None, dataset: str | None = None) -> tuple[Filter, ...]:
    """One filter a line, ``column op value`` (``状态 = 在职``, ``entry_date >= 2020-01-01``),
    the column and a choice value read into their codes from ``dataset``'s dimensions.
    A column that is none of them stays as written: ``datasets.check`` refuses it by name."""
    dims = {d.name: d for d in datasets.get(dataset).dimensions} if dataset else {}
    filters = []
    for column, op, value in _lines(text):
        column = _code(column, {name: dim.title for name, dim in dims.items()})
        if column in dims and dims[column].labels:
            value = _code(value, dims[column].labels)
        filters.append(Filter(column, op, value))
    return tuple(filters)


def filters_label(text: str | None) -> str:
    """A definition's filter lines as a reader sees them: columns and choice values by their labels."""
    if not text:
        return ""
    dims = {}
    for dataset in datasets.all_datasets():
        for dim in dataset.dimensions:
            dims.setdefault(dim.name, dim)
    shown = []
    for line in text.splitlines():
        match = _LINE.match(line) if line.strip() else None
        if match is None:
            shown.append(line)
            continue
        column, op, value = match.groups()
        dim = dims.get(column)
        if dim is not None:
            value = (dim.labels or {}).get(value, value)
            column = dim.title
        shown.append(f"{column} {op} {value}")
    return "\n".join(shown)


def query_of(chart) -> Query:
    measure = None if chart.aggregate == "count" else chart.measure
    return Query(chart.dataset, chart.dimension, ((chart.aggregate, measure or None),),
                 bucket=chart.bucket or None, filters=parse_filters(chart.filters, chart.dataset),
                 sort=chart.sort or "key", limit=chart.row_limit, split=chart.split or None)
