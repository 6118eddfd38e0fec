"""列表视图 — views configured as data (issue #16 §1).

An administrator sets, per resource and role, the list's columns and their order,
the default sort, default filters, the page size, the searchable columns and the
column labels (zh, en); the list page, its xlsx export and the REST list's default
columns follow (``listing``).  The choices are the resource's own columns
(``columns``), checked on save (``services``); which configuration a user with
several roles follows is ``lookup``'s rule.
"""
from app.core.view_config import models  # noqa: F401  (the table, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from app.core import generation
    from app.core import messages
    from app.core.view_config import messages as own_messages
    from app.core.view_config import views

    messages.register(own_messages.MESSAGES)
    generation.watch(models.ViewConfig)  # cached across requests (lookup)
    views.register(appbuilder)
