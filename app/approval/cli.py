"""``flask case report``: the period report, added to the cases' command group."""
from __future__ import annotations

import datetime as dt

import click
from flask.cli import with_appcontext

from app.approval import reports
from app.core.cli import fail
from app.core.errors import DomainError


@click.command("report", help="导出期间报告 (xlsx) / export the period report")
@click.option("--start", required=True, type=click.DateTime(formats=["%Y-%m-%d"]))
@click.option("--end", required=True, type=click.DateTime(formats=["%Y-%m-%d"]))
@click.option("--out", required=True, type=click.Path(dir_okay=False))
@with_appcontext
def case_report(start: dt.datetime, end: dt.datetime, out: str) -> None:
    try:
        data = reports.summary_xlsx(start.date(), end.date())
    except DomainError as err:
        fail(err)
    with open(out, "wb") as fh:
        fh.write(data)
    click.echo(f"{out}: {len(data)} bytes")
