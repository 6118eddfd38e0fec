"""``flask evaluation …``: publish a system, draw a plan, finalise, print a report — the same services as the web."""
from __future__ import annotations

import click
from flask.cli import AppGroup, with_appcontext

evaluation_cli = AppGroup("evaluation", help="履职评估 / department performance evaluation")


def get_or_fail(model, pk):
    """The row, or a refusal in both languages (exit status 2)."""
    from app.core.cli import fail
    from app.core.errors import NotFound
    from app.extensions import db

    obj = db.session.get(model, pk)
    if obj is None:
        fail(NotFound("write.not_found", object=f"{model.__name__} {pk}"))
    return obj


@evaluation_cli.command("publish", help="发布指标体系 (校验权重) / publish an indicator system")
@click.argument("system_id", type=int)
@with_appcontext
def publish_command(system_id: int) -> None:
    from app.core.cli import run_as
    from app.supervision.evaluations import services
    from app.supervision.evaluations.models import IndicatorSystem

    run_as("cli:evaluation-publish", lambda: services.publish(get_or_fail(IndicatorSystem, system_id)))
    click.echo(f"published {system_id}")


@evaluation_cli.command("draw", help="按记录的种子抽取部门 / draw a plan's departments from its seed")
@click.argument("plan_id", type=int)
@with_appcontext
def draw_command(plan_id: int) -> None:
    from app.core.cli import run_as
    from app.supervision.evaluations import services
    from app.supervision.evaluations.models import EvaluationPlan

    drawn: list = []

    def work():
        plan = get_or_fail(EvaluationPlan, plan_id)
        drawn.extend(str(ev.institution) for ev in services.draw_sample(plan, plan.seed))

    run_as("cli:evaluation-draw", work)
    for name in drawn:
        click.echo(name)


@evaluation_cli.command("finalize", help="计算总分和等级并定稿 / finalise an evaluation")
@click.argument("evaluation_id", type=int)
@with_appcontext
def finalize_command(evaluation_id: int) -> None:
    from app.core.cli import run_as
    from app.supervision.evaluations import services
    from app.supervision.evaluations.models import DepartmentEvaluation

    out: list = []

    def work():
        ev = services.finalize(get_or_fail(DepartmentEvaluation, evaluation_id))
        out.append(f"{ev.institution}: {ev.total} {ev.grade.name}")

    run_as("cli:evaluation-finalize", work)
    click.echo(out[0])


@evaluation_cli.command("report", help="打印部门评估报告 / print a department's evaluation report")
@click.argument("evaluation_id", type=int)
@with_appcontext
def report_command(evaluation_id: int) -> None:
    from app.supervision.evaluations import queries
    from app.supervision.evaluations.models import DepartmentEvaluation

    ev = get_or_fail(DepartmentEvaluation, evaluation_id)
    click.echo(f"{ev.plan.name} · {ev.institution.name} · {ev.total if ev.total is not None else '—'} "
               f"{ev.grade.name if ev.grade else ''}")
    for row in queries.report(ev):
        click.echo(f"{'  ' * row.depth}{row.indicator.code} {row.indicator.name}  {row.weight}%  "
                   f"{row.score if row.score is not None else '—'}  "
                   f"{row.contribution if row.contribution is not None else '—'}")
