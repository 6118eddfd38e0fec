"""What waits for a user (待办): providers registered by the domains, shown on the
home page (counts), on the 待办 page (one row per thing) and as the menu bar's badge.

A provider is ``provider(user) -> list[Todo]``, registered by name from a
domain's ``init_app``: the adjustment cases register the cases waiting at a
step the user acts on and the countersigns waiting for the user's division;
findings and registrations theirs.  A provider counts in SQL, within the user's
scope; a count of 0 is not shown.  With it a domain registers ``items(user) ->
list[Item]``: the same things, one row each, selected by the same predicate in
one query per kind (no query per row), so the badge and the page agree.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

_PROVIDERS: dict[str, Callable[[Any], list["Todo"]]] = {}
_ITEMS: dict[str, Callable[[Any], list["Item"]]] = {}


@dataclass(frozen=True)
class Todo:
    label: Any  # lazy msgid
    count: int
    url: str


@dataclass(frozen=True)
class Item:
    """One thing waiting: its kind (the label of its ``Todo``), what it is, since when, where to act."""

    kind: Any
    title: str
    since: Any  # a datetime or a date; None when the thing has no moment (a missing calendar year)
    url: str


def register(name: str, provider: Callable[[Any], list[Todo]], items: Callable[[Any], list[Item]]) -> None:
    _PROVIDERS[name] = provider
    _ITEMS[name] = items


def for_user(user) -> list[Todo]:
    """Everything waiting for ``user`` (nothing for an anonymous visitor)."""
    if user is None:
        return []
    return [item for provider in _PROVIDERS.values() for item in provider(user) if item.count]


def items_for(user) -> list[Item]:
    """Every thing waiting for ``user``, one row each (the 待办 page)."""
    if user is None:
        return []
    return [item for items in _ITEMS.values() for item in items(user)]


def count_for(user) -> int:
    """How many things wait for ``user`` (the menu bar's badge): the providers' counts."""
    return sum(item.count for item in for_user(user))
