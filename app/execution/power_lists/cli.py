"""``flask power-lists …``: the same services as the web, as an audited actor."""
from __future__ import annotations

import datetime as dt

import click
from flask.cli import AppGroup

from app.core.cli import run_as
from app.extensions import db
from app.execution.power_lists import queries
from app.execution.power_lists.services import publishing

power_list_cli = AppGroup("power-lists", help="权责清单 / power and responsibility lists")


@power_list_cli.command("check")
@click.option("--limit", default=20, help="rows to print")
def check(limit):
    """三级四同: count and print deviations / three-level consistency deviations."""
    total, rows = queries.deviations(None, limit=limit)
    click.echo(f"偏差 / deviations: {total}")
    for r in rows:
        click.echo(f"  {r.item_code} {r.item_name} [{r.level}] {r.institution}: {r.field}: "
                   f"{str(r.expected)[:40]!r} ≠ {str(r.actual)[:40]!r}")


@power_list_cli.command("publish")
@click.argument("institution_id", type=int)
def publish(institution_id):
    """发布部门清单快照 / publish a department's list."""
    out = {}
    run_as("cli:power-lists publish",
           lambda: out.update(snap=publishing.publish(institution_id, today=dt.date.today(), actor="cli")))
    snap = out["snap"]
    click.echo(f"#{snap.id} {snap.published_on} {snap.item_count} items sha256 {snap.content_hash}")


@power_list_cli.command("verify")
def verify():
    """核验所有已发布快照 / verify every published snapshot against its hash; exit 1 on tampering."""
    failures = publishing.verify_all()
    db.session.rollback()
    for snap, problem in failures:
        click.echo(f"#{snap.id} {snap.institution.name} {snap.published_on}: {problem}", err=True)
    if failures:
        raise SystemExit(1)
    click.echo("快照完好 / every snapshot is intact")
