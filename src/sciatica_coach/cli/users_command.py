"""``sciatica-coach users``: the accounts of account mode, from the terminal.

Account mode (``SCIATICA_COACH_ACCOUNTS=on``, or ``serve`` on an address beyond this
computer) gives every person their own journal behind a sign-in. The first account is usually
made here, by whoever runs the server; ``--user NAME`` then works on that account's journal.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.text import Text

from sciatica_coach.coach import accounts
from sciatica_coach.coach.setup import StorageError, accounts_of

from .journal_access import EXIT_STORAGE, database, now, reported
from .output import fail, stdout

users_app = typer.Typer(
    help="Accounts for the web app's account mode (each with its own journal).",
    no_args_is_help=True,
)


def read_password(label: str, from_stdin: bool) -> str:
    """One line of standard input (for scripts), or asked twice without showing it."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(typer.prompt(label, hide_input=True, confirmation_prompt=True))


@users_app.command("add")
def add_command(
    name: Annotated[str, typer.Argument(help="Letters, digits, dots, dashes or underscores.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Make an account (asks for its password twice, without showing it)."""
    password = read_password("Password", password_stdin)
    with reported("the accounts"):
        user = accounts.sign_up(accounts_of(database()), name, password, now())
    stdout.print(
        Text(f"Added the account {user.name}. ", style="green")
        + Text(f"Sign in on the web app, or use --user {user.name} here.")
    )


@users_app.command("reset-password")
def reset_password_command(
    name: Annotated[str, typer.Argument(help="The account whose password is forgotten.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the new password from standard input.")
    ] = False,
) -> None:
    """Give an account a new password (for whoever runs the app): every device signed in to
    it is signed out. Tell the person their new password; they can change it on their
    account page."""
    password = read_password("New password", password_stdin)
    with reported("the accounts"):
        user = accounts.reset_password(accounts_of(database()), name, password)
    stdout.print(
        Text(f"{user.name} has a new password; every device signed in to it is signed out.")
    )


@users_app.command("list")
def list_command() -> None:
    """The accounts, oldest first (``local`` is this computer's own journal)."""
    try:
        users = accounts_of(database()).users()
    except StorageError as error:
        fail(f"the accounts could not be read: {error}", EXIT_STORAGE)
    for user in users:
        kind = "this computer's journal, no sign-in" if user.password_hash is None else "account"
        stdout.print(Text(f"{user.name}  ({kind}, since {user.created_at:%Y-%m-%d})"))


@users_app.command("delete")
def delete_command(
    name: Annotated[str, typer.Argument(help="The account to delete, with its whole journal.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask to confirm.")] = False,
) -> None:
    """Delete an account and its whole journal, for good."""
    store = accounts_of(database())
    with reported("the accounts"):
        user = store.user_named(name)
    if user is None or user.password_hash is None:
        fail(f"there is no account named {name}")
    if not yes and not typer.confirm(f"Delete {user.name} and their whole journal?"):
        fail("nothing was deleted")
    with reported("the accounts"):
        store.delete_user(user.id)
    stdout.print(Text(f"Deleted {user.name} and their journal.", style="green"))


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
