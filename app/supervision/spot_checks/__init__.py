"""双随机、一公开 — spot checks (SPEC §5, issue #14 §3): a target pool and an
inspector pool, an item list, plans, and a draw anyone can re-run from its
published inputs (``rules``); inspectors record results, published within 20
working days (``app.core.workdays``)."""
from app.supervision.spot_checks import models  # noqa: F401  (the tables, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.core import demo, messages
    from app.supervision.spot_checks import access, checks, cli, datasets, views
    from app.supervision.spot_checks import messages as own_messages
    from app.supervision.spot_checks import roles as own_roles

    messages.register(own_messages.MESSAGES)
    access.register_all()
    checks.register()  # overdue publications: a scheduled verification rule
    datasets.register_all()  # what the dashboards may chart (app.core.datasets)
    views.register(appbuilder)
    app.cli.add_command(cli.spotcheck_cli)
    roles.register(own_roles.DEFAULTS, menu_categories=own_roles.MENU_CATEGORIES)
    demo.register("app.supervision.spot_checks", "seeds.spot_checks:load")
