"""Command-line doors of the whole app: demo set-up, role sync, audit verification.

Each domain adds its own command group from its ``init_app`` (``flask quota``,
``flask case`` …); every write goes through the same services as the web and
the API, inside ``core.db.transaction()``, with the actor recorded as
``cli:<command>`` (``app.core.cli.run_as``).
"""
from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from app.core import audit
from app.extensions import db

roles_cli = AppGroup("roles", help="角色与权限 / roles and permissions")
audit_cli = AppGroup("audit", help="审计日志 / audit log")


def _migrate_to_head() -> None:
    from flask_migrate import upgrade

    upgrade()


@click.command("demo", help="建库、载入演示数据并启动 / set up the demo database and serve it")
@click.option("--no-serve", is_flag=True, help="只建库和载入数据, 不启动服务 / set up only")
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000, type=int)
@with_appcontext
def demo_command(no_serve: bool, host: str, port: int) -> None:
    from seeds import load_demo

    from app.roles import sync_security

    token = audit.set_actor("cli:demo")
    try:
        _migrate_to_head()
        sync_security()
        accounts = load_demo()
    finally:
        audit._actor.reset(token)
    click.echo("演示账号 / demo accounts (password: %s):" % current_app.config["DEMO_PASSWORD"])
    for username, role, scope in accounts:
        click.echo(f"  {username:<14} {role:<11} {scope}")
    if no_serve:
        return
    click.echo(f"http://{host}:{port}/")
    # Flask ignores app.run() inside a `flask` command; serve with Werkzeug directly.
    from werkzeug.serving import run_simple

    run_simple(host, port, current_app._get_current_object(), threaded=True, use_reloader=False)


@roles_cli.command("sync", help="同步权限并补齐默认角色 / sync permissions and default roles")
@with_appcontext
def roles_sync() -> None:
    from app.roles import sync_security

    result = sync_security()
    click.echo(f"permissions: {result['permissions']}, newly granted: {result['granted']}")


@audit_cli.command("verify", help="校验审计日志哈希链并与检查点比对, 通过后追加检查点 / verify the audit chain "
                                   "against the latest checkpoint, then append a new one")
@with_appcontext
def audit_verify() -> None:
    _verify_and_anchor()


@audit_cli.command("checkpoint", help="校验后把审计链末条写入检查点文件 (供定时任务调用) / verify, then append "
                                       "the chain's head to the checkpoint file (for the scheduler / cron)")
@with_appcontext
def audit_checkpoint() -> None:
    _verify_and_anchor()


def _verify_and_anchor() -> None:
    from app.core import audit_anchor

    result = audit_anchor.verify(db.session)
    click.echo(audit_anchor.describe(result, "zh"))
    click.echo(audit_anchor.describe(result, "en"))
    if not result["ok"]:
        sys.exit(1)


def init_app(app) -> None:
    """The commands of the whole app; each domain adds its own group in its ``init_app``."""
    app.cli.add_command(demo_command)
    app.cli.add_command(roles_cli)
    app.cli.add_command(audit_cli)
