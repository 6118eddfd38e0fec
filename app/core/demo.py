"""Demo data hooks: each domain names the loader of its own demo data.

A domain calls ``register("app.quota", "seeds.quota:load")`` from its
``init_app``; ``flask demo`` (``seeds.load_demo``) runs the loaders in the order
of the domain list, so a domain's demo data may use what the domains below it
loaded.  A loader is idempotent (a second run writes nothing) and may return
demo accounts as ``(username, role, scope)`` for the command to print.

Loaders are named by dotted path, imported only when the demo is loaded: the
app does not import the seed data at start-up.
"""
from __future__ import annotations

from importlib import import_module
from typing import Callable

_LOADERS: dict[str, str] = {}  # domain -> "module:function", in registration order


def register(domain: str, loader: str) -> None:
    _LOADERS[domain] = loader


def loaders() -> list[tuple[str, Callable]]:
    out = []
    for domain, path in _LOADERS.items():
        module, _, name = path.partition(":")
        out.append((domain, getattr(import_module(module), name)))
    return out
