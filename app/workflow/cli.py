"""``flask workflow seed``: the default approval workflow (SPEC §3)."""
from __future__ import annotations

import click
from flask.cli import AppGroup, with_appcontext

from app.core.cli import run_as

workflow_cli = AppGroup("workflow", help="审批流程 / approval workflow")


@workflow_cli.command("seed", help="载入默认审批流程 (不覆盖已有修改) / load the default workflow")
@click.option("--countersign", default="", help="处室审核会签处室代码, 逗号分隔 / division codes")
@with_appcontext
def workflow_seed(countersign: str) -> None:
    from app.core.messages import render
    from seeds.workflow import load_default_workflow, unknown_divisions

    codes = tuple(c.strip() for c in countersign.split(",") if c.strip())
    unknown, known = unknown_divisions(codes)
    if unknown:  # skipped, and said: a typo must not leave 处室审核 without its countersign unnoticed
        click.echo(render("workflow.unknown_divisions", codes=", ".join(unknown), known=", ".join(known) or "—"),
                   err=True)
    run_as("cli:workflow-seed", lambda: click.echo(load_default_workflow(codes).name))
