"""Arithmetic of the quantitative analysis (定量分析); plain functions, no Flask."""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

DEFAULT_HOURS_PER_FTE = 1760  # 220 working days × 8 hours


def fte(annual_hours: int, hours_per_fte: int) -> Decimal:
    """Full-time equivalents a post's annual workload needs, to two decimals."""
    if hours_per_fte <= 0:
        raise ValueError("hours_per_fte must be positive")
    return (Decimal(annual_hours) / Decimal(hours_per_fte)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def required_headcount(annual_hours: list[int], hours_per_fte: int) -> int:
    """Whole people needed for the summed workload (a fraction of a post is a post)."""
    if hours_per_fte <= 0:
        raise ValueError("hours_per_fte must be positive")
    return math.ceil(sum(annual_hours) / hours_per_fte) if annual_hours else 0


def headroom(maximum: int | None, approved: int, requested: int) -> int | None:
    """What stays free under a ceiling after the request (negative: over by that much)."""
    return None if maximum is None else maximum - approved - requested
