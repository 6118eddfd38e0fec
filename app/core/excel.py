"""xlsx export of list rows (SPEC §7): formula-injection safe, streaming writer."""
from __future__ import annotations

import re

import datetime as dt
import decimal
import io
from typing import Any, Iterable, Sequence

from openpyxl import Workbook

# A cell beginning with one of these is run as a formula by spreadsheet programs.
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Make a cell value inert: text that would start a formula gets a leading quote."""
    if value is None or isinstance(value, (bool, int, float, decimal.Decimal, dt.date, dt.datetime)):
        return value
    text = str(value)
    if text.startswith(DANGEROUS_PREFIXES):
        return "'" + text
    return text


def write_xlsx(headers: Sequence[str], rows: Iterable[Sequence[Any]], sheet_title: str = "Sheet1") -> bytes:
    return write_workbook([(sheet_title, headers, rows)])


def write_workbook(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """Several sheets of (title, headers, rows), every cell neutralised."""
    wb = Workbook(write_only=True)
    for title, headers, rows in sheets:
        # Excel forbids \ / ? * [ ] : in a sheet's name and allows 31 characters
        # (a chart titled "编制: 按类型" made openpyxl raise).
        name = re.sub(r"[\\/?*\[\]:：]", "_", str(title)).strip("'")[:31]
        ws = wb.create_sheet(title=name or "Sheet1")
        ws.append([neutralise(h) for h in headers])
        for row in rows:
            ws.append([neutralise(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
