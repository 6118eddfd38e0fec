"""事业单位绩效考核 — public-institution performance assessment (SPEC §5, issue #14 §2):
configurable grades, a race-safe cap on 优秀+良好 per supervising department tied to
that department's own result, committee / cross / third-party reviews, and
adjustment cases opened from a result."""
from app.supervision.assessments import models  # noqa: F401  (the tables, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.core import demo, messages
    from app.supervision.assessments import access, cli, views
    from app.supervision.assessments import messages as own_messages
    from app.supervision.assessments import roles as own_roles

    messages.register(own_messages.MESSAGES)
    access.register_all()
    views.register(appbuilder)
    app.cli.add_command(cli.assessment_cli)
    roles.register(own_roles.DEFAULTS, menu_categories=own_roles.MENU_CATEGORIES)
    demo.register("app.supervision.assessments", "seeds.supervision:load_assessments")
