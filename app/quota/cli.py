"""``flask quota``: the quota database's command-line door."""
from __future__ import annotations

import datetime as dt

import click
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select

from app.core.cli import run_as
from app.core.errors import DomainError
from app.extensions import db
from app.quota import services
from app.quota.models import Institution, QuotaType

quota_cli = AppGroup("quota", help="核心编制库 / quota database")


@quota_cli.command("adjust", help="登记编制台账 / record a quota ledger entry")
@click.option("--institution", "institution_name", required=True)
@click.option("--type", "quota_type_code", required=True)
@click.option("--delta", required=True, type=int)
@click.option("--reason", default="")
@click.option("--doc-no", default="")
@with_appcontext
def quota_adjust(institution_name: str, quota_type_code: str, delta: int, reason: str, doc_no: str) -> None:
    def work():
        inst = db.session.execute(select(Institution).where(Institution.name == institution_name)).scalar()
        qt = db.session.execute(select(QuotaType).where(QuotaType.code == quota_type_code)).scalar()
        if inst is None or qt is None:
            raise DomainError("write.not_found", object=institution_name if inst is None else quota_type_code)
        entry = services.adjust_quota(inst, qt, delta, reason=reason, doc_no=doc_no, effective_on=dt.date.today())
        click.echo(f"{inst.name} {qt.name} {delta:+d} → {entry.balance_after}")

    run_as("cli:quota-adjust", work)
