"""用编进人 — staffing-use plans and entry filing (SPEC §4.2): annual plans checked
against vacancies, monthly review meetings, batches through 公示 → 申请 → 审核 → 入库
into the quota database, a checkable 入编证明, and 出编 that frees the quota."""
from app.execution.staffing_use import models  # noqa: F401  (the tables, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.core import demo, messages, portal
    from app.execution.staffing_use import access, cli, views
    from app.execution.staffing_use import messages as own_messages
    from app.execution.staffing_use import roles as own_roles

    messages.register(own_messages.MESSAGES)
    access.register_all()
    views.register(appbuilder)
    portal.register(views.CERTIFICATE_CHECK_LINK)
    app.cli.add_command(cli.staffing_cli)
    roles.register(own_roles.DEFAULTS, menu_categories=own_roles.MENU_CATEGORIES)
    demo.register("app.execution.staffing_use", "seeds.staffing_use:load")
