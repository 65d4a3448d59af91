"""``sciatica-coach log``, ``export`` and ``import``: put entries into the journal and take
everything out again (for a clinician, a backup, or a new machine)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from sciatica_coach.content import default_knowledge_base
from sciatica_coach.domain.matching import MatchInputError, read_feelings
from sciatica_coach.exports.csv_export import journal_csv
from sciatica_coach.storage.database import StorageError

from .journal_access import EXIT_STORAGE, journal, now
from .match_commands import read_where
from .output import fail, read_json_file, stdout

log_app = typer.Typer(
    help="Write in your journal: pain today, the weekly PEG score, or a note.",
    no_args_is_help=True,
)

Score = Annotated[int, typer.Argument(min=0, max=10, show_default=False)]


def _saved(what: str, entry_id: int) -> None:
    stdout.print(Text(f"Saved {what} (entry {entry_id}).", style="green"))


def _write(what: str, write: Any) -> None:
    """Run one journal write; bad values exit 2, storage trouble exits 1."""
    try:
        _saved(what, write())
    except ValueError as error:
        fail(str(error))
    except StorageError as error:
        fail(f"the {what} could not be saved: {error}", EXIT_STORAGE)


@log_app.command("pain")
def log_pain(
    pain_now: Annotated[int, typer.Argument(min=0, max=10, help="Pain right now, 0-10.")],
    worst: Annotated[int | None, typer.Option(min=0, max=10, help="Worst today, 0-10.")] = None,
    average: Annotated[int | None, typer.Option(min=0, max=10, help="Average today, 0-10.")] = None,
    where: Annotated[str, typer.Option(help="Where it hurts, e.g. left:buttock_center.")] = "",
    feels: Annotated[str, typer.Option(help="What it feels like, e.g. ache or burning.")] = "",
    note: Annotated[str | None, typer.Option(help="Anything you want to remember.")] = None,
) -> None:
    """Log today's pain (0 = none, 10 = worst), optionally where and how it feels."""
    kb = default_knowledge_base()
    regions = None
    if where.strip():
        try:
            kinds = read_feelings(feels.split(","))
        except MatchInputError as error:
            fail(str(error))
        kind = kinds[0] if kinds else None
        regions = [
            {"key": str(key), "intensity": pain_now, "kind": kind} for key in read_where(kb, where)
        ]
    _write(
        "pain score",
        lambda: journal().add_pain(now(), pain_now, worst, average, regions, note),
    )


@log_app.command("peg")
def log_peg(
    pain: Annotated[int, typer.Argument(min=0, max=10, help="Average pain this week, 0-10.")],
    enjoyment: Annotated[
        int, typer.Argument(min=0, max=10, help="How much pain got in the way of enjoying life.")
    ],
    activity: Annotated[
        int, typer.Argument(min=0, max=10, help="How much pain got in the way of daily activity.")
    ],
) -> None:
    """Log the weekly PEG score: three 0-10 answers about the past week (Krebs et al. 2009)."""
    _write("PEG score", lambda: journal().add_peg(now(), pain, enjoyment, activity))


@log_app.command("note")
def log_note(text: Annotated[str, typer.Argument(help="The note.")]) -> None:
    """Write a free-text note."""
    if not text.strip():
        fail("the note is empty")
    _write("note", lambda: journal().add_note(now(), text.strip()))


def export_command(
    format_: Annotated[str, typer.Option("--format", help="csv or json.")] = "json",
    out: Annotated[Path | None, typer.Option(help="Write here instead of printing.")] = None,
) -> None:
    """Write everything in your journal as JSON (for import) or CSV (for a spreadsheet)."""
    if format_ not in ("csv", "json"):
        fail(f"--format must be csv or json, not '{format_}'")
    try:
        data = journal().export_all()
    except StorageError as error:
        fail(f"could not read your journal: {error}", EXIT_STORAGE)
    text = journal_csv(data) if format_ == "csv" else json.dumps(data, indent=2) + "\n"
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        fail(f"could not write {out}: {error.strerror or error}")
    stdout.print(Text(f"Wrote {out}", style="green"))


def import_command(
    file: Annotated[Path, typer.Argument(help="A JSON file written by 'export --format json'.")],
) -> None:
    """Restore a journal export into an empty journal (nothing is merged or overwritten)."""
    data = read_json_file(file, "journal export")
    if not isinstance(data, dict):
        fail(f"{file} is not a journal export")
    try:
        journal().import_all(data)
    except StorageError as error:
        fail(f"nothing was imported: {error}")
    stdout.print(Text(f"Imported {file}.", style="green"))


def register(app: typer.Typer) -> None:
    app.add_typer(log_app, name="log")
    app.command("export")(export_command)
    app.command("import")(import_command)
