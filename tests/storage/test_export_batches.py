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
from sqlalchemy import text

from sciatica_coach.coach.transfer import export_header
from sciatica_coach.exports.journal_json import json_chunks
from sciatica_coach.storage import Journal
from sciatica_coach.storage.entries import (
    Note,
    PainEntry,
    PainMap,
    PegEntry,
    Screening,
    SessionPlanApart,
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


def sessions_apart(journal: Journal, size: int = BATCH) -> list[SessionPlanApart]:
    return [apart for batch in journal.sessions_plan_apart(size) for apart in batch]


def set_record(journal: Journal, session_id: int, record_json: str) -> None:
    """Write a record as raw JSON text (an old or edited row)."""
    with journal.engine.begin() as connection:
        connection.execute(
            text("UPDATE sessions SET record = :record WHERE id = :id"),
            {"record": record_json, "id": session_id},
        )


def test_sessions_with_the_plan_apart_are_the_sessions_read_whole(journal: Journal) -> None:
    """The same sessions as :meth:`Journal.entries_in_batches` gives, in batches; where the
    plan came apart (SQLite), the plan's text and the rest of the record make the record."""
    fill(journal)
    plan = {"steps": [{"id": "warm", "seconds": 30, "weight": 1.5}], "minutes": 10}
    for hour in (20, 21):
        journal.add_session(
            started_at=at(hour),
            ended_at=None,
            status="done",
            stop_reason=None,
            pain_before=3,
            pain_after=2,
            duration_seconds=60.0,
            record={"plan": plan, "status": "done", "outcomes": [], "seconds": 2.0},
            plan_id=None,
        )
    whole = [s for batch in journal.entries_in_batches(StoredSession) for s in batch]
    batches = list(journal.sessions_plan_apart(size=1))
    assert whole and all(len(batch) == 1 for batch in batches)
    apart = [a for batch in batches for a in batch]
    assert len(apart) == len(whole)
    for found, expected in zip(apart, whole, strict=True):
        if found.plan is None:
            assert found.session == expected
            continue
        assert json.loads(found.plan) == expected.record["plan"]
        assert found.session == replace(
            expected, record={k: v for k, v in expected.record.items() if k != "plan"}
        )
    with_plans = [
        a for a, w in zip(apart, whole, strict=True) if isinstance(w.record.get("plan"), dict)
    ]
    cut_out = journal.engine.dialect.name == "sqlite"
    assert with_plans and all((a.plan is not None) is cut_out for a in with_plans)


def test_a_record_whose_plan_is_not_an_object_comes_whole(journal: Journal) -> None:
    fill(journal)
    session_id = journal.sessions()[0].id
    for plan in ('"a plan?"', "true", "null", "[1, 2]"):
        set_record(journal, session_id, f'{{"plan": {plan}, "status": "done"}}')
        (found,) = [a for a in sessions_apart(journal) if a.session.id == session_id]
        assert found.plan is None
        assert found.session.record == {"plan": json.loads(plan), "status": "done"}
    set_record(journal, session_id, '{"status": "done"}')  # no plan at all
    (found,) = [a for a in sessions_apart(journal) if a.session.id == session_id]
    assert (found.plan, found.session.record) == (None, {"status": "done"})


def test_the_rest_of_the_record_keeps_every_number_as_written(journal: Journal) -> None:
    """A whole number stays whole and a decimal a decimal: cutting the plan out must not
    turn ``1.50`` into ``1.5`` or ``1e2`` into ``100`` for the checks that read them."""
    fill(journal)
    session_id = journal.sessions()[0].id
    written = '{"plan": {"steps": [1.0]}, "a": 1.50, "b": 1e2, "c": 7, "d": "\\u00e9"}'
    set_record(journal, session_id, written)
    (found,) = [a for a in sessions_apart(journal) if a.session.id == session_id]
    rest = {k: v for k, v in json.loads(written).items() if k != "plan"}
    record = found.session.record
    assert {k: (v, type(v)) for k, v in record.items() if k != "plan"} == {
        k: (v, type(v)) for k, v in rest.items()
    }
    plan = json.loads(found.plan) if found.plan is not None else record["plan"]
    assert plan == {"steps": [1.0]} and type(plan["steps"][0]) is float
