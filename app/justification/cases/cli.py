"""CLI door for cases: list, show, move, countersign (``flask case report`` is the
approval domain's, added to this group by it).

The acting user is named with ``--user`` and must hold the roles the workflow
asks for (一支笔 included): the command line is no back door.
"""
from __future__ import annotations

import click
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select

from app.core.cli import fail, run_as
from app.core.errors import DomainError, NotFound
from app.extensions import db

case_cli = AppGroup("case", help="机构编制事项 / adjustment cases")


def _user(username: str):
    from flask import current_app

    user = current_app.appbuilder.sm.find_user(username=username)
    if user is None or not user.active:
        raise NotFound("write.not_found", object=f"user {username}")
    return user


def _case(ref: str):
    from app.justification.cases.models import AdjustmentCase

    column = AdjustmentCase.id if ref.isdigit() else AdjustmentCase.number
    case = db.session.execute(select(AdjustmentCase).where(column == (int(ref) if ref.isdigit() else ref))).scalar()
    if case is None:
        raise NotFound("write.not_found", object=f"case {ref}")
    return case


@case_cli.command("list", help="列出事项 / list cases")
@click.option("--state", default=None, help="状态代码 / state code")
@click.option("--limit", default=50, type=int)
@with_appcontext
def case_list(state, limit) -> None:
    from app.justification.cases.models import AdjustmentCase
    from app.workflow.models import WorkflowState

    stmt = select(AdjustmentCase).join(WorkflowState).order_by(AdjustmentCase.id.desc()).limit(limit)
    if state:
        stmt = stmt.where(WorkflowState.code == state)
    for case in db.session.execute(stmt).scalars():
        click.echo(f"{case.id:>6} {case.number or '':<14} {case.state.code:<20} {case.case_type:<20} {case.title}")


@case_cli.command("show", help="事项详情与可办流转 / a case and what may happen next")
@click.argument("case_ref")
@click.option("--user", "username", default=None)
@with_appcontext
def case_show(case_ref, username) -> None:
    from app.justification.cases import services
    from app.workflow import engine

    try:
        case = _case(case_ref)
        user = _user(username) if username else None
    except DomainError as err:
        fail(err)
    click.echo(f"{case.number} {case.title} [{case.case_type}] — {case.state.name} ({case.state.code})")
    for c in case.changes:
        click.echo(f"  #{c.seq} {c.kind} {c.institution or ''} {c.quota_type or ''} {c.amount or ''} {c.result or ''}")
    a = services.analysis(case)
    click.echo(f"  FTE {a['total_fte']} → required {a['required']}, requested {a['requested']}, gap {a['gap']}")
    for h in engine.history(case):
        click.echo(f"  {h.at} {h.actor_name}: {h.from_state.code if h.from_state else '-'} → {h.to_state.code}"
                   f" {h.comment or ''} {h.doc_no or ''}")
    if user is not None:
        click.echo("  may fire: " + ", ".join(t.code for t in engine.available(case, user)))


@case_cli.command("transition", help="办理流转 / fire a workflow transition")
@click.argument("case_ref")
@click.argument("transition")
@click.option("--user", "username", required=True, help="办理人 / acting user")
@click.option("--comment", default=None)
@click.option("--doc-no", default=None)
@with_appcontext
def case_transition(case_ref, transition, username, comment, doc_no) -> None:
    from app.justification.cases import services

    def work():
        case = _case(case_ref)
        services.transition(case, transition, _user(username), comment=comment, doc_no=doc_no)
        click.echo(f"{case.number}: {case.state.code}")

    run_as(f"cli:{username}", work)


@case_cli.command("countersign", help="会签 / countersign for a division")
@click.argument("case_ref")
@click.option("--user", "username", required=True)
@click.option("--division", "division_code", required=True, help="处室代码 / division code")
@click.option("--disagree", is_flag=True)
@click.option("--comment", default=None)
@with_appcontext
def case_countersign(case_ref, username, division_code, disagree, comment) -> None:
    from app.justification.cases import services
    from app.office.models import OfficeDivision

    def work():
        division = db.session.execute(select(OfficeDivision).where(OfficeDivision.code == division_code)).scalar()
        if division is None:
            raise NotFound("write.not_found", object=f"division {division_code}")
        services.countersign(_case(case_ref), division.id, _user(username), agree=not disagree, comment=comment)
        click.echo(f"{division.name}: {'不同意 / disagree' if disagree else '同意 / agree'}")

    run_as(f"cli:{username}", work)
