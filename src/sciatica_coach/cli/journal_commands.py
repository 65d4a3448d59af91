"""``sciatica-coach log``, ``export`` and ``import``: put entries into the journal and take
everything out again (for a clinician, a backup, or a new machine)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, BinaryIO, cast

import typer
from rich.text import Text

from sciatica_coach.coach import journal_log, transfer
from sciatica_coach.coach.setup import StorageError

from .check_notice import say_if_check_ended
from .export_writing import (
    Progress,
    StandardOutput,
    fewer_collections,
    private_file,
    progress_line,
)
from .journal_access import account, journal, now, reported
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
    with reported(f"the {what}"):
        _saved(what, write())


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
    places = [w for w in where.split(",") if w.strip()]
    kb = None
    if places:  # loading the knowledge base takes longer than the write itself
        from sciatica_coach.content import default_knowledge_base

        kb = default_knowledge_base()
    qualities = [f for f in feels.split(",") if f.strip()]
    _write(
        "pain score",
        lambda: journal_log.log_pain(
            kb, journal(), now(), pain_now, worst, average, places, qualities, note
        ),
    )
    if places or qualities or note:
        say_if_check_ended()


@log_app.command("peg")
def log_peg(
    pain: Annotated[
        int | None,
        typer.Argument(
            min=0, max=10, help="Average pain in the past week: 0 no pain, 10 as bad as can be."
        ),
    ] = None,
    enjoyment: Annotated[
        int | None,
        typer.Argument(
            min=0,
            max=10,
            help="How pain got in the way of enjoying life: 0 not at all, 10 completely.",
        ),
    ] = None,
    activity: Annotated[
        int | None,
        typer.Argument(
            min=0,
            max=10,
            help="How pain got in the way of general activity: 0 not at all, 10 completely.",
        ),
    ] = None,
) -> None:
    """Log the weekly PEG score: three 0-10 answers about the past week (Krebs et al. 2009).

    Give the three numbers, or none to be asked each question with its end labels."""
    given = [pain, enjoyment, activity]
    if all(value is None for value in given):
        given = ask_peg()
    if any(value is None for value in given):
        fail("give all three PEG answers (pain, enjoyment, activity), or none to be asked")
    p, e, a = (int(v) for v in given if v is not None)
    _write("PEG score", lambda: journal_log.log_peg(journal(), now(), p, e, a))


def ask_peg() -> list[int | None]:
    """Ask the three PEG questions, each with the labels of its two ends."""
    from sciatica_coach.content import default_knowledge_base

    peg = default_knowledge_base().peg
    stdout.print(Text(peg.intro, style="bold"))
    answers: list[int | None] = []
    for item in peg.items:
        stdout.print(Text(f"\n{item.question}", style="bold"))
        stdout.print(Text(f"0 = {item.low}    10 = {item.high}", style="dim"))
        answers.append(ask_score())
    return answers


def ask_score() -> int | None:
    """A 0-10 answer, asked again until it is one; None if the input ends."""
    while True:
        stdout.print(Text("0-10:", style="bold"), end=" ")
        try:
            raw = input().strip()
        except EOFError:
            return None
        if raw.isascii() and raw.isdigit() and len(raw) <= 2 and int(raw) <= 10:
            return int(raw)
        stdout.print(Text("  Please type a whole number from 0 to 10.", style="yellow"))


@log_app.command("note")
def log_note(text: Annotated[str, typer.Argument(help="The note.")]) -> None:
    """Write a free-text note (at most 2,000 characters)."""
    _write("note", lambda: journal_log.log_note(journal(), now(), text))
    say_if_check_ended()


FORMATS = ("json", "csv", "fhir")
ZIP_TO_TERMINAL = (
    "the CSV export is a ZIP file, which a terminal cannot show: give --out FILE.zip "
    "(or send it on: sciatica-coach export --format csv > journal.zip)"
)


def export_command(
    format_: Annotated[
        str,
        typer.Option(
            "--format",
            help="json (for import), csv (a ZIP of tables for a spreadsheet, with a README) or "
            "fhir (a FHIR R4 Bundle for a clinic's system).",
        ),
    ] = "json",
    out: Annotated[
        Path | None, typer.Option(help="Write here instead of printing ('-': standard output).")
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(help="With --format fhir: the name to put on it (else a pseudonym)."),
    ] = None,
) -> None:
    """Write everything in your journal: JSON (for import), CSV tables in a ZIP, or FHIR.

    --format fhir writes a FHIR Bundle (R4B, the R4 shape) for a clinic's system. The CSV
    export is a ZIP of tables (pain, PEG, sessions, safety checks, body maps, notes) with a
    README.txt describing every column. Files are written readable by you alone."""
    format_ = format_.strip().lower()
    if format_ not in FORMATS:
        fail(f"--format must be csv, json or fhir, not '{format_}'")
    if name is not None and format_ != "fhir":
        fail("--name is for --format fhir only (the other formats carry no name)")
    to_stdout = out is None or str(out) == "-"
    if format_ == "csv" and to_stdout and _to_terminal():
        fail(ZIP_TO_TERMINAL)
    with progress_line() as progress, reported("your journal"), fewer_collections():
        if to_stdout:
            _export(format_, name, cast(BinaryIO, StandardOutput(format_ != "csv")), progress)
        else:
            assert out is not None
            with private_file(out) as file:
                _export(format_, name, file, progress)
    if not to_stdout:
        stdout.print(Text(f"Wrote {out}", style="green"))


def _export(format_: str, name: str | None, file: BinaryIO, progress: Progress | None) -> None:
    """Write the export to ``file`` as the journal is read."""
    if format_ == "json":
        from sciatica_coach.exports.journal_json import json_chunks  # late: not for --help

        batches = transfer.export_batches(journal())
        for chunk in json_chunks(transfer.export_header(), batches, progress):
            file.write(chunk)
        return
    from sciatica_coach.content import default_knowledge_base  # late: only these need it

    kb = default_knowledge_base()
    if format_ == "csv":
        from sciatica_coach.coach.clinical_export import streamed_csv_records
        from sciatica_coach.exports.csv_tables import write_zip

        with streamed_csv_records(kb, journal(), now()) as records:
            write_zip(records, file, progress)
        return
    from sciatica_coach.exports.fhir_bundle import fhir_chunks

    for chunk in fhir_chunks(kb, journal(), account(), now(), name, progress):
        file.write(chunk)


def _to_terminal() -> bool:
    return sys.stdout.isatty()


def import_command(
    file: Annotated[Path, typer.Argument(help="A JSON file written by 'export --format json'.")],
) -> None:
    """Restore a journal export into an empty journal (nothing is merged or overwritten)."""
    data = read_json_file(
        file, "journal export", limit=transfer.MAX_IMPORT_BYTES, regular_only=True
    )
    if not isinstance(data, dict):
        fail(f"{file} is not a journal export")
    try:
        counts = transfer.import_into(journal(), data, now())
    except StorageError as error:
        hint = ""
        if "not empty" in str(error):
            hint = (
                ". To import into a fresh journal, point the app at a new folder first, e.g. "
                "SCIATICA_COACH_HOME=~/sciatica-journal-2 sciatica-coach import FILE"
            )
        fail(f"nothing was imported: {error}{hint}")
    listed = ", ".join(counted(n, TABLE_WORDS.get(name, name)) for name, n in counts.items() if n)
    stdout.print(Text(f"Imported {file}: {listed or 'nothing (it was empty)'}.", style="green"))


TABLE_WORDS = {
    "screenings": ("safety check", "safety checks"),
    "pain_maps": ("body map", "body maps"),
    "plans": ("plan", "plans"),
    "sessions": ("session", "sessions"),
    "pain_entries": ("pain score", "pain scores"),
    "peg_entries": ("PEG score", "PEG scores"),
    "notes": ("note", "notes"),
}


def counted(number: int, words: tuple[str, str] | str) -> str:
    """``1 plan``, ``2 plans``."""
    one, many = (words, words) if isinstance(words, str) else words
    return f"{number} {one if number == 1 else many}"


def register(app: typer.Typer) -> None:
    app.add_typer(log_app, name="log")
    app.command("export")(export_command)
    app.command("import")(import_command)
