"""How ``sciatica-coach export`` writes: as the journal is read, a batch at a time, so a
journal of ten years takes the memory of a batch, with a line on stderr saying how far it
has got when stderr is a terminal (nothing otherwise: a script's log stays clean).

A file is written whole or not at all (:func:`.files.private_file`): under a temporary
name beside it, readable by its owner only, flushed to the disk and renamed when complete;
anything that stops the export (Ctrl-C, a full disk, the journal unreadable) removes it.

``export --salvage`` (:func:`write_salvage`) writes the same JSON from a damaged journal,
every row that can still be read, and says on stderr how many were lost in each table.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, cast

import typer
from rich.markup import escape

from sciatica_coach.coach.salvage import Losses, salvage_batches

from .files import private_file as private_file  # where `export --out` gets it
from .journal_access import journal, reported
from .output import stderr, stdout, terminal_safe

Progress = Callable[[str, int], None]


class StandardOutput:
    """Standard output as a file to write the export to: bytes as they are (a ZIP), or
    (``text``) UTF-8 shown safely when it is a terminal. It cannot seek, so a ZIP written
    here carries each file's sizes after its data, as into any pipe."""

    def __init__(self, text: bool) -> None:
        self.text = text and sys.stdout.isatty()

    def write(self, data: bytes) -> int:
        if self.text:
            typer.echo(terminal_safe(data.decode("utf-8")), nl=False)
        else:
            typer.echo(data, nl=False)  # bytes: written to the binary stream as they are
        return len(data)

    def flush(self) -> None:
        sys.stdout.flush()


YOUNG_OBJECTS = 10_000
"""New objects between two collections of the youngest generation while an export runs (700
by default): each batch read is some 100,000 objects (a session's record alone is 1,500),
which live until the batch is written, so a collection every 700 goes through them again and
again, for nothing (parsed JSON holds no cycles)."""


@contextmanager
def fewer_collections() -> Iterator[None]:
    """While the export runs: what is loaded (content, models) set aside from the cyclic
    garbage collector (:func:`gc.freeze`), and the youngest generation collected every
    :data:`YOUNG_OBJECTS` new objects. A third less time reading ten years of records; as
    before once it ends."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


WORDS = {
    "pain_maps": "body maps",
    "pain_entries": "pain scores",
    "peg_entries": "PEG scores",
    "safety_records": "safety records",
    "screenings": "safety checks",
    "safety_checks": "safety checks",
    "body_structures": "body sites",
}


@contextmanager
def progress_line() -> Iterator[Progress | None]:
    """Something to tell how far the export has got, shown on stderr while it runs when
    stderr is a terminal (None otherwise), and gone at the end."""
    if not stderr.is_terminal:
        yield None
        return
    from rich.progress import Progress as Bar
    from rich.progress import SpinnerColumn, TextColumn

    bar = Bar(
        SpinnerColumn(),
        TextColumn("Exporting {task.description}: {task.completed:,} rows"),
        console=stderr,
        transient=True,
        redirect_stdout=False,  # the export itself may be going to stdout
        redirect_stderr=False,
    )
    task = bar.add_task("your journal", total=None)

    def tell(table: str, rows: int) -> None:
        name = table.removesuffix(".csv")
        bar.update(task, description=WORDS.get(name, name.replace("_", " ")), completed=rows)

    with bar:
        yield tell


def write_salvage(out: Path | None) -> None:
    """``export --salvage``: every row that can still be read, as the JSON export, to
    ``out`` (None: standard output); then, on stderr, what was lost, table by table."""
    from sciatica_coach.coach.transfer import export_header
    from sciatica_coach.exports.journal_json import json_chunks

    losses = Losses()
    with progress_line() as progress, reported("your journal"), fewer_collections():
        batches = salvage_batches(journal(), losses)
        if out is None:
            target = cast(BinaryIO, StandardOutput(text=True))
            for chunk in json_chunks(export_header(), batches, progress):
                target.write(chunk)
        else:
            with private_file(out) as file:
                for chunk in json_chunks(export_header(), batches, progress):
                    file.write(chunk)
    tell_losses(losses)
    if out is not None:
        stdout.print(f"[green]Wrote {escape(str(out))}[/]", highlight=False)


def tell_losses(losses: Losses) -> None:
    """One line on stderr per table that lost rows, or that every row was read."""
    for table, lost in losses.rows.items():
        if lost:
            said = WORDS.get(table, table.replace("_", " "))
            stderr.print(f"{lost} {said} could not be read (table {table})", highlight=False)
    for table, last in losses.unsure_end.items():
        past = f"after id {last}" if last else "at all"
        stderr.print(
            f"{table}: the end of the table could not be read; rows {past} may be lost",
            highlight=False,
        )
    for table, cleared in losses.cleared.items():
        stderr.print(
            f"{table}: {cleared} references to rows that were lost were emptied",
            highlight=False,
        )
    if not losses.total and not losses.unsure_end:
        stderr.print("Every row was read: nothing was lost.", highlight=False)
    else:
        stderr.print(f"Rows lost in all: {losses.total}", highlight=False)
        stderr.print("Next: sciatica-coach doctor shows the ways back.", highlight=False)
