"""履职评估 — department performance evaluation (SPEC §5, issue #14 §1): indicator
trees with weights summing to 100 per node, yearly plans sampling departments
from a recorded seed, scores, a weighted total, a grade and a report per department."""
from app.supervision.evaluations import models  # noqa: F401  (the tables, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.core import demo, messages
    from app.supervision.evaluations import access, cli, views
    from app.supervision.evaluations import messages as own_messages
    from app.supervision.evaluations import roles as own_roles

    messages.register(own_messages.MESSAGES)
    access.register_all()
    views.register(appbuilder)
    app.cli.add_command(cli.evaluation_cli)
    roles.register(own_roles.DEFAULTS, menu_categories=own_roles.MENU_CATEGORIES)
    demo.register("app.supervision.evaluations", "seeds.supervision:load_evaluations")
