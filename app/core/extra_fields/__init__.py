"""自定义字段 — extra fields (issue #16 §2).

An administrator adds typed fields to institutions, persons, cases, registrations and
power-list items (``views``: 安全 → 自定义字段) without code; their values live in a
typed side table (``models``) and every rule — the type, the validation, which roles
read and write, archiving — is ``services``'.
"""
from app.core.extra_fields import models  # noqa: F401  (the tables, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from app.core import messages, row_extensions
    from app.core.extra_fields import messages as own_messages
    from app.core.extra_fields import views
    from app.core.extra_fields.doors import DOORS

    messages.register(own_messages.MESSAGES)
    row_extensions.register(DOORS)
    views.register(appbuilder)
