"""The workflow engine (SPEC §3): workflow definitions as data, and the engine
that moves a subject along them — conditions, roles, 一支笔, 会签, history.

Not a domain of its own in the menu: subjects register with the engine
(``engine.register_subject``: adjustment cases today, staffing-use plans
later), and the domain that knows what an approval does registers it
(``engine.register_apply``).  The settings pages (流程配置) are the approval
domain's.  Step deadlines and their escalation to the lead leader
(``deadlines``, a rule in the ``app.core.checks`` registry the scheduler runs)
and delegations with acting on behalf (``delegations``, 代办) are here too.
It sits above ``app.office`` because countersign is by office
division, and below the domains whose subjects it moves.
"""
from app.workflow import models  # noqa: F401  (the tables, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from app.core import checks, messages, todo
    from app.workflow import access, cli, deadlines
    from app.workflow import messages as workflow_messages

    messages.register(workflow_messages.MESSAGES)
    access.register_all()
    checks.register(deadlines.RULE)  # overdue steps, escalated by the scheduler (app.supervision.verification)
    todo.register("workflow_escalations", deadlines.todo, deadlines.items)
    app.cli.add_command(cli.workflow_cli)
