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
cell that starts with ``= + - @``, a tab or a carriage return gets a leading ``'`` (OWASP's
advice on CSV injection). Numbers are written as numbers, a negative one too.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from sciatica_coach.coach.clinical_export import ClinicalRecords, csv_records
from sciatica_coach.coach.ports import JournalPort
from sciatica_coach.content import KnowledgeBase

from .csv_rows import TABLES, Column, Value

if TYPE_CHECKING:
    from sciatica_coach.coach.accounts import User

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FILE_TIME = (1980, 1, 1, 0, 0, 0)
"""Every file in the ZIP is dated the same (the earliest time ZIP can hold), so the bytes
depend on the journal alone."""
README = "README.txt"


def csv_export(kb: KnowledgeBase, journal: JournalPort, user: User | None, now: datetime) -> bytes:
    """The whole journal of ``user`` (None: this computer's own) as the ZIP of tables."""
    return journal_zip(csv_records(kb, journal, user, now))


def journal_zip(records: ClinicalRecords) -> bytes:
    """The ZIP: README.txt and one CSV file per table, always in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        _add(archive, README, readme(records).encode("utf-8"))
        for table in TABLES:
            _add(archive, table.file, table_csv(table.columns(records), table.rows(records)))
    return out.getvalue()


def table_csv(columns: Iterable[Column], rows: Iterable[dict[str, Value]]) -> bytes:
    """One table as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheets pick UTF-8)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")  # RFC 4180; quotes a lone \r too
    names = [column.name for column in columns]
    writer.writerow(names)
    for row in rows:
        writer.writerow([cell(row[name]) for name in names])
    return text.getvalue().encode("utf-8-sig")


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


def readme(records: ClinicalRecords) -> str:
    """README.txt: what each file holds and what every column means (CRLF line ends, for
    the editors clinic computers have)."""
    lines = [
        "Sciatica Coach: your journal as tables",
        "",
        "Each .csv file is one table: a header row, then one row per entry, oldest first.",
        "Times are ISO 8601 in UTC, with their offset (2026-03-01T17:30:00+00:00).",
        "An empty cell means not given. Yes/no answers read yes, no or not sure.",
        "A cell that lists several things separates them with '; '.",
        "A text cell starting with = + - @ has a ' put in front, so no spreadsheet runs it",
        "as a formula. The files are UTF-8.",
        "",
        "This is a self-care record kept by the person, not a clinical assessment.",
    ]
    for table in TABLES:
        lines += ["", f"{table.file}: {table.about}"]
        lines += [f"  {column.name}: {column.about}" for column in table.columns(records)]
    return "\r\n".join(lines) + "\r\n"


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FILE_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever system wrote it, so the bytes are the same
    info.external_attr = 0o600 << 16  # readable by its owner only, once unpacked
    archive.writestr(info, data)
