"""``flask coordination flag-overdue``: overdue 在办 items move to 督办 (the scheduled job's door)."""
from __future__ import annotations

import datetime as dt

import click
from flask.cli import AppGroup, with_appcontext

coordination_cli = AppGroup("coordination", help="顶格协调事项清单 / top-level coordination list")


@coordination_cli.command("flag-overdue", help="逾期在办事项转督办 / move overdue items to supervised")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="以该日期为今天 / treat this date as today (YYYY-MM-DD)")
@with_appcontext
def flag_overdue_command(today) -> None:
    from app.core import audit
    from app.core.db import transaction
    from app.justification.coordination.services import flag_overdue

    day = today.date() if today else dt.date.today()
    token = audit.set_actor("cli:coordination-flag-overdue")
    try:
        with transaction():
            moved = flag_overdue(day)
            titles = [item.title for item in moved]
    finally:
        audit._actor.reset(token)
    click.echo(f"{day}: {len(titles)} 项转督办 / moved to supervised")
    for title in titles:
        click.echo(f"  {title}")
