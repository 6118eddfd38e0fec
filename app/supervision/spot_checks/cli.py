"""``flask spotcheck …``: verify a draw from its recorded inputs; freeze and run a draw."""
from __future__ import annotations

import datetime as dt
import sys

import click
from flask.cli import AppGroup

from app.core.cli import fail, run_as
from app.core.errors import DomainError, NotFound
from app.extensions import db
from app.supervision.spot_checks import services
from app.supervision.spot_checks.models import SpotDraw, SpotPlan

spotcheck_cli = AppGroup("spotcheck", help="双随机抽查 / spot checks")


@spotcheck_cli.command("verify")
@click.argument("draw_id", type=int)
def verify(draw_id):
    """按记录的输入重新抽取并比对 / re-run a draw from its recorded inputs and compare."""
    draw = db.session.get(SpotDraw, draw_id)
    try:
        if draw is None:
            raise NotFound("write.not_found", object=f"SpotDraw {draw_id}")
        same, stored, again = services.verify_draw(draw)
    except DomainError as err:
        fail(err)
    click.echo(f"recorded {stored}")
    click.echo(f"re-run   {again}")
    if same:
        click.echo("一致 / identical")
    else:
        click.echo("不一致 / NOT identical")
        sys.exit(1)


def _plan(code: str) -> SpotPlan:
    plan = db.session.query(SpotPlan).filter_by(code=code).one_or_none()
    if plan is None:
        fail(NotFound("write.not_found", object=f"SpotPlan {code}"))
    return plan


@spotcheck_cli.command("freeze")
@click.argument("plan_code")
@click.option("--seed", required=True)
@click.option("--source", "seed_source", required=True, help="种子来源 / where the seed comes from")
def freeze(plan_code, seed, seed_source):
    """录入种子并冻结输入 / record the seed and freeze the inputs."""
    run_as("cli:spotcheck freeze", lambda: click.echo(
        services.freeze_draw(_plan(plan_code), seed=seed, seed_source=seed_source, today=dt.date.today()).id))


@spotcheck_cli.command("draw")
@click.argument("plan_code")
def draw(plan_code):
    """按冻结的输入抽取 / run the draw from the frozen inputs."""
    def work():
        plan = _plan(plan_code)
        the_draw = db.session.query(SpotDraw).filter_by(plan_id=plan.id).one_or_none()
        if the_draw is None:
            raise DomainError("spot.not_frozen", plan=plan.code)
        click.echo(len(services.run_draw(the_draw, today=dt.date.today())))
    run_as("cli:spotcheck draw", work)
