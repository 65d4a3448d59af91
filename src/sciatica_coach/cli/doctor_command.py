"""``sciatica-coach doctor``: what is known about the journal, and what to do if it is not
well. It reads and reports only: no migration, no new journal, nothing written in it.

Exit codes: 0 when the journal is healthy (or there is none yet), 1 when something is wrong
(damaged, an empty file, unreadable, a loose file mode), as for any journal that cannot be
used."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape

from sciatica_coach.coach.setup import Checkup, check_journal

from .journal_access import EXIT_STORAGE
from .output import stderr, stdout


def doctor_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Check the journal: integrity, schema version, file mode and size, backups found.

    It changes nothing. When the journal is damaged, it says how to rescue what can be read
    (export --salvage) and how to put back a backup (restore FILE)."""
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
        "integrity": found.integrity,
        "schema": found.schema,
        "backups": [{"path": str(path), "size": size} for path, size in found.backups],
        "healthy": found.healthy,
        "trouble": found.trouble,
    }


def _show(found: Checkup) -> None:
    lines = [f"Journal:   {found.location}"]
    if not found.exists:
        lines.append("           none yet (the first command that writes makes it)")
    if found.size is not None:
        lines.append(f"Size:      {found.size:,} bytes")
    if found.mode is not None:
        lines.append(f"Mode:      {found.mode:04o}")
    lines.append(f"Integrity: {found.integrity}")
    if found.schema is not None:
        lines.append(f"Schema:    {found.schema}")
    if found.backups_elsewhere:
        lines.append("Backups:   with the database's own tools (PostgreSQL: pg_dump)")
    elif found.backups:
        lines.append(f"Backups:   {len(found.backups)}, newest last")
        lines += [f"           {path} ({size:,} bytes)" for path, size in found.backups]
    else:
        lines.append("Backups:   none found")
    for line in lines:
        stdout.print(escape(line), highlight=False)
    if found.healthy:
        stdout.print("[green]The journal is healthy.[/]")
    for problem in found.trouble:
        stderr.print(f"[bold red]Problem:[/] {escape(problem)}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor_command)
