"""``flask registration advance|report|annual-status``: the same services as the pages."""
from __future__ import annotations

import datetime as dt

import click
from flask.cli import AppGroup, with_appcontext

registration_cli = AppGroup("registration", help="事业单位登记 / 赋码 · registration and codes")


@registration_cli.command("advance", help="推进到下一步 / move a registration to its next step")
@click.argument("registration_id", type=int)
@click.option("--step", default=None, help="预期的下一步 / the step expected next")
@click.option("--tracking-out", default=None, help="寄回快递单号 / return tracking number")
@with_appcontext
def advance_command(registration_id, step, tracking_out) -> None:
    from app.core.cli import run_as
    from app.execution.registration import services

    out = {}

    def work():
        reg = services.find(registration_id)
        services.advance(reg, target=step, tracking_out=tracking_out)
        out.update(step=reg.step, uscc=reg.uscc)

    run_as("cli:registration-advance", work)
    click.echo(f"{registration_id}: {out['step']}" + (f" {out['uscc']}" if out.get("uscc") else ""))


@registration_cli.command("report", help="按月统计 / monthly figures")
@click.option("--year", type=int, default=None)
@with_appcontext
def report_command(year) -> None:
    from app.execution.registration import queries

    year = year or dt.date.today().year
    click.echo("月份 month\t发证 issued\t即时办结率 same-day\t10分钟内 ≤10 min\t平均分钟 mean min")
    for row in queries.monthly(year):
        click.echo(f"{year}-{row['month']:02d}\t{row['issued']}\t{row['same_day_rate']:.1%}\t"
                   f"{row['within_10_rate']:.1%}\t{row['avg_min']:.1f}")


@registration_cli.command("annual-status", help="年度报告逾期/未报 / late or missing annual reports")
@click.option("--year", type=int, default=None, help="报告年度 / report year (default: last year)")
@with_appcontext
def annual_status_command(year) -> None:
    from app.execution.registration import queries

    status = queries.annual_report_status(year or dt.date.today().year - 1)
    click.echo(f"{status['year']}: 已报 filed {status['filed_count']}, 逾期 late {status['late_count']}, "
               f"未报 missing {status['missing_count']} (截止 deadline {status['deadline']})")
    for row in status["late"]:
        click.echo(f"  逾期 late\t{row.name}\t{row.applied_at:%Y-%m-%d}")
    for row in status["missing"]:
        click.echo(f"  未报 missing\t{row.name}")
