"""Everything out of the journal, and back into an empty one (a backup, a new machine)."""

from __future__ import annotations

from typing import Any

from .ports import JournalPort


def export(journal: JournalPort) -> dict[str, Any]:
    """The whole journal as one JSON document (``sciatica-coach import`` reads it back)."""
    return journal.export_all()


def import_into(journal: JournalPort, data: dict[str, Any]) -> dict[str, int]:
    """Load an export into this journal, which must be empty; return the rows per table.

    All or nothing: a bad file or a journal that is not empty changes nothing."""
    journal.import_all(data)
    tables = data.get("tables", {})
    return {name: len(rows) for name, rows in tables.items() if isinstance(rows, list)}
