"""Rescuing a damaged journal: every entry that can still be read, in the export's format.

The rescued file is a normal export (``sciatica-coach import`` reads it into a new, empty
journal); what could not be read is counted in :class:`Losses` for the person to be told.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sciatica_coach.storage.journal import Journal
from sciatica_coach.storage.salvage import Losses, salvaged_batches

from .ports import JournalPort
from .setup import StorageError

__all__ = ["Losses", "salvage_batches"]


def salvage_batches(
    journal: JournalPort, losses: Losses
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """The tables of the export, ``(table, rows)`` a batch at a time, with every row of
    ``journal`` that can still be read, past damaged pages; ``losses`` counts the rest."""
    if not isinstance(journal, Journal):
        raise StorageError("only a journal in a database can be salvaged")
    return salvaged_batches(journal.engine, journal.user_id, losses)
