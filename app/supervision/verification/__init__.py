"""定时核查 — scheduled verification (issue #14 §6): rules as data (parameters,
cron), run by a dedicated scheduler process exactly once per (rule, period);
each run opens findings for what it sees and resolves those it no longer sees.
Other packages add rules through ``app.core.checks.register``."""
from app.supervision.verification import models  # noqa: F401  (the tables, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.core import demo, messages, references
    from app.supervision.verification import access, cli, rules, views
    from app.supervision.verification import messages as own_messages
    from app.supervision.verification import roles as own_roles

    messages.register(own_messages.MESSAGES)
    rules.register_all()
    access.register_all()
    views.register(appbuilder)
    app.cli.add_command(cli.verification_cli)
    app.cli.add_command(cli.scheduler_cli)
    roles.register(own_roles.DEFAULTS, menu_categories=own_roles.MENU_CATEGORIES)
    demo.register("app.supervision.verification", "seeds.verification:load")
    # a finding's 发现来源 ``verification_run:17`` reads 核查记录 #17, linked
    references.register("verification_run", views.RUN_LABEL, "VerificationRunView.show")
