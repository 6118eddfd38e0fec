"""``flask staffing …``: the office's command-line door to the same services
(decide a meeting, move a batch one step, check a certificate number)."""
from __future__ import annotations

import click
from flask.cli import AppGroup, with_appcontext

staffing_cli = AppGroup("staffing", help="用编进人 / staffing-use plans and entry filing")


def _get(model, pk):
    from app.core.errors import NotFound
    from app.extensions import db

    row = db.session.get(model, pk)
    if row is None:
        raise NotFound("write.not_found", object=f"{model.__tablename__} {pk}")
    return row


@staffing_cli.command("decide", help="月专题会议决定 / record a review meeting's decision")
@click.argument("meeting_id", type=int)
@click.option("--doc-no", required=True, help="文号 / document number")
@click.option("--reject", "rejected", type=int, multiple=True, help="不予通过的计划 id / plan id to reject")
@with_appcontext
def decide_command(meeting_id, doc_no, rejected) -> None:
    from app.core.cli import run_as
    from app.execution.staffing_use import services
    from app.execution.staffing_use.models import ReviewMeeting

    def work():
        plans = services.decide_meeting(_get(ReviewMeeting, meeting_id), doc_no=doc_no, rejected=rejected)
        click.echo(f"{len(plans)} 个计划已决定 / plan(s) decided")

    run_as("cli:staffing-decide", work)


@staffing_cli.command("advance", help="入编批次进入下一步 / move an entry batch one step on")
@click.argument("batch_id", type=int)
@with_appcontext
def advance_command(batch_id) -> None:
    from app.core.cli import run_as
    from app.execution.staffing_use import services
    from app.execution.staffing_use.models import EntryBatch

    def work():
        batch = _get(EntryBatch, batch_id)
        services.advance(batch)
        click.echo(f"{batch.title}: {batch.step} {batch.certificate_no or ''}".rstrip())

    run_as("cli:staffing-advance", work)


@staffing_cli.command("verify", help="核验入编证明编号 / check an entry certificate number")
@click.argument("number")
@with_appcontext
def verify_command(number) -> None:
    from sqlalchemy import select

    from app.execution.staffing_use.models import EntryBatch
    from app.extensions import db

    batch = db.session.execute(select(EntryBatch).where(EntryBatch.certificate_no == number.strip().upper())).scalar()
    if batch is None:
        click.echo("无此证明 / no such certificate")
        raise SystemExit(1)
    click.echo(f"{batch.institution.name} {batch.entered_on} {len(batch.candidates)} 人 / person(s)")
