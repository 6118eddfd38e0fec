"""``flask assessment …``: grade, caps of a plan, open a case — the same services as the web."""
from __future__ import annotations

import click
from flask.cli import AppGroup, with_appcontext

assessment_cli = AppGroup("assessment", help="事业单位绩效考核 / public-institution performance assessment")


def _assessment(pk):
    from app.supervision.assessments.models import InstitutionAssessment
    from app.supervision.evaluations.cli import get_or_fail

    return get_or_fail(InstitutionAssessment, pk)


@assessment_cli.command("grade", help="评定等级 (受优良比例上限约束) / grade an assessment (capped)")
@click.argument("assessment_id", type=int)
@click.argument("grade_code")
@with_appcontext
def grade_command(assessment_id: int, grade_code: str) -> None:
    from sqlalchemy import select

    from app.core.cli import fail, run_as
    from app.core.errors import ValidationFailed
    from app.extensions import db
    from app.supervision.assessments import services
    from app.supervision.evaluations.models import Grade

    grade = db.session.execute(select(Grade).where(Grade.code == grade_code)).scalar_one_or_none()
    if grade is None:
        fail(ValidationFailed("write.required", field=f"等级 / grade {grade_code}"))
    run_as("cli:assessment-grade", lambda: services.grade(_assessment(assessment_id), grade.id))
    click.echo(f"{assessment_id}: {grade.name}")


@assessment_cli.command("caps", help="各主管部门的优良比例 / each supervising department against its cap")
@click.argument("plan_id", type=int)
@with_appcontext
def caps_command(plan_id: int) -> None:
    from app.extensions import db
    from app.supervision.assessments import services
    from app.supervision.assessments.models import AssessmentPlan

    plan = db.session.get(AssessmentPlan, plan_id)
    if plan is None:
        raise click.BadParameter(f"plan {plan_id}")
    for r in services.caps_of_plan(plan):
        own = r["department_grade"].name if r["department_grade"] else "—"
        click.echo(f"{r['supervisor']}\t{r['count']}\t{own}\t{r['share']}%\t{r['top']}/{r['limit']}")


@assessment_cli.command("open-case", help="据考核结果启动调整事项 / open an adjustment case from a result")
@click.argument("assessment_id", type=int)
@click.option("--kind", required=True, type=click.Choice(["staffing_increase", "staffing_decrease", "merge", "revoke"]))
@click.option("--amount", default=1, type=int)
@click.option("--target", "target_id", default=None, type=int, help="合并: 并入机构 id / institution merged into")
@with_appcontext
def open_case_command(assessment_id: int, kind: str, amount: int, target_id) -> None:
    from app.core.cli import run_as
    from app.supervision.assessments import services

    out: list = []
    run_as("cli:assessment-open-case", lambda: out.append(services.open_case(
        _assessment(assessment_id), kind, None, amount=amount, target_id=target_id).number))
    click.echo(out[0])
