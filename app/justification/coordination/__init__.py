"""顶格协调事项清单 — the top-level coordination list: reform items the office head
coordinates in person, with milestones; 在办 → 督办 → 销号 (SPEC §2)."""
from app.justification.coordination import models  # noqa: F401  (the tables, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.core import demo, messages
    from app.justification.coordination import access, cli, datasets, views
    from app.justification.coordination import messages as coordination_messages
    from app.justification.coordination import roles as coordination_roles

    messages.register(coordination_messages.MESSAGES)
    access.register_all()
    datasets.register_all()  # what the dashboards may chart (app.core.datasets)
    views.register(appbuilder)
    app.cli.add_command(cli.coordination_cli)
    roles.register(coordination_roles.DEFAULTS, menu_categories=coordination_roles.MENU_CATEGORIES)
    demo.register("app.justification.coordination", "seeds.data.justification:load_coordination")
