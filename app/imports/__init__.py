"""The import engine (SPEC §7): one engine for every list kept in Excel.

A list plugs in by registering an ``ImportSpec`` (``specs.register``) from its
own domain's ``init_app`` — the quota database registers institutions, ledger
entries, persons and regional caps (``app.quota.importers``).  The engine
itself knows no list: it parses, dry-runs every row through the list's
service, and commits all or nothing.
"""
from app.imports import models  # noqa: F401  (the tables, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.core import messages
    from app.imports import messages as import_messages
    from app.imports import roles as import_roles
    from app.imports import views

    messages.register(import_messages.MESSAGES)
    views.register(app, appbuilder)
    roles.register(import_roles.DEFAULTS)
