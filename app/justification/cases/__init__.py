"""机构编制事项申请 — adjustment cases (SPEC §2): the request, its structured
changes and quantitative analysis, attachments, and its doors onto the workflow
(transition, countersign) on the page, the REST API and the CLI.

What an approval then does (applying the changes, evaluations, the period
report) is the approval domain's.
"""
from app.justification.cases import models  # noqa: F401  (the tables, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.core import demo, messages
    from app.core import todo as todos
    from app.justification.cases import access, cli, datasets, todo, views
    from app.justification.cases import messages as case_messages
    from app.justification.cases import roles as case_roles

    messages.register(case_messages.MESSAGES)
    access.register_all()
    datasets.register_all()  # what the dashboards may chart (app.core.datasets)
    views.register(appbuilder)
    app.cli.add_command(cli.case_cli)
    roles.register(case_roles.DEFAULTS, menu_categories=case_roles.MENU_CATEGORIES)
    todos.register("adjustment_cases", todo.todo, todo.items)
    demo.register("app.justification.cases", "seeds.data.cases:load")
