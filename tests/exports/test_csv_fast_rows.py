"""The CSV tables' fast paths give what the plain ones give: a table written from its cells
(:attr:`~sciatica_coach.exports.csv_rows.Table.cells`) holds, cell for cell, what the writer
makes of its rows (:func:`~sciatica_coach.exports.csv_tables.cell` of each value), a
session whose record cannot be read and a step a spreadsheet would run included."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import timedelta

import pytest

from sciatica_coach.coach.clinical_export import ClinicalRecords, csv_records
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.exports.csv_rows import TABLES, Table
from sciatica_coach.exports.csv_tables import cell

from ..coach.journal_days import NOW, two_weeks


@pytest.fixture(scope="module")
def records(kb: KnowledgeBase) -> ClinicalRecords:
    """Two weeks of days, with one session's record unreadable, one with no outcomes, and one
    whose steps have titles a spreadsheet would run; checks with odd answers; body maps and a
    pain score with odd places."""
    journal = two_weeks(kb)
    sessions = journal.sessions()
    assert len(sessions) >= 3
    first, second, third = sessions[:3]
    journal.sessions_[first.id] = replace(first, record={"not": "a record"})
    emptied = copy.deepcopy(second.record)
    emptied["outcomes"] = []
    journal.sessions_[second.id] = replace(second, record=emptied)
    nasty = copy.deepcopy(third.record)
    for step in nasty["plan"]["steps"]:
        step["title"] = "=" + step["title"]
    journal.sessions_[third.id] = replace(third, record=nasty)
    asked = [question.id for question in kb.screening.questions]
    odd: list[object] = ["not_sure", "=1+1", 3, 2.5, True, None, ["left:heel", "+x"], {"a": 1}]
    for index, answer in enumerate(odd):
        answers = {question: odd[(index + n) % len(odd)] for n, question in enumerate(asked)}
        answers["an_older_question"] = answer
        result = {"session_allowed": index % 2 == 0, "reasons": [{"question_id": "@x"}]}
        journal.add_screening(NOW - timedelta(hours=index + 1), "caution", answers, result)
    odd_places: list[dict[str, object]] = [
        {"key": "left:heel", "intensity": 3, "kind": "ache", "feels": ["ache", "=b"]},
        {"key": "=x:heel", "intensity": 3.5, "kind": "@k", "feels": "ache", "moment": "after"},
        {"intensity": None, "moment": None},
        {"key": "midline:sacrum", "intensity": -1, "kind": None, "feels": []},
    ]
    journal.add_pain_map(NOW - timedelta(minutes=5), odd_places)
    journal.add_pain_map(NOW - timedelta(minutes=4), [])
    journal.add_pain(NOW - timedelta(minutes=5), 4, regions=odd_places)
    return csv_records(kb, journal, None, NOW)


@pytest.mark.parametrize("table", [t for t in TABLES if t.cells is not None], ids=lambda t: t.file)
def test_a_table_written_from_its_cells_holds_what_its_rows_make(
    records: ClinicalRecords, table: Table
) -> None:
    assert table.cells is not None
    columns = table.columns(records)
    names = [column.name for column in columns]
    made = [[cell(row[name]) for name in names] for row in table.rows(records, columns)]
    assert made and list(table.cells(records, columns)) == made
    assert any(isinstance(c, str) and c.startswith("'") for row in made for c in row)
