"""Arithmetic of the quota rules: plain functions, no database, no Flask."""
from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Iterable, Optional, Protocol


# An institution that exists (筹建 / 正常): revoked and merged ones hold no cap
# slot and take no one in.
LIVE_STATUSES = ("preparing", "active")


def counts_toward_cap(within_cap: Optional[bool], status: Optional[str], category_counts: bool) -> bool:
    """Whether an institution uses a slot of its region's 机构限额 (invariant 2):
    within the cap, alive, and of a category that counts (党政机构)."""
    return bool(within_cap and status in LIVE_STATUSES and category_counts)


class Band(Protocol):
    metric_from: int
    metric_to: Optional[int]
    ratio: Decimal | float
    base: int


def standard_maximum(bands: Iterable[Band], metric: Optional[int]) -> Optional[int]:
    """The maximum quota a staffing standard allows for ``metric``.

    The band whose ``[metric_from, metric_to)`` holds the metric gives
    ``base + floor(metric × ratio)``.  ``None`` when no band applies.
    """
    if metric is None:
        return None
    for band in bands:
        upper = band.metric_to
        if band.metric_from <= metric and (upper is None or metric < upper):
            return int(band.base + math.floor(Decimal(str(band.ratio)) * Decimal(metric)))
    return None


def id_contradiction(born: dt.date, sex: str, birth_date: Optional[dt.date],
                     gender: Optional[str]) -> Optional[tuple[str, str, str]]:
    """Birth date and gender as given against those in the ID number (GB 11643:
    digits 7-14, and the 17th odd for men).  Empty values agree (they are taken
    from the ID); otherwise ``(message key, given, in the ID)`` of the first
    contradiction, or None."""
    if birth_date is not None and birth_date != born:
        return "person.birth_date_contradicts_id", birth_date.isoformat(), born.isoformat()
    if gender is not None and gender != sex:
        return "person.gender_contradicts_id", GENDER_WORDS.get(gender, gender), GENDER_WORDS[sex]
    return None


GENDER_WORDS = {"M": "男 / male", "F": "女 / female"}


def excess(total: int, used: int, requested: int) -> int:
    """How far ``used + requested`` goes beyond ``total`` (≤ 0: it fits)."""
    return used + requested - total


def vacancy(approved: int, occupied: int) -> int:
    return approved - occupied
