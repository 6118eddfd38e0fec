"""``flask verification rules|run`` and ``flask scheduler run`` (the dedicated scheduler process)."""
from __future__ import annotations

import datetime as dt

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

verification_cli = AppGroup("verification", help="定时核查 / scheduled verification")
scheduler_cli = AppGroup("scheduler", help="定时任务进程 / the scheduler process")


@verification_cli.command("rules", help="列出核查规则 / list the rules")
@with_appcontext
def rules_command() -> None:
    from sqlalchemy import select

    from app.core.db import transaction
    from app.extensions import db
    from app.supervision.verification.engine import sync_rules
    from app.supervision.verification.models import VerificationRule

    with transaction():
        sync_rules()
    for r in db.session.execute(select(VerificationRule).order_by(VerificationRule.id)).scalars():
        click.echo(f"{r.code}\t{'on' if r.enabled else 'off'}\t{r.cron}\t{r.params}\t{r.name}")


@verification_cli.command("run", help="立即执行核查规则 / run rules now")
@click.option("--rule", "codes", multiple=True, help="规则代码, 可多次 / rule code (repeatable); default: all enabled")
@click.option("--period", default=None, help="核查期 (同一期只执行一次) / period key (runs once)")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
@with_appcontext
def run_command(codes, period, today) -> None:
    from app.core.db import transaction
    from app.extensions import db
    from app.supervision.verification.engine import run_all, sync_rules
    from app.supervision.verification.models import VerificationRun

    with transaction():
        sync_rules()
    runs = run_all(node="cli", trigger="manual", period=period, codes=list(codes) or None,
                   today=today.date() if today else None)
    for run in (db.session.get(VerificationRun, rid) for rid in runs):
        click.echo(f"{run.rule.code}\t{run.status}\t{run.problems} 问题 / problems\t{run.opened} 新增 / opened\t"
                   f"{run.resolved} 消除 / resolved\t{run.error or ''}")
    if not runs:
        click.echo("本期已执行 / this period has run already")


@scheduler_cli.command("run", help="运行定时任务进程 (可多进程, 只有一个执行) / run the scheduler (one active)")
@click.option("--name", default=None, help="进程名 / node name (default host:pid)")
@click.option("--heartbeat", type=float, default=10.0, help="续租间隔秒 / lease renewal, seconds")
@click.option("--ttl", type=float, default=30.0, help="租约有效秒 / lease validity, seconds")
@with_appcontext
def scheduler_run_command(name, heartbeat, ttl) -> None:
    import logging

    from app.core.db import transaction
    from app.supervision.verification.engine import sync_rules
    from app.supervision.verification.scheduler import SchedulerNode

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    with transaction():
        sync_rules()
    node = SchedulerNode(current_app._get_current_object(), name=name, heartbeat=heartbeat, ttl=ttl)
    click.echo(f"scheduler {node.name} started {dt.datetime.now():%Y-%m-%d %H:%M:%S} "
               f"(heartbeat {heartbeat}s, lease {ttl}s)")
    node.run()
