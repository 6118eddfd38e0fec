"""Arithmetic of the 优秀+良好 cap (plain functions, no database)."""
from __future__ import annotations


def top_limit(count: int, max_share: int) -> int:
    """How many of ``count`` institutions may be 优秀+良好 under ``max_share`` percent.

    Rounded down: a share is a ceiling, and rounding up would let a department
    with two institutions and a 30 % share grade one of them 优秀 (50 %).
    """
    return count * max_share // 100


def breaks_cap(top_after: int, count_after: int, max_share: int) -> bool:
    return top_after > top_limit(count_after, max_share)
