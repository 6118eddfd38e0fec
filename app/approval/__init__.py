"""审批 — what an approval does, and its settings (SPEC §3): applying an approved
case's changes through the quota services (the workflow engine's apply hook),
the evaluations it schedules (动态调整), the period report, and the workflow
settings pages (流程配置).

The engine itself is ``app.workflow``; the transition and countersign doors
are the adjustment case's own routes (``app.justification.cases``).
"""
from app.approval import models  # noqa: F401  (the tables, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.approval import access, cli, views, workflow_views
    from app.approval import messages as approval_messages
    from app.approval import roles as approval_roles
    from app.core import messages
    from app.justification.cases.cli import case_cli

    messages.register(approval_messages.MESSAGES)
    access.register_all()
    views.register(appbuilder)
    workflow_views.register(appbuilder)
    case_cli.add_command(cli.case_report)
    roles.register(approval_roles.DEFAULTS, menu_categories=approval_roles.MENU_CATEGORIES,
                   menu_links=approval_roles.MENU_LINKS)
