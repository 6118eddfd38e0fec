"""发现问题与整改 — findings and rectification (issue #14 §4): every problem a
check, an evaluation, a spot check or a verification run finds becomes one
finding, answered by its unit and closed by the office."""
from app.supervision.findings import models  # noqa: F401  (the tables, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.core import demo, messages
    from app.core import todo as todos
    from app.supervision.findings import access, cli, datasets, todo, views
    from app.supervision.findings import messages as own_messages
    from app.supervision.findings import roles as own_roles

    messages.register(own_messages.MESSAGES)
    access.register_all()
    datasets.register_all()  # what the dashboards may chart (app.core.datasets)
    views.register(appbuilder)
    app.cli.add_command(cli.findings_cli)
    roles.register(own_roles.DEFAULTS, menu_categories=own_roles.MENU_CATEGORIES)
    todos.register("findings", todo.todo, todo.items)
    demo.register("app.supervision.findings", "seeds.findings:load")
