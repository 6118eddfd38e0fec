"""The registry of scheduled verification rules (核查规则), filled by the domains.

A rule is a set-based check: ``check(session, params, today)`` returns the
problems it sees *now*, each a ``Problem`` (one SQL aggregate, never a Python
loop over rows).  The verification domain (app/supervision/verification) keeps
each rule's parameters and cron in the database, runs the rules on schedule,
turns problems into findings and resolves the findings whose problem is gone.
It lives here so lower layers (execution: 三级四同, annual reports,
certificates, publications) can register rules without importing supervision.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional


@dataclass(frozen=True)
class Problem:
    key: str  # stable within the rule: the same problem always has the same key
    title: str
    detail: str = ""
    institution_id: Optional[int] = None
    region_id: Optional[int] = None


@dataclass(frozen=True)
class Rule:
    code: str
    name: str  # zh
    name_en: str
    check: Callable[[Any, dict, dt.date], Iterable[Problem]]
    params: dict = field(default_factory=dict)  # defaults: name -> int
    cron: str = "0 2 * * *"  # default schedule (minute hour day month weekday)
    description: str = ""


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> None:
    """Idempotent for an identical rule; a different rule under a taken code is an error."""
    known = RULES.get(rule.code)
    if known is not None and (known.check, known.name) != (rule.check, rule.name):
        raise ValueError(f"verification rule {rule.code!r} registered twice, differently")
    RULES[rule.code] = rule


def problem_key_label(source_key) -> str:
    """A finding's source key ``<rule code>:<problem key>`` as it reads: the rule by its
    name (``overdue_findings:2`` → 整改逾期 · 2); another source's key as it is."""
    code, sep, key = str(source_key or "").partition(":")
    rule = RULES.get(code)
    return f"{rule.name} · {key}" if rule is not None and sep else str(source_key or "")

