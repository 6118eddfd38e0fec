"""Reference and demo data loaders (idempotent).

Each domain registers the loader of its own demo data from its ``init_app``
(``app.core.demo.register``); ``load_demo`` runs them in the domains' order.
"""


def load_demo() -> list[tuple[str, str, str]]:
    """Run every domain's demo loader; return the demo accounts they created."""
    from app.core import demo

    accounts: list[tuple[str, str, str]] = []
    for _domain, load in demo.loaders():
        accounts += load() or []
    return accounts
