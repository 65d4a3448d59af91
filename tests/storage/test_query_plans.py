"""Every reader's query is served by an index, on SQLite and on PostgreSQL.

The statements are the ones the journal really sends (caught as it runs them); each is then
explained by the database. On SQLite no table is scanned whole and no sort is built (the
index gives the order); PostgreSQL is asked with sequential scans off, so "it can use the
index" is what is checked (on a table this small it would rightly choose to scan)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event

from sciatica_coach.storage import Journal

from .sample import RECORD, at


@contextmanager
def statements(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """The SQL statements (with their parameters) run on ``engine`` inside the block."""
    caught: list[tuple[str, Any]] = []

    def catch(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            caught.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", catch)
    try:
        yield caught
    finally:
        event.remove(engine, "before_cursor_execute", catch)


def seeded(journal: Journal) -> dict[str, int]:
    plan_id = journal.add_plan(at(0), {"minutes": 10})
    map_id = journal.add_pain_map(at(0), [{"key": "left:heel", "intensity": 3}])
    for minutes in range(5):
        journal.add_pain(at(minutes), 3)
        journal.add_peg(at(minutes), 3, 3, 3)
        journal.add_screening(at(minutes), "ok", {"pain_now": 3}, {"level": "ok"})
        journal.add_session(
            started_at=at(minutes), ended_at=at(minutes + 1), status="finished",
            stop_reason=None, pain_before=5, pain_after=3, duration_seconds=60.0,
            record=RECORD, plan_id=plan_id,
        )  # fmt: skip
    return {"plan": plan_id, "map": map_id, "session": journal.sessions()[-1].id}


READERS: dict[str, Callable[[Journal, dict[str, int]], object]] = {
    "pain since": lambda j, _: j.pain_entries(since=at(2), until=at(4)),
    "PEG since": lambda j, _: j.peg_entries(since=at(2)),
    "maps since": lambda j, _: j.pain_maps(at(2)),
    "session outcomes since": lambda j, _: j.session_outcomes(at(2)),
    "answers to one question since": lambda j, _: j.answers_to("pain_now", at(2)),
    "latest check": lambda j, _: j.latest_screening(until=at(3)),
    "latest plan": lambda j, _: j.latest_plan(),
    "sessions still running": lambda j, _: j.unfinished_sessions(),
    "newest sessions": lambda j, ids: j.newest_sessions(20, ids["session"]),
    "newest pain": lambda j, _: j.newest_pain_entries(20),
    "maps by id": lambda j, ids: j.pain_maps_by_id([ids["map"]]),
    "one session": lambda j, ids: j.session(ids["session"]),
    "sessions for the dose limits": lambda j, _: j.sessions(since=at(0) - timedelta(days=8)),
}


def explain(journal: Journal, statement: str, parameters: Any) -> list[str]:
    with journal.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            return [str(row[-1]) for row in rows]
        with connection.begin():
            connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
            rows = connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
            return [str(row[0]) for row in rows]


def sound(dialect: str, plan: list[str]) -> bool:
    text = "\n".join(plan)
    if dialect == "sqlite":
        scans = [line for line in plan if line.startswith("SCAN") and "INDEX" not in line]
        return not scans and "TEMP B-TREE" not in text
    return "Seq Scan" not in text and ("Index" in text)


@pytest.mark.parametrize("reader", list(READERS))
def test_each_reader_is_served_by_an_index(journal: Journal, reader: str) -> None:
    ids = seeded(journal)
    with statements(journal.engine) as caught:
        READERS[reader](journal, ids)
    assert caught, "the reader ran no query"
    dialect = journal.engine.dialect.name
    for statement, parameters in caught:
        plan = explain(journal, statement, parameters)
        assert sound(dialect, plan), f"{reader}: {statement}\n" + "\n".join(plan)


def test_a_table_scan_would_be_caught(journal: Journal) -> None:
    seeded(journal)
    statement = "SELECT now FROM pain_entries WHERE note IS NULL ORDER BY average"
    dialect = journal.engine.dialect.name
    assert not sound(dialect, explain(journal, statement, {} if dialect != "sqlite" else ()))
