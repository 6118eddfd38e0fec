"""Where the spot checks' target pool comes from (双随机: 检查对象名录库).

The spot checks (supervision) draw from the registered institutions.  The
registration domain (execution, built beside them) knows which units are
registered; the spot checks must not depend on whether it exists.  So the pool
is a provider here: the spot checks register the institution register as the
default, and registration registers its own (``register("registration",
provider)``), which then wins.  A provider is ``provider(year, root_id) ->
[(institution id, name), …]``: the units that may be checked in ``year``, under
``root_id`` when the plan is targeted (定向), else all.
"""
from __future__ import annotations

from typing import Callable, Optional

Provider = Callable[[int, Optional[int]], list]
DEFAULT = "institution_register"
_PROVIDERS: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    _PROVIDERS[name] = provider


def active() -> tuple[str, Provider]:
    """The provider in force: any other than the default wins over it."""
    others = [name for name in _PROVIDERS if name != DEFAULT]
    name = others[0] if others else DEFAULT
    return name, _PROVIDERS[name]
