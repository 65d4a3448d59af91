"""Durable sessions in the journal, on SQLite and PostgreSQL: versions, atomic work, lookups."""

from __future__ import annotations

import threading

import pytest

from sciatica_coach.domain.plan_model import Plan
from sciatica_coach.domain.session import Start, apply, start_session
from sciatica_coach.domain.session_record import session_record, state_to_json
from sciatica_coach.storage import Journal
from sciatica_coach.storage.journal import StaleVersion

from .sample import PLAN, at

EMPTY_PLAN = Plan(
    steps=(), targets=(), minutes=10, experience="new", screening_level="ok", restrictions=()
)


def opened(journal: Journal) -> int:
    plan_id = journal.add_plan(at(0), PLAN)
    map_id = journal.add_pain_map(at(0), [{"key": "left:heel", "intensity": 4}])
    state = start_session(EMPTY_PLAN)
    return journal.open_session(at(1), plan_id, map_id, state_to_json(state), session_record(state))


def test_an_opened_session_is_ready_with_version_zero(journal: Journal) -> None:
    session_id = opened(journal)
    stored = journal.session(session_id)
    assert stored is not None
    assert (stored.status, stored.version, stored.updated_at) == ("ready", 0, at(1))
    assert stored.before_map_id is not None and stored.state is not None
    assert [s.id for s in journal.unfinished_sessions()] == [session_id]


def test_a_save_needs_the_current_version(journal: Journal) -> None:
    session_id = opened(journal)
    state = apply(start_session(EMPTY_PLAN), Start(at=at(2)))
    record = session_record(state)
    assert (
        journal.save_session(session_id, 0, state_to_json(state), record, at(2), started_at=at(2))
        == 1
    )
    with pytest.raises(StaleVersion) as stale:
        journal.save_session(session_id, 0, state_to_json(state), record, at(3))
    assert stale.value.current is not None and stale.value.current.version == 1
    stored = journal.session(session_id)
    assert stored is not None and stored.status == "finished" and stored.started_at == at(2)
    assert journal.unfinished_sessions() == []


def test_only_one_of_two_racing_saves_wins(journal: Journal) -> None:
    session_id = opened(journal)
    state = start_session(EMPTY_PLAN)
    results: list[str] = []

    def save() -> None:
        try:
            journal.save_session(session_id, 0, state_to_json(state), session_record(state), at(2))
            results.append("saved")
        except StaleVersion:
            results.append("stale")

    threads = [threading.Thread(target=save) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["saved", "stale", "stale", "stale"]
    assert journal.session(session_id).version == 1  # type: ignore[union-attr]


def test_atomic_work_is_all_or_nothing(journal: Journal) -> None:
    with pytest.raises(RuntimeError), journal.atomic() as tx:
        tx.add_note(at(0), "kept only if the whole block commits")
        raise RuntimeError("changed my mind")
    assert journal.notes() == []
    with journal.atomic() as tx:
        tx.add_note(at(0), "one")
        tx.add_note(at(1), "two")
        assert [n.text for n in tx.notes()] == ["one", "two"]
    assert [n.text for n in journal.notes()] == ["one", "two"]


def test_the_latest_screening_is_never_one_dated_later(journal: Journal) -> None:
    journal.add_screening(at(0), "ok", {}, {})
    later = journal.add_screening(at(10), "caution", {}, {})
    journal.add_screening(at(500), "ok", {}, {})
    found = journal.latest_screening(until=at(20))
    assert found is not None and found.id == later
    assert journal.latest_screening(until=at(-1)) is None


def test_lookups_by_id(journal: Journal) -> None:
    session_id = opened(journal)
    stored = journal.session(session_id)
    assert stored is not None and stored.plan_id is not None and stored.before_map_id is not None
    assert journal.plan(stored.plan_id) is not None
    assert journal.latest_plan() == journal.plan(stored.plan_id)
    assert journal.pain_map(stored.before_map_id) is not None
    assert journal.session(999) is None and journal.plan(999) is None


def test_a_session_never_started_can_be_removed(journal: Journal) -> None:
    session_id = opened(journal)
    journal.delete_session(session_id, version=5)  # not its version: nothing happens
    assert journal.session(session_id) is not None
    journal.delete_session(session_id, version=0)
    assert journal.session(session_id) is None


def test_a_touch_moves_the_last_word_forward_only_and_keeps_the_version(
    journal: Journal,
) -> None:
    session_id = opened(journal)
    journal.touch_session(session_id, at(5))
    journal.touch_session(session_id, at(3))  # a late answer from a slower tab
    stored = journal.session(session_id)
    assert stored is not None and (stored.updated_at, stored.version) == (at(5), 0)
    state = apply(start_session(EMPTY_PLAN), Start(at=at(6)))  # an empty plan: finished
    journal.save_session(session_id, 0, state_to_json(state), session_record(state), at(6))
    journal.touch_session(session_id, at(9))  # a session over is not touched
    stored = journal.session(session_id)
    assert stored is not None and stored.updated_at == at(6)
