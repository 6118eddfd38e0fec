"""事业单位登记 / 赋码 (SPEC §4.3): registration matters from application to public
notice, the USCC and certificates they issue, and the office's monthly figures."""
from app.execution.registration import models  # noqa: F401  (the tables, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.core import demo, messages, portal, todo
    from app.execution.registration import access, checks, cli, datasets, importers, pools, views
    from app.imports import specs
    from app.execution.registration import todo as own_todo
    from app.execution.registration import messages as own_messages
    from app.execution.registration import roles as own_roles

    messages.register(own_messages.MESSAGES)
    access.register_all()
    checks.register()  # missing annual reports, expiring certificates: scheduled verification rules
    pools.register()  # the registered institutions: the spot checks' target pool
    datasets.register_all()  # what the dashboards may chart (app.core.datasets)
    views.register(appbuilder)
    portal.register(views.NOTICE_LINK)
    for spec in importers.SPECS:
        specs.register(spec)
    todo.register("registrations", own_todo.todo, own_todo.items)
    app.cli.add_command(cli.registration_cli)
    roles.register(own_roles.DEFAULTS, menu_categories=own_roles.MENU_CATEGORIES, menu_links=own_roles.MENU_LINKS)
    demo.register("app.execution.registration", "seeds.registration:load")
