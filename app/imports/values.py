"""Cell values as people type them, turned into typed values (pure functions).

Full-width digits and letters become half-width (NFKC), surrounding spaces
(ASCII, full-width, no-break) go; text is otherwise kept verbatim — a cell
beginning with ``=`` is stored as that text and neutralised on export.
Dates accept what Chinese spreadsheets hold: date cells, ``2024-03-01``,
``2024/3/1``, ``2024.3.1``, ``2024年3月1日``, ``20240301`` and Excel serial
numbers (``45352``).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Optional

from app.core.errors import ValidationFailed

SPACES = " \u3000\xa0"
EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 (Excel's 1900 leap-year bug included)
MAX_SERIAL = 2_958_465  # 9999-12-31

_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_INT = re.compile(r"^[+-]?\d+(?:\.0*)?$")
TRUE = {"是", "y", "yes", "true", "1", "√", "✓", "t"}
FALSE = {"否", "n", "no", "false", "0", "×", "✗", "f"}


def text(value: Any) -> Optional[str]:
    """The cell as text, or None when empty; integral numbers lose their ``.0``."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        value = value.date() if isinstance(value, dt.datetime) else value
        return value.isoformat()
    out = str(value).strip(SPACES)
    return out or None


def folded(value: Any) -> Optional[str]:
    """Text for codes, numbers, dates and choices: NFKC (full-width to half-width), trimmed."""
    raw = text(value)
    if raw is None:
        return None
    if raw.isascii():  # NFKC leaves ASCII as it is: the usual cell pays no normalisation
        return raw.strip() or None
    return unicodedata.normalize("NFKC", raw).strip() or None


def to_int(value: Any, column: str) -> Optional[int]:
    if isinstance(value, bool):
        raise ValidationFailed("import.row.bad_int", column=column, value=value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValidationFailed("import.row.bad_int", column=column, value=value)
    raw = folded(value)
    if raw is None:
        return None
    compact = raw.replace(",", "").replace(" ", "")
    if not _INT.match(compact):
        raise ValidationFailed("import.row.bad_int", column=column, value=raw)
    return int(compact.split(".")[0])


def to_date(value: Any, column: str) -> Optional[dt.date]:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_number(value, column, value)
    raw = folded(value)
    if raw is None:
        return None
    match = _YMD.match(raw) or _COMPACT.match(raw)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()[:3]))
        except ValueError:
            raise ValidationFailed("import.row.bad_date", column=column, value=raw) from None
    if _INT.match(raw):
        return _from_number(float(raw), column, raw)
    raise ValidationFailed("import.row.bad_date", column=column, value=raw)


def _from_number(number: float, column: str, shown: Any) -> dt.date:
    if not float(number).is_integer():
        number = int(number)  # a date-time serial: the day is the integer part
    number = int(number)
    if 19000101 <= number <= 29991231:  # 20240301 typed as a number
        return to_date(str(number), column)
    if 1 <= number <= MAX_SERIAL:
        return EXCEL_EPOCH + dt.timedelta(days=number)
    raise ValidationFailed("import.row.bad_date", column=column, value=shown)


def to_bool(value: Any, column: str, extra: Optional[dict[str, bool]] = None) -> Optional[bool]:
    if isinstance(value, bool):
        return value
    raw = folded(value)
    if raw is None:
        return None
    key = raw.lower()
    if extra and key in extra:
        return extra[key]
    if key in TRUE:
        return True
    if key in FALSE:
        return False
    raise ValidationFailed("import.row.bad_bool", column=column, value=raw)


def choice_key(value: Any) -> Optional[str]:
    """How a choice label is compared: folded, lower case, no inner spaces."""
    raw = folded(value)
    return None if raw is None else re.sub(r"\s+", "", raw).lower()


# A code typed into a numeric cell: Excel keeps 15 significant digits and shows
# (and a CSV saved from it holds) the number in scientific notation.
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$")
EXCEL_DIGITS = 15


def numeric_code(value: Any) -> Optional[tuple[str, bool]]:
    """How a code cell that holds a number reads, and whether digits are lost.

    ``None`` for a text cell.  A number (int or float from the reader) or text in
    scientific notation (``3.70281199510138E+17``, a CSV saved from a numeric
    cell) is never a code: the digits beyond Excel's 15 are gone, and nothing
    may guess them back.  Returns ``(as Excel shows it, digits lost)``.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        digits = len(str(abs(int(value))))
        if isinstance(value, float) and not value.is_integer():
            shown = repr(value)
        elif digits > 11:  # Excel's General format turns to scientific notation here
            shown = f"{float(value):.{EXCEL_DIGITS}G}"
        else:
            shown = str(int(value))
        return shown, digits > EXCEL_DIGITS
    raw = folded(value)
    if raw is not None and _SCIENTIFIC.match(raw):
        return raw.upper(), True
    return None
