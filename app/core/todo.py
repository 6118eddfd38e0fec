"""What waits for a user (待办): providers registered by the domains, shown on the home page.

A provider is ``provider(user) -> list[Todo]``, registered by name from a
domain's ``init_app``: the adjustment cases register the cases waiting at a
step the user acts on and the countersigns waiting for the user's division;
findings and tasks register theirs later.  A provider counts in SQL, within
the user's scope; a count of 0 is not shown.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

_PROVIDERS: dict[str, Callable[[Any], list["Todo"]]] = {}


@dataclass(frozen=True)
class Todo:
    label: Any  # lazy msgid
    count: int
    url: str


def register(name: str, provider: Callable[[Any], list[Todo]]) -> None:
    _PROVIDERS[name] = provider


def for_user(user) -> list[Todo]:
    """Everything waiting for ``user`` (nothing for an anonymous visitor)."""
    if user is None:
        return []
    return [item for provider in _PROVIDERS.values() for item in provider(user) if item.count]
