"""The ``sciatica-coach`` command.

Exit codes: 0 success, 1 the app itself could not run (for example, broken content files),
2 bad input (an unknown id or a malformed option). No command shows a traceback.
"""

from __future__ import annotations

from typing import Annotated

import typer

from sciatica_coach.content import ContentError

from . import (
    journal_commands,
    library_commands,
    match_commands,
    plan_command,
    progress_command,
    screen_command,
    serve_command,
    session_command,
    users_command,
)
from .journal_access import choose_user
from .output import stderr

app = typer.Typer(
    name="sciatica-coach",
    help=(
        "A self-care coach for sciatica-like pain from muscle trigger points. "
        "It does not diagnose: if in doubt, or if a warning sign appears, see a professional."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
library_commands.register(app)
screen_command.register(app)
match_commands.register(app)
plan_command.register(app)
session_command.register(app)
serve_command.register(app)
journal_commands.register(app)
progress_command.register(app)
users_command.register(app)


@app.callback()
def choose_account(
    user: Annotated[
        str | None,
        typer.Option(
            "--user",
            envvar="SCIATICA_COACH_USER",
            help="Work on this account's journal (account mode); default: this computer's.",
        ),
    ] = None,
) -> None:
    """Options for every command."""
    choose_user(user)


def main() -> None:
    """Console-script entry point: run the app and turn any failure into a clear message."""
    try:
        app()
    except ContentError as error:
        stderr.print(f"[bold red]The knowledge base could not be loaded:[/] {error}")
        raise SystemExit(1) from None
    except Exception as error:  # a last guard: a person in pain never gets a traceback
        stderr.print(
            f"[bold red]Something went wrong:[/] {type(error).__name__}: {error}\n"
            "Nothing you entered was lost. Please report this as a bug."
        )
        raise SystemExit(1) from None
