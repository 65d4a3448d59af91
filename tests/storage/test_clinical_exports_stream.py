"""The CSV ZIP and the FHIR bundle read from the real journal (SQLite and PostgreSQL) as they
are written: the same bytes as made from the journal read whole, with several cursors opened
in one snapshot (the oldest entry of each kind read alone, the rest left unread)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest

from sciatica_coach.coach.clinical_export import (
    csv_records,
    fhir_records,
    streamed_csv_records,
)
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.exports import csv_tables, fhir_bundle
from sciatica_coach.exports.csv_tables import journal_zip, write_zip
from sciatica_coach.exports.fhir_bundle import fhir_chunks, journal_bundle
from sciatica_coach.storage import Journal

from ..coach.journal_days import NOW, a_day


@pytest.fixture
def lived_in(kb: KnowledgeBase, journal: Journal, monkeypatch: pytest.MonkeyPatch) -> Journal:
    for day in (3, 2, 1):
        start = NOW - timedelta(days=day)
        ended = a_day(kb, journal, start, 5, 3, after_where=["left:thigh_posterior"])
        journal.add_pain(ended + timedelta(minutes=5), 3, note="ok")
    journal.add_peg(NOW - timedelta(hours=3), 5, 4, 4)
    journal.add_note(NOW - timedelta(hours=2), "=SUM(A1) walked")
    monkeypatch.setattr(fhir_bundle, "ENTRIES_AT_ONCE", 2)
    monkeypatch.setattr(csv_tables, "ROWS_AT_ONCE", 2)
    return journal


def test_the_fhir_bundle_streamed_is_the_bundle_made_whole(
    kb: KnowledgeBase, lived_in: Journal
) -> None:
    whole = journal_bundle(fhir_records(kb, lived_in, None, NOW, "Ann"))
    chunks = list(fhir_chunks(kb, lived_in, None, NOW, "Ann"))
    assert len(chunks) > 5
    assert b"".join(chunks) == whole


def test_the_csv_zip_streamed_is_the_zip_made_whole(kb: KnowledgeBase, lived_in: Journal) -> None:
    whole = journal_zip(csv_records(kb, lived_in, None, NOW))
    out = io.BytesIO()
    with streamed_csv_records(kb, lived_in, NOW) as records:
        write_zip(records, out)
    assert out.getvalue() == whole
