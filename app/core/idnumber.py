"""Resident identity card numbers (居民身份证号, GB 11643, 18 characters).

Layout: positions 1-6 the division code where the number was first issued,
7-14 the birth date (YYYYMMDD), 15-17 a sequence number (odd for men, even for
women), 18 the ISO 7064 MOD 11-2 check character (0-9 or X).

We do not use ``stdnum.cn.ric`` (its per-call cleaning cost an import of 50,000
persons seconds, see ``_born``): the checks are a few lines here.  Its full
``validate`` also requires the region code to have existed in the holder's birth
year, which is wrong for real IDs: they carry the code in force when the ID was
first issued (1984 onwards), so a resident of 市南区 (370202, created 1983) born
in 1970 has a valid ``370202197001011238`` that stdnum refuses.  We check the
region against every code that ever existed instead (``regions.all_codes``).

No Flask dependency.
"""
from __future__ import annotations

import datetime
import operator
import re
from typing import Any


from app.core.errors import ValidationFailed
from app.core.messages import render
from app.core.regions import all_codes

__all__ = ["IdNumberInvalid", "birth_date", "gender", "mask", "normalize", "validate"]

LENGTH = 18
MIN_BIRTH_DATE = datetime.date(1900, 1, 1)
_FORMAT = re.compile(r"^\d{17}[\dX]$")


class IdNumberInvalid(ValidationFailed):
    """``ValidationFailed("ric.invalid", value=..., reason=...)`` whose reason is
    itself a message key (``ric.reason.*``), rendered in the same language as
    the message.  ``params`` holds ``value``, ``reason`` (the reason key) and
    the reason's own parameters (``expected``, ``actual``, ``date``...).
    """

    def __init__(self, value: str, reason: str, **reason_params: Any) -> None:
        self.reason_key = reason
        self.reason_params = reason_params
        super().__init__("ric.invalid", value=value, reason=reason, **reason_params)

    def reason(self, lang: str | None = None) -> str:
        return render(self.reason_key, lang, **self.reason_params)

    def message(self, lang: str | None = None) -> str:
        return render(self.key, lang, value=self.params["value"], reason=self.reason(lang))


def normalize(value: str | None) -> str:
    """Surrounding whitespace removed, full-width digits/X to half-width, x -> X."""
    if value is None:
        return ""
    value = str(value)
    if value.isascii():  # the usual case: nothing full-width to fold
        return value.strip().upper()
    out = []
    for ch in str(value):
        cp = ord(ch)
        if 0xFF01 <= cp <= 0xFF5E:  # full-width ASCII block (０-９, Ｘ, ｘ)
            ch = chr(cp - 0xFEE0)
        elif cp == 0x3000:  # ideographic space
            ch = " "
        out.append(ch)
    return "".join(out).strip().upper()


def validate(value: str | None, *, today: datetime.date | None = None) -> str:
    """Return the normalised ID number or raise ``ValidationFailed("ric.invalid")``.

    Checks, in order: length 18, format (17 digits + digit or X), birth date
    (a real date, not before 1900, not after ``today``), the check character,
    and that positions 1-6 are a division code that ever existed.
    """
    number = normalize(value)
    if len(number) != LENGTH:
        raise IdNumberInvalid(number, "ric.reason.length", length=len(number))
    if not _FORMAT.match(number):
        raise IdNumberInvalid(number, "ric.reason.format")

    date_text = number[6:14]
    try:
        born = _born(number)
    except ValueError:
        raise IdNumberInvalid(number, "ric.reason.birth_date", date=date_text) from None
    today = today or datetime.date.today()
    if born > today:
        raise IdNumberInvalid(number, "ric.reason.birth_future", date=born.isoformat())
    if born < MIN_BIRTH_DATE:
        raise IdNumberInvalid(number, "ric.reason.birth_too_early", date=born.isoformat())

    expected = check_char(number)
    if number[17] != expected:
        raise IdNumberInvalid(number, "ric.reason.checksum", expected=expected, actual=number[17])

    region = number[:6]
    if region not in all_codes():
        raise IdNumberInvalid(number, "ric.reason.region", region=region)
    return number


_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


_DIGIT_ZEROS = 48 * sum(_WEIGHTS)  # the weighted sum of 17 '0' characters


def check_char(number: str) -> str:
    """The GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits
    (ASCII digits, as ``validate`` has checked): the weighted sum of their bytes
    in one C-level pass, less that of seventeen '0's."""
    return "10X98765432"[(sum(map(operator.mul, _WEIGHTS, number[:17].encode("ascii"))) - _DIGIT_ZEROS) % 11]


def _born(number: str) -> datetime.date:
    """Digits 7-14 as a date (the format is checked first): what ``stdnum``'s
    ``get_birth_date`` computes, without its per-call cleaning, which cost an
    import of 50,000 persons seconds."""
    return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def facts(value: str | None) -> tuple[str, datetime.date, str]:
    """Validate once; return (normalised number, birth date, 'M' or 'F')."""
    number = validate(value)
    return number, _born(number), "M" if int(number[16]) % 2 else "F"


def birth_date(value: str) -> datetime.date:
    """The birth date of a valid ID number (validates first)."""
    number = validate(value)
    return _born(number)


def gender(value: str) -> str:
    """'男' when the 17th digit is odd, '女' when even (validates first)."""
    number = validate(value)
    return "男" if int(number[16]) % 2 else "女"


def mask(value: str | None) -> str:
    """First 6 and last 4 characters shown, the rest '*': ``370202********1238``.

    Works on any stored value (no validation).  Values of 10 characters or
    fewer are masked entirely, so that nothing shorter leaks whole.
    """
    number = normalize(value)
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
