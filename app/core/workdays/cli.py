"""``flask workdays …``: load the holiday table from the chinese-calendar package,
list the years it holds, compute a deadline."""
from __future__ import annotations

import datetime as dt

import click
from flask.cli import AppGroup

from app.core.cli import fail, run_as
from app.core.errors import DomainError
from app.core.workdays import calendar, services

workdays_cli = AppGroup("workdays", help="工作日历 / working-day calendar")


@workdays_cli.command("seed")
@click.option("--year", "years", type=int, multiple=True, help="只载入这些年份 / only these years")
def seed(years):
    """从 chinese-calendar 载入节假日 / load the holidays the chinese-calendar package knows."""
    def work():
        added = services.load_from_package(set(years) if years else None)
        click.echo(f"{added}")
    run_as("cli:workdays seed", work)


@workdays_cli.command("years")
def years():
    """列出已录入的年份 / list the years the table holds."""
    click.echo(" ".join(str(y) for y in sorted(calendar.years_held())))


@workdays_cli.command("add")
@click.argument("start", type=click.DateTime(formats=["%Y-%m-%d"]))
@click.argument("n", type=int)
def add(start, n):
    """START 之后第 N 个工作日 / the day N working days after START."""
    try:
        click.echo(calendar.add_working_days(start.date(), n).isoformat())
    except DomainError as err:
        fail(err)
