"""The public portal's links: what a domain publishes to anonymous visitors.

A domain registers ``Link(label, endpoint)`` from its ``init_app`` for a page
of its own that needs no login (the quota domain: the USCC check; later power
lists, spot-check results, registration notices); ``app.public`` lists them on
the portal page.  The page itself is the domain's, with its own view.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_LINKS: dict[str, "Link"] = {}


@dataclass(frozen=True)
class Link:
    label: Any  # lazy msgid
    endpoint: str  # Flask endpoint of the public page
    description: Any = ""
    topic: str = ""  # what it publishes ("power_lists" …): the portal's announcement of it gives way


def register(link: Link) -> None:
    _LINKS[link.endpoint] = link


def links() -> list[Link]:
    return list(_LINKS.values())


def topics() -> set[str]:
    return {link.topic for link in _LINKS.values() if link.topic}
