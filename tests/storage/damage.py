"""Journals damaged the ways the security review damaged them (its ``corrupt.py``): one page
overwritten with junk, found by what SQLite's ``dbstat`` says the page holds, so the tests
hit an index page, a table's leaf page in the middle, or page 2 whatever the layout."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sciatica_coach.storage import Journal, open_database

START = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
PAIN_ROWS = 300
NOTE_ROWS = 40


def url_of(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def filled_journal(path: Path) -> None:
    """A journal with enough pain scores to fill many pages (each with a long note), and
    some notes; closed, so everything is in the file itself (no ``-wal``)."""
    journal = Journal(open_database(url_of(path)))
    for index in range(PAIN_ROWS):
        journal.add_pain(START + timedelta(hours=index), index % 11, note=f"entry {index} " * 20)
    for index in range(NOTE_ROWS):
        journal.add_note(START + timedelta(hours=index), f"note {index} " * 20)
    journal.engine.dispose()


def pages(path: Path, name: str, kind: str = "leaf") -> list[int]:
    """The numbers of the pages of table or index ``name`` of that ``kind``."""
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno",
            (name, kind),
        ).fetchall()
    connection.close()
    return [row[0] for row in rows]


def rows_on(path: Path, table: str, page: int) -> int:
    """How many of ``table``'s rows are on ``page``."""
    with sqlite3.connect(path) as connection:
        (count,) = connection.execute(
            "SELECT ncell FROM dbstat WHERE name = ? AND pageno = ?", (table, page)
        ).fetchone()
    connection.close()
    return int(count)


def overwrite_page(path: Path, page: int) -> None:
    """Page ``page`` (1 is the first) replaced by junk, as a bad disk or copy would."""
    with sqlite3.connect(path) as connection:
        (size,) = connection.execute("PRAGMA page_size").fetchone()
    connection.close()
    junk = bytes((index * 37 + 11) % 256 for index in range(size))
    with path.open("r+b") as file:
        file.seek((page - 1) * size)
        file.write(junk)
