"""The CSV ZIP written as the journal is read: into a file, the very bytes of the ZIP made
whole; down a pipe (the web download), a ZIP that ``zipfile`` reads back to the same tables;
and a journal ten times longer takes no more memory to write."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest

from sciatica_coach.coach.clinical_export import csv_records, streamed_csv_records
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.exports import csv_tables
from sciatica_coach.exports.csv_tables import csv_chunks, journal_zip, write_zip, zip_chunks

from ..coach.fakes import FakeJournal
from ..coach.journal_days import NOW, two_weeks
from ..storage.test_export_batches import peak_while_writing


@pytest.fixture(scope="module")
def journal(kb: KnowledgeBase) -> FakeJournal:
    journal = two_weeks(kb)
    journal.add_pain(
        NOW - timedelta(hours=2),
        5,
        regions=[{"key": "left:calf_posterior", "intensity": 5, "kind": "ache", "feels": []}],
    )
    return journal


@pytest.fixture
def few_rows_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables handed to the ZIP 3 rows at a time, so every table is written in pieces."""
    monkeypatch.setattr(csv_tables, "ROWS_AT_ONCE", 3)


def contents(data: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    return {name: archive.read(name) for name in archive.namelist()}


def test_it_writes_into_a_file_the_bytes_of_the_whole_zip(
    kb: KnowledgeBase, journal: FakeJournal, few_rows_at_once: None
) -> None:
    whole = journal_zip(csv_records(kb, journal, None, NOW))
    out = io.BytesIO()
    with streamed_csv_records(kb, journal, NOW) as records:
        write_zip(records, out)
    assert out.getvalue() == whole


def test_down_a_pipe_it_is_a_zip_of_the_same_tables(
    kb: KnowledgeBase, journal: FakeJournal, few_rows_at_once: None
) -> None:
    whole = journal_zip(csv_records(kb, journal, None, NOW))
    chunks = list(csv_chunks(kb, journal, NOW))
    assert len(chunks) > 1  # sent as it is made
    assert contents(b"".join(chunks)) == contents(whole)
    assert list(contents(b"".join(chunks))) == list(contents(whole))  # in the same order
    assert b"".join(csv_chunks(kb, journal, NOW)) == b"".join(chunks)  # the same each time


def test_it_tells_how_far_each_table_has_got(
    kb: KnowledgeBase, journal: FakeJournal, few_rows_at_once: None
) -> None:
    told: list[tuple[str, int]] = []
    with streamed_csv_records(kb, journal, NOW) as records:
        write_zip(records, io.BytesIO(), lambda table, rows: told.append((table, rows)))
    pain = [rows for table, rows in told if table == "pain.csv"]
    assert pain == sorted(pain) and pain[0] == 3
    assert pain[-1] == len(list(journal.pain_entries()))
    assert [table for table, _ in told][-1] == "safety_log.csv"


def test_a_longer_journal_takes_no_more_memory_to_write(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_tables, "ROWS_AT_ONCE", 20)
    journal = FakeJournal()

    def add_notes(count: int) -> None:
        start = len(journal.notes())
        for index in range(start, start + count):
            journal.add_note(NOW - timedelta(minutes=index), "y" * 1500)

    add_notes(100)
    peak_while_writing(zip_chunks(csv_records(kb, journal, None, NOW)))  # warm: content read
    with streamed_csv_records(kb, journal, NOW) as records:
        small = peak_while_writing(zip_chunks(records))
    add_notes(2900)
    with streamed_csv_records(kb, journal, NOW) as records:
        large = peak_while_writing(zip_chunks(records))
    text = sum(len(note.text) for note in journal.notes())
    assert large < 2 * small
    assert large < text / 4
