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
from sciatica_coach.coach.journal_health import journal_damage
from sciatica_coach.coach.setup import Journal, StorageError, journal_location

from .journal_access import EXIT_STORAGE, database, now
from .output import EXIT_BAD_INPUT, fail, stderr, stdout

DECLINED = 1
"""The exit code when the person says no to a restore: nothing was done."""
NO_BACKUP_OF_DAMAGE = (
    "no backup was made: the journal is damaged, and a copy of it would push a sound backup "
    "out of the 7 kept. Save what can be read with "
    "sciatica-coach export --salvage --out rescued.json"
)


def backup_command(
    listed: Annotated[
        bool, typer.Option("--list", help="List the backups kept, oldest first; make none.")
    ] = False,
) -> None:
    """Make a backup of your journal now and print where it is.

    The app also makes one
    before it updates the journal's format, before an import and once a day when it is used;
    the newest 7 are kept. A damaged journal is not backed up (save what can be read with
    export --salvage). A journal in PostgreSQL is backed up with pg_dump instead."""
    if listed:
        _list()
        return
    journal = database()
    if journal_damage(journal) is not None:
        fail(NO_BACKUP_OF_DAMAGE, EXIT_STORAGE)
    try:
        path = backups.back_up_now(journal, now())
    except backups.NoFileToCopy as advice:
        fail(str(advice), EXIT_BAD_INPUT)
    except StorageError as error:
        fail(f"no backup was made: {error}", EXIT_STORAGE)
    stderr.print("Backed up your journal to:", highlight=False)
    typer.echo(path)  # the path alone on stdout, whole: scripts and `restore` take it


def _list() -> None:
    """The backups, whatever state the journal is in (damaged, or a 0-byte file): listing
    them is how a person chooses the one to restore."""
    try:
        found = backups.listed()
        for path in found:
            typer.echo(path)  # whole, never wrapped: scripts and `restore` take it
    except backups.NoFileToCopy as advice:
        fail(str(advice), EXIT_BAD_INPUT)
    except StorageError as error:
        fail(f"the backups could not be listed: {error}", EXIT_STORAGE)
    if not found:
        stderr.print("No backups yet. Make one with: sciatica-coach backup", highlight=False)
    else:  # for a person; the paths alone above, for scripts
        stderr.print("'sciatica-coach doctor' shows when each was made and why.", highlight=False)


def restore_command(
    file: Annotated[Path, typer.Argument(help="A backup (see: sciatica-coach backup --list).")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask to confirm.")] = False,
) -> None:
    """Replace your journal with a backup.

    The file is checked first (a whole journal this
    version can read); your journal as it is now is kept as one more backup (a journal file
    of 0 bytes is kept aside instead); then the backup takes its place, all at once. Stop
    the web app first, and start it again after."""
    empty = backups.empty_journal()
    journal = None if empty is not None else database()
    try:
        backups.check_backup_file(file)
    except backups.NoFileToCopy as advice:
        fail(str(advice), EXIT_BAD_INPUT)
    except StorageError as error:
        fail(f"nothing was restored: {error}")
    if not yes and not _asked(journal, file):
        stderr.print("Nothing was restored.", highlight=False)  # a choice, not an error
        raise typer.Exit(DECLINED)
    restored = _restore(journal, empty, file, now())
    stdout.print(Text(f"Restored your journal from {file}.", style="green"), soft_wrap=True)
    kept = "The empty journal file is kept" if journal is None else "Your journal as it was is kept"
    stdout.print(Text(f"{kept} in {restored.kept}.", style="dim"), soft_wrap=True)
    stdout.print("If the web app is running, restart it.", highlight=False)


def _asked(journal: Journal | None, file: Path) -> bool:
    """Whether the person says yes, once told what a restore replaces and keeps; the two
    paths printed whole (soft wrap), to be read and compared."""
    kept = (
        "The empty journal file is kept aside first."
        if journal is None
        else "Your journal as it is now is kept as a backup first."
    )
    if journal is not None and backups.has_accounts(journal):
        kept += " Every account's journal is replaced."
    stdout.print("Replace your journal with a backup?", highlight=False)
    stdout.print(
        f"  Your journal: {journal_location()}", highlight=False, soft_wrap=True, markup=False
    )
    stdout.print(f"  The backup:   {file}", highlight=False, soft_wrap=True, markup=False)
    stdout.print(f"{kept} Stop the web app before you go on.", highlight=False, markup=False)
    return typer.confirm("Replace it?")


def _restore(
    journal: Journal | None, empty: Path | None, file: Path, at: datetime
) -> backups.Restored:
    try:
        if journal is None:
            assert empty is not None
            return backups.restore_over_empty(empty, file, at)
        return backups.restore(journal, file, at)
    except backups.NoFileToCopy as advice:
        fail(str(advice), EXIT_BAD_INPUT)
    except StorageError as error:
        fail(f"nothing was restored: {error}", EXIT_STORAGE)


def register(app: typer.Typer) -> None:
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)
