"""How ``sciatica-coach export`` writes: as the journal is read, a batch at a time, so a
journal of ten years takes the memory of a batch, with a line on stderr saying how far it
has got when stderr is a terminal (nothing otherwise: a script's log stays clean).

A file is written whole or not at all: under a temporary name beside it, readable by its
owner only, and renamed when complete; anything that stops the export (Ctrl-C, a full disk,
the journal unreadable) removes it.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import typer

from .files import PRIVATE
from .output import fail, stderr, terminal_safe

Progress = Callable[[str, int], None]


@contextmanager
def private_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through, readable and writable by its owner only and
    in place only once the block ends without an error; exit 2 if it cannot be written.
    Something that is not a plain file (``/dev/null``, a named pipe) is written directly."""
    if path.exists() and not path.is_file():
        with _writable(path), open(path, "wb") as direct:
            yield direct
        return
    with _writable(path):
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".part"
        )
    try:
        with os.fdopen(descriptor, "wb") as file, _writable(path):
            yield file
        with _writable(path):
            os.chmod(temporary, PRIVATE)
            os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


@contextmanager
def _writable(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        fail(f"could not write {path}: {error.strerror or error}")


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
