"""Everything out of the journal, and back into an empty one (a backup, a new machine)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from sciatica_coach.storage.transfer import FORMAT, VERSION, Latest

from .backups import back_up_before_import
from .ports import JournalPort

MAX_IMPORT_BYTES = 100_000_000
"""The largest export an import reads, in bytes: years of daily entries take a few MB, so a
larger file is a mistake (or ``/dev/zero``), refused before it fills the memory."""
CLOCK_SLACK = timedelta(days=1)
"""How far ahead of this computer's clock an imported entry may be: another machine's clock
(or time zone setting) may run ahead, but not by more than a day."""


def export(journal: JournalPort) -> dict[str, Any]:
    """The whole journal as one JSON document (``sciatica-coach import`` reads it back)."""
    return journal.export_all()


def export_header() -> dict[str, Any]:
    """What the export document says before its tables: its format and version."""
    return {"format": FORMAT, "version": VERSION}


def export_batches(journal: JournalPort) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """The tables of :func:`export`, a batch of JSON-ready rows at a time, read from one
    snapshot as they are handed on: ``(table, rows)``, at least one pair per table."""
    return journal.export_batches()


def import_into(journal: JournalPort, data: dict[str, Any], now: datetime) -> dict[str, int]:
    """Load an export into this journal, which must be empty; return the rows per table.

    All or nothing: a bad file or a journal that is not empty changes nothing. Nothing may be
    dated more than :data:`CLOCK_SLACK` after ``now``, and no safety check or plan after
    ``now`` at all: a check "from the future" would count as current for the next hour.

    The journal is backed up once the file has passed every check and the journal is found
    empty, right before the first row is written: a refused file makes no backup (many
    failed tries would push the good ones out of the last few kept), and neither does a
    database that holds no journal row at all (there is nothing to lose)."""

    def back_up_first(holds_rows: bool) -> None:
        if holds_rows:
            back_up_before_import(journal, now)

    latest = Latest(any_time=now + CLOCK_SLACK, deciding=now)
    journal.import_all(data, latest, before_writing=back_up_first)
    tables = data.get("tables", {})
    return {name: len(rows) for name, rows in tables.items() if isinstance(rows, list)}
