"""``sciatica-coach doctor``: what is known about the journal, and what to do if it is not
well. It reads and reports only: no migration, no new journal, nothing written in it. The
one change it can make is the one every command makes: a journal file that others could
read is made the owner's only, and the doctor says so.

Exit codes: 0 when the journal is healthy (or there is none yet), 1 when something is wrong
(damaged, an empty file, unreadable, a loose file mode), as for any journal that cannot be
used."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

import typer
from rich.markup import escape

from sciatica_coach.coach.setup import Checkup, check_journal, in_local_zone

from .journal_access import EXIT_STORAGE, now
from .output import stderr, stdout

WHY_MADE = {
    "daily": "the daily one",
    "asked": "made when you asked",
    "migration": "before an update",
    "import": "before an import",
    "restore": "before a restore",
    "damaged": "a copy of a damaged journal",
}
"""The word a backup's name ends with, as a person reads it."""


def doctor_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Check the journal: integrity, schema version, file mode and size, backups found.

    It changes nothing in the journal (a journal file others could read is made yours only,
    as every command does, and it says so). When the journal is damaged, it says how to
    rescue what can be read (export --salvage) and how to put back a backup (restore FILE);
    a backup that fails its own check is marked (damaged)."""
    found = check_journal()
    if as_json:
        typer.echo(json.dumps(_as_json(found), indent=2, ensure_ascii=False))
    else:
        _show(found)
    if not found.healthy:
        raise typer.Exit(EXIT_STORAGE)


def _as_json(found: Checkup) -> dict[str, object]:
    return {
        "location": found.location,
        "exists": found.exists,
        "size": found.size,
        "mode": None if found.mode is None else f"{found.mode:04o}",
        "mode_was": None if found.mode_was is None else f"{found.mode_was:04o}",
        "integrity": found.integrity,
        "schema": found.schema,
        "backups": [
            {
                "path": str(backup.path),
                "size": backup.size,
                "made": None if backup.made is None else backup.made.isoformat(),
                "reason": backup.reason,
                "damaged": backup.damaged,
            }
            for backup in found.backups
        ],
        "healthy": found.healthy,
        "trouble": found.trouble,
    }


def _show(found: Checkup) -> None:
    lines = [f"Journal:   {found.location}"]
    if not found.exists:
        lines.append("           none yet (the first command that uses the journal makes it)")
    if found.size is not None:
        lines.append(f"Size:      {found.size:,} bytes")
    if found.mode is not None:
        lines.append(f"Mode:      {found.mode:04o}")
    if found.mode_was is not None:
        lines.append(
            f"           it was {found.mode_was:04o} (others on this computer could read "
            f"it); it is now {found.mode:04o}"
        )
    lines.append(f"Integrity: {found.integrity}")
    if found.schema is not None:
        lines.append(f"Schema:    {found.schema}")
    for line in lines:
        stdout.print(escape(line), highlight=False, soft_wrap=True)
    _show_backups(found)
    if found.healthy:
        healthy = "The journal is healthy." if found.exists else "There is nothing wrong."
        stdout.print(f"[green]{healthy}[/]")
    for problem in found.trouble:
        stderr.print(f"[bold red]Problem:[/] {escape(problem)}", highlight=False)


def _show_backups(found: Checkup) -> None:
    """Each backup: when (in the person's zone) and why, its size, a mark if it failed its
    check; then its path on a line of its own, whole (soft wrap), to copy into restore."""
    if found.backups_elsewhere:
        stdout.print("Backups:   with the database's own tools (PostgreSQL: pg_dump)")
        return
    if not found.backups:
        stdout.print("Backups:   none found")
        return
    stdout.print(f"Backups:   {len(found.backups)}, newest last", highlight=False)
    year = now().year
    for backup in found.backups:
        when = "time unknown" if backup.made is None else _when(backup.made, year)
        why = WHY_MADE.get(backup.reason, backup.reason or "no reason given")
        mark = "  [bold red](damaged)[/]" if backup.damaged else ""
        stdout.print(f"  {when} ({escape(why)}), {backup.size:,} bytes{mark}", highlight=False)
        stdout.print(f"    {backup.path}", highlight=False, soft_wrap=True, markup=False)


def _when(made: datetime, year: int) -> str:
    """ "Mon 7 Dec 09:50" in the person's zone; the year too when it is not this one."""
    local = in_local_zone(made)
    shown = f"{local:%a} {local.day} {local:%b}"
    if local.year != year:
        shown += f" {local.year}"
    return f"{shown} {local:%H:%M}"


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor_command)
