"""What every command-line door shares: run a write as an actor, refuse in both languages.

A domain's ``cli.py`` defines its ``AppGroup`` and adds it in its ``init_app``
(``app.cli.add_command``); its commands call the same services as the web.
"""
from __future__ import annotations

import sys

import click

from app.core import audit
from app.core.db import transaction
from app.core.errors import DomainError


def fail(err: DomainError) -> None:
    """A refusal on the command line: both languages on stderr, exit status 2."""
    click.echo(err.message("zh"), err=True)
    click.echo(err.message("en"), err=True)
    sys.exit(2)


def run_as(actor: str, work) -> None:
    """Run a CLI write in one transaction, audited as ``actor``; a refusal ends the command."""
    token = audit.set_actor(actor)
    try:
        with transaction():
            work()
    except DomainError as err:
        fail(err)
    finally:
        audit._actor.reset(token)
