"""Commands for administrators and scripts: `flask --app pairjobs <command>`.

Each command that creates something prints the new id alone on its last line. The commands that set up
records are in `records`, those cron runs in `daily`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn, TypeVar

import click
from flask import Flask

from pairjobs.domain.errors import DomainError
from pairjobs.infra.transaction import unit_of_work

T = TypeVar("T")


def fail(exc: DomainError) -> NoReturn:
    """Report a refused operation on stderr and exit with status 1; nothing is saved."""
    click.echo(f"Error: {exc.message}", err=True)
    for field, messages in exc.fields.items():
        for message in messages:
            click.echo(f"  {field}: {message}", err=True)
    raise SystemExit(1)


def run(change: Callable[[], T]) -> T:
    """A command's change, committed once (pairjobs.infra.transaction); a refusal ends the command."""
    try:
        with unit_of_work():
            return change()
    except DomainError as exc:
        fail(exc)


def register_commands(app: Flask) -> None:
    """Attach the commands to the application."""
    from pairjobs.cli import daily, records

    for module in (records, daily):
        for command in module.COMMANDS:
            app.cli.add_command(command)
