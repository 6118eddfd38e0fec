"""``flask findings list|transition|flag-overdue``: the command-line door of findings."""
from __future__ import annotations

import datetime as dt

import click
from flask.cli import AppGroup, with_appcontext

findings_cli = AppGroup("findings", help="发现问题与整改 / findings and rectification")


@findings_cli.command("list", help="列出问题 / list findings")
@click.option("--state", default=None, help="open | rectifying | rectified | written_off")
@with_appcontext
def list_command(state) -> None:
    from sqlalchemy import select

    from app.extensions import db
    from app.supervision.findings.models import Finding

    stmt = select(Finding).order_by(Finding.id)
    if state:
        stmt = stmt.where(Finding.state == state)
    for f in db.session.execute(stmt).scalars():
        click.echo(f"{f.id}\t{f.state}\t{f.deadline or ''}\t{f.source_kind}:{f.source_key}\t{f.title}")


@findings_cli.command("transition", help="整改 / 确认 / 核销 — move a finding")
@click.argument("finding_id", type=int)
@click.argument("target", type=click.Choice(["rectifying", "rectified", "written_off"]))
@click.option("--note", default=None, help="整改情况 / 审核意见 / 核销理由")
@with_appcontext
def transition_command(finding_id, target, note) -> None:
    from app.core.cli import run_as
    from app.core.errors import NotFound
    from app.extensions import db
    from app.supervision.findings import services
    from app.supervision.findings.models import Finding

    def work():
        finding = db.session.get(Finding, finding_id)
        if finding is None:
            raise NotFound("write.not_found", object=f"finding {finding_id}")
        services.transition(finding, target, note=note)

    run_as("cli:findings-transition", work)
    click.echo(f"{finding_id}: {target}")


@findings_cli.command("flag-overdue", help="标记逾期未整改问题 / flag overdue findings")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
@with_appcontext
def flag_overdue_command(today) -> None:
    from app.core.cli import run_as
    from app.supervision.findings.services import flag_overdue

    day = today.date() if today else dt.date.today()
    flagged: list = []
    run_as("cli:findings-flag-overdue", lambda: flagged.extend(flag_overdue(day)))
    click.echo(f"{day}: {len(flagged)} 项逾期 / flagged overdue")
