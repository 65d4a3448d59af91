"""``sciatica-coach backup`` and ``restore FILE``: a copy of the journal now, and the journal
put back from one.

The app also backs up by itself (before an update of the journal's format, before an import,
and once a day when it is used), into ``backups/`` in the data folder, keeping the newest 7.
A restore is the one command that throws a journal away, so it checks the file first, keeps
the journal as it is as one more backup, and asks before it goes on (``--yes`` for scripts).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from sciatica_coach.coach import backups
from sciatica_coach.coach.setup import Journal, StorageError, journal_location

from .journal_access import EXIT_STORAGE, database, now
from .output import EXIT_BAD_INPUT, fail, stdout


def backup_command(
    listed: Annotated[
        bool, typer.Option("--list", help="List the backups kept, oldest first; make none.")
    ] = False,
) -> None:
    """Make a backup of your journal now and print where it is.

    The app also makes one
    before it updates the journal's format, before an import and once a day when it is used;
    the newest 7 are kept. A journal in PostgreSQL is backed up with pg_dump instead."""
    journal = database()
    try:
        if listed:
            for path in backups.kept(journal):
                typer.echo(path)  # whole, never wrapped: scripts and `restore` take it
            return
        path = backups.back_up_now(journal, now())
    except backups.NoFileToCopy as advice:
        fail(str(advice), EXIT_BAD_INPUT)
    except StorageError as error:
        fail(f"no backup was made: {error}", EXIT_STORAGE)
    typer.echo(path)


def restore_command(
    file: Annotated[Path, typer.Argument(help="A backup (see: sciatica-coach backup --list).")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask to confirm.")] = False,
) -> None:
    """Replace your journal with a backup.

    The file is checked first (a whole journal this
    version can read); your journal as it is now is kept as one more backup; then the backup
    takes its place, all at once. Stop the web app first."""
    journal = database()
    try:
        backups.check_backup(journal, file)
    except backups.NoFileToCopy as advice:
        fail(str(advice), EXIT_BAD_INPUT)
    except StorageError as error:
        fail(f"nothing was restored: {error}")
    where = journal_location()
    if not yes and not typer.confirm(
        f"Replace the journal at {where} (every account's) with {file}? "
        "It is kept as a backup first."
    ):
        fail("nothing was restored")
    restored = _restore(journal, file, now())
    stdout.print(Text(f"Restored your journal from {file}.", style="green"))
    stdout.print(Text(f"The journal as it was is kept in {restored.kept}.", style="dim"))


def _restore(journal: Journal, file: Path, at: datetime) -> backups.Restored:
    try:
        return backups.restore(journal, file, at)
    except backups.NoFileToCopy as advice:
        fail(str(advice), EXIT_BAD_INPUT)
    except StorageError as error:
        fail(f"nothing was restored: {error}", EXIT_STORAGE)


def register(app: typer.Typer) -> None:
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)
