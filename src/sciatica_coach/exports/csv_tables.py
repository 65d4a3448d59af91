"""The journal as flat CSV tables in one ZIP, for a clinician's spreadsheet.

One file per kind of entry (pain.csv, peg.csv, sessions.csv with a row per step, screenings.csv
with a column per question, maps.csv with a row per place, notes.csv, safety_log.csv with a row
per red flag, sign answered again, doctor's visit and clearance) and a README.txt that
describes every column. Each cell holds one plain value, never JSON; times are ISO 8601 in UTC
with their offset; a list (the feelings of a place) is written ``ache; tingling``.

Why a ZIP of tables rather than one sectioned file: a spreadsheet opens one table per file, and
a statistics package reads each with no parsing of its own. The same journal gives the same
bytes (fixed order, fixed file times), so two exports can be compared. The tables themselves
are built in :mod:`.csv_rows`; this module writes them.

A note such as ``=HYPERLINK(...)`` must reach the spreadsheet as text, not as a formula: a text
cell that starts with ``= + - @`` (or their full-width forms), a tab or a carriage return gets
a leading ``'`` (OWASP's advice on CSV injection). Numbers are written as numbers, a negative
one too.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import operator
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import IO, TYPE_CHECKING, BinaryIO

from sciatica_coach.coach.clinical_export import TableRecords, csv_records, streamed_csv_records
from sciatica_coach.coach.ports import JournalPort
from sciatica_coach.content import KnowledgeBase

from .csv_rows import TABLES, Column, Value

if TYPE_CHECKING:
    from sciatica_coach.coach.accounts import User

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""What a formula may start with, the full-width forms too (a spreadsheet set up for Japanese
or Chinese input may take them for = + - @)."""
FILE_TIME = (1980, 1, 1, 0, 0, 0)
"""Every file in the ZIP is dated the same (the earliest time ZIP can hold), so the bytes
depend on the journal alone."""
README = "README.txt"
Progress = Callable[[str, int], None]
"""Told as a table is written: its file, and how many of its rows are written so far."""


def csv_export(kb: KnowledgeBase, journal: JournalPort, user: User | None, now: datetime) -> bytes:
    """The whole journal of ``user`` (None: this computer's own) as the ZIP of tables."""
    return journal_zip(csv_records(kb, journal, user, now))


def csv_chunks(kb: KnowledgeBase, journal: JournalPort, now: datetime) -> Iterator[bytes]:
    """The ZIP of :func:`csv_export` in pieces, the journal read as they are made (a
    download that starts at once): the tables' rows are the same, and each file's sizes
    follow its data, as in :func:`zip_chunks`."""
    with streamed_csv_records(kb, journal, now) as records:
        yield from zip_chunks(records)


def journal_zip(records: TableRecords) -> bytes:
    """The ZIP: README.txt and one CSV file per table, always in the same order."""
    out = io.BytesIO()
    write_zip(records, out)
    return out.getvalue()


def write_zip(records: TableRecords, out: BinaryIO, progress: Progress | None = None) -> None:
    """Write the ZIP to ``out`` as the tables are read (with :class:`StreamedRecords`, in the
    memory of a batch). Into a file that can seek, the bytes are those of :func:`journal_zip`;
    into a pipe, each file's sizes follow its data (a data descriptor), as ZIP allows."""
    for _ in _written(records, out, progress):
        pass


def zip_chunks(records: TableRecords, progress: Progress | None = None) -> Iterator[bytes]:
    """The ZIP in pieces as they are made (for a download that starts at once): what
    :func:`write_zip` writes into a pipe."""
    sink = _Pipe()
    for _ in _written(records, sink, progress):  # type: ignore[arg-type]  # a pipe, for zipfile
        if sink.parts:
            yield sink.take()
    if sink.parts:
        yield sink.take()


def _written(records: TableRecords, out: BinaryIO, progress: Progress | None) -> Iterator[None]:
    """Write the ZIP, pausing (yielding) after every :data:`ROWS_AT_ONCE` rows."""
    columns = [table.columns(records) for table in TABLES]  # one pass over the checks
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        _add(archive, README, readme(records, columns).encode("utf-8"))
        for table, names in zip(TABLES, columns, strict=True):
            with archive.open(_entry(table.file), "w") as entry:
                parts = (
                    _table_parts(entry, names, table.rows(records, names))
                    if table.cells is None
                    else _cell_parts(entry, names, table.cells(records, names))
                )
                for written in parts:
                    if progress is not None:
                        progress(table.file, written)
                    yield


ROWS_AT_ONCE = 200
"""Rows of a table encoded and handed to the ZIP together."""


def table_csv(columns: Iterable[Column], rows: Iterable[dict[str, Value]]) -> bytes:
    """One table as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheets pick UTF-8)."""
    out = io.BytesIO()
    for _ in _table_parts(out, columns, rows):
        pass
    return out.getvalue()


def _table_parts(
    out: IO[bytes], columns: Iterable[Column], rows: Iterable[dict[str, Value]]
) -> Iterator[int]:
    """Write one table to ``out`` (as :func:`table_csv` has it), :data:`ROWS_AT_ONCE` rows at
    a time, yielding the rows written so far after each."""
    columns = list(columns)
    names = [column.name for column in columns]
    values = operator.itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
    # what cell() makes of each value, without a call for the most common: a whole number
    # and None are written by csv as str() and "", a plain text as it is
    cells = (
        [
            value
            if (kind := value.__class__) is int
            or value is None
            or (kind is str and not value.startswith(FORMULA_STARTS))
            else cell(value)
            for value in values(row)
        ]
        for row in rows
    )
    return _cell_parts(out, columns, cells)


def _cell_parts(
    out: IO[bytes], columns: Iterable[Column], rows: Iterable[list[Value]]
) -> Iterator[int]:
    """Write rows already made cells (:attr:`~.csv_rows.Table.cells`, or :func:`_table_parts`'s)
    to ``out``, :data:`ROWS_AT_ONCE` at a time, yielding the rows written so far after each."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")  # RFC 4180; quotes a lone \r too
    writer.writerow([column.name for column in columns])
    out.write(codecs.BOM_UTF8)
    written = 0
    rows = iter(rows)
    while True:  # whole batches handed to csv at once
        part = list(itertools.islice(rows, ROWS_AT_ONCE))
        writer.writerows(part)
        written += len(part)
        if len(part) < ROWS_AT_ONCE:
            break
        out.write(text.getvalue().encode("utf-8"))
        text.seek(0)
        text.truncate()
        yield written
    out.write(text.getvalue().encode("utf-8"))
    yield written


class _Pipe:
    """Where :func:`zip_chunks` has the ZIP written: kept until taken, and no ``tell`` or
    ``seek``, so :mod:`zipfile` writes as into a pipe."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        taken = b"".join(self.parts)
        self.parts.clear()
        return taken


def cell(value: Value) -> str:
    """A value as a spreadsheet will show it, never run it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)  # a number stays a number, even a negative one
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return safe_cell(value)


def safe_cell(text: str) -> str:
    """``text`` as a spreadsheet will show it, never run it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def readme(records: TableRecords, columns: list[tuple[Column, ...]] | None = None) -> str:
    """README.txt: what each file holds and what every column means (CRLF line ends, for
    the editors clinic computers have); ``columns``: each table's, if already worked out."""
    if columns is None:
        columns = [table.columns(records) for table in TABLES]
    lines = [
        "Sciatica Coach: your journal as tables",
        "",
        "Each .csv file is one table: a header row, then one row per entry, oldest first.",
        "Times are ISO 8601 in UTC, with their offset (2026-03-01T17:30:00+00:00).",
        "An empty cell means not given. Yes/no answers read yes, no or not sure.",
        "A cell that lists several things separates them with '; '.",
        "A text cell starting with = + - @ (or their full-width forms) has a ' put in front,",
        "so no spreadsheet runs it as a formula. The files are UTF-8.",
        "",
        "This is a self-care record kept by the person, not a clinical assessment.",
    ]
    for table, named in zip(TABLES, columns, strict=True):
        lines += ["", f"{table.file}: {table.about}"]
        lines += [f"  {column.name}: {column.about}" for column in named]
    return "\r\n".join(lines) + "\r\n"


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    archive.writestr(_entry(name), data)


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FILE_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever system wrote it, so the bytes are the same
    # a plain file, readable by its owner only once unpacked (zipinfo: -rw-------)
    info.external_attr = (stat.S_IFREG | 0o600) << 16
    return info
