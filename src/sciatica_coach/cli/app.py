"""The ``sciatica-coach`` command.

Exit codes: 0 success, 1 the app itself could not run (for example, broken content files),
2 bad input (an unknown id or a malformed option). No command shows a traceback.
Only what every command needs is imported here: see :mod:`.commands`.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from sciatica_coach import __version__
from sciatica_coach.content.errors import ContentError

from .commands import LazyCommands
from .pipes import closed_pipe_ends_quietly
from .user_choice import choose_user

app = typer.Typer(
    name="sciatica-coach",
    help=(
        "A self-care coach for sciatica-like pain from muscle trigger points. "
        "It does not diagnose: if in doubt, or if a warning sign appears, see a professional."
    ),
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=LazyCommands,  # each command's module is imported only when it runs
)


def show_version(asked: bool) -> None:
    if asked:
        typer.echo(f"sciatica-coach {__version__}")
        raise typer.Exit()


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
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=show_version,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """Options for every command."""
    choose_user(user)


def main() -> None:
    """Console-script entry point: run the app and turn any failure into a clear message."""
    stderr = Console(stderr=True)
    try:
        with closed_pipe_ends_quietly():  # `regions | head`: 0, not a broken-pipe error
            app(prog_name="sciatica-coach")  # the same name however it was started
    except ContentError as error:
        stderr.print(f"[bold red]The knowledge base could not be loaded:[/] {error}")
        raise SystemExit(1) from None
    except Exception as error:  # a last guard: a person in pain never gets a traceback
        stderr.print(
            f"[bold red]Something went wrong:[/] {type(error).__name__}: {error}\n"
            "Nothing you entered was lost. Please report this as a bug."
        )
        raise SystemExit(1) from None
