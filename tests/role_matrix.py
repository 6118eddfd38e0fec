"""The role × route matrix's vocabulary, and its collector.

Every domain declares the expected outcome of its own routes, by role, in its
own test package: a module ``role_routes.py`` (``tests/<domain>/role_routes.py``)
with any of

* ``RESOURCES``: resource -> (read, write, delete[, transition]) role sets, for
  the views and APIs built from a ``Resource`` (``<Name>View`` / ``<Name>Api``);
* ``ENDPOINTS``: endpoint -> role set, for every other route of the domain;
* ``VIEW_OPS`` / ``API_OPS``: the domain's own view or API methods -> the index
  of the permission they need in its resources' tuples (``tree``: read …);
* ``NO_ACTIONS``: the domain's views that offer no action at all.

``tests/test_role_routes.py`` merges them and probes every route of the app.
"""
from __future__ import annotations

import pkgutil
from importlib import import_module

A, S, L, D, I = "admin", "staff", "leader", "department", "inspector"
ROLES = (A, S, L, D, I)
LOGGED_IN = set(ROLES)
EVERYONE = LOGGED_IN | {"anonymous"}
NOBODY: set[str] = set()

# The generic views and APIs every resource has.
VIEW_OPS = {"list": 0, "show": 0, "export": 0, "lookup": 0, "add": 1, "edit": 1,
            "delete": 2, "action": 2, "action_post": 2}  # the probed action is muldelete
API_OPS = {"get": 0, "get_list": 0, "info": 0, "post": 1, "put": 1, "delete": 2}


def collect() -> dict:
    """Every ``role_routes`` module's declarations, merged; a name declared twice is an error."""
    import tests

    merged: dict = {"RESOURCES": {}, "ENDPOINTS": {}, "VIEW_OPS": dict(VIEW_OPS), "API_OPS": dict(API_OPS),
                    "NO_ACTIONS": set(), "MODULES": []}
    for info in pkgutil.walk_packages(tests.__path__, "tests."):
        if not info.name.endswith(".role_routes"):
            continue
        module = import_module(info.name)
        merged["MODULES"].append(info.name)
        for part in ("RESOURCES", "ENDPOINTS", "VIEW_OPS", "API_OPS"):
            for key, value in getattr(module, part, {}).items():
                if merged[part].get(key, value) != value:
                    raise ValueError(f"{info.name}: {part} {key!r} is declared differently elsewhere")
                merged[part][key] = value
        merged["NO_ACTIONS"] |= set(getattr(module, "NO_ACTIONS", ()))
    return merged
