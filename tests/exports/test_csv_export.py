"""CSV for a clinician's spreadsheet: every cell reads back as the text that was stored, and
none can run as a formula (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.exports.csv_export import FORMULA_STARTS, journal_csv


def _note_cell(note: object) -> str:
    export = {"format": "journal", "version": 2, "tables": {"notes": [{"id": 1, "text": note}]}}
    rows = list(csv.reader(io.StringIO(journal_csv(export), newline="")))
    header = rows.index(["id", "text"])
    return rows[header + 1][1]


@pytest.mark.parametrize(
    "note",
    ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"],
)
def test_a_cell_a_spreadsheet_would_run_is_kept_as_text(note: str) -> None:
    assert _note_cell(note) == "'" + note


def test_numbers_stay_numbers() -> None:
    assert _note_cell(-3) == "-3"


@given(st.text())
def test_every_note_reads_back_as_itself_or_quoted(note: str) -> None:
    cell = _note_cell(note)
    if note.startswith(FORMULA_STARTS):
        assert cell == "'" + note
    else:
        assert cell == note
