"""The whole journal read a batch at a time (for exports that stream): the same rows as the
list readers and :meth:`Journal.export_all`, never more than a batch in one piece, and the
JSON document written from the batches the same as the one ``json.dumps`` made whole."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from types import GeneratorType
from typing import Any

import pytest

from sciatica_coach.coach.transfer import export_header
from sciatica_coach.exports.journal_json import json_chunks
from sciatica_coach.storage import Journal
from sciatica_coach.storage.entries import (
    Note,
    PainEntry,
    PainMap,
    PegEntry,
    Screening,
    StoredSession,
)
from sciatica_coach.storage.journal import BATCH

from .sample import at, fill

READERS: dict[type[Any], Callable[[Journal], list[Any]]] = {
    Screening: Journal.screenings,
    PainMap: Journal.pain_maps,
    StoredSession: Journal.sessions,
    PainEntry: Journal.pain_entries,
    PegEntry: Journal.peg_entries,
    Note: Journal.notes,
}


def notes(journal: Journal, count: int, text: str = "a note") -> None:
    for index in range(count):
        journal.add_note(at(10) - timedelta(minutes=index), f"{text} {index}")


def test_it_reads_a_batch_of_100_rows_at_a_time_by_default() -> None:
    assert BATCH == 100


def test_it_hands_over_each_table_in_batches_no_larger_than_asked(journal: Journal) -> None:
    fill(journal)
    notes(journal, 7)
    batches = journal.export_batches(size=3)
    assert isinstance(batches, GeneratorType)  # read as it is handed on, not before
    got = list(batches)
    assert [len(rows) for name, rows in got if name == "notes"] == [3, 3, 2]
    assert all(len(rows) <= 3 for _, rows in got)
    names = [name for name, _ in got]
    assert list(dict.fromkeys(names)) == list(journal.export_all()["tables"])


def test_an_empty_table_still_gives_one_empty_batch(journal: Journal) -> None:
    assert list(journal.export_batches()) == [(name, []) for name in journal.export_all()["tables"]]


def test_the_batches_together_are_the_whole_export(journal: Journal) -> None:
    fill(journal)
    notes(journal, 5)
    tables: dict[str, list[object]] = {}
    for name, rows in journal.export_batches(size=2):
        tables.setdefault(name, []).extend(rows)
    assert tables == journal.export_all()["tables"]


@pytest.mark.parametrize("entry", list(READERS))
def test_entries_in_batches_are_what_the_list_reader_gives(journal: Journal, entry: type) -> None:
    fill(journal)
    notes(journal, 4)
    batches: list[list[object]] = list(journal.entries_in_batches(entry, size=2))
    assert all(1 <= len(batch) <= 2 for batch in batches)
    expected = READERS[entry](journal)
    if entry is StoredSession:  # without the state it would resume from: no export shows it
        expected = [replace(session, state=None) for session in expected]
    assert [e for batch in batches for e in batch] == expected


def test_the_streamed_json_is_what_json_dumps_made_of_the_whole(journal: Journal) -> None:
    """Byte for byte as ``json.dumps(indent=2, ensure_ascii=False)`` (what the web download
    always sent), and value for value as the old command's ASCII-escaped file."""
    fill(journal)  # with a note in French: text stays UTF-8, as it is
    notes(journal, 5, "Ça va \u2013 38 °C")
    whole = journal.export_all()
    streamed = b"".join(json_chunks(export_header(), journal.export_batches(size=2)))
    assert streamed == (json.dumps(whole, indent=2, ensure_ascii=False) + "\n").encode()
    assert json.loads(streamed) == json.loads(json.dumps(whole, indent=2))


def test_an_empty_journal_streams_the_same_document(journal: Journal) -> None:
    whole = journal.export_all()
    streamed = b"".join(json_chunks(export_header(), journal.export_batches()))
    assert streamed == (json.dumps(whole, indent=2) + "\n").encode()


def peak_while_writing(chunks: Iterator[bytes]) -> int:
    """The most memory Python held while the chunks were made and thrown away."""
    tracemalloc.start()
    try:
        for _ in chunks:
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_memory_it_takes_does_not_grow_with_the_journal(journal: Journal) -> None:
    """Ten times the rows: the whole document would take ten times the memory; written a
    batch at a time, it takes about the same."""
    long = "x" * 1500
    notes(journal, 40, long)
    peak_while_writing(json_chunks(export_header(), journal.export_batches(size=20)))  # warm
    small = peak_while_writing(json_chunks(export_header(), journal.export_batches(size=20)))
    notes(journal, 360, long)
    large = peak_while_writing(json_chunks(export_header(), journal.export_batches(size=20)))
    whole = len(json.dumps(journal.export_all()))
    assert large < 2 * small
    assert large < whole / 3
