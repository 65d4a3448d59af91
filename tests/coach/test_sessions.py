"""Durable sessions as use cases: one clock for every reader, versions, limits at the start,
idle sessions closed, and nothing done ever lost."""

from __future__ import annotations

import pytest

from sciatica_coach.coach import sessions
from sciatica_coach.coach.errors import Conflict, Invalid, NotAllowed
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.body_map import RegionKey
from sciatica_coach.domain.session import (
    BAD_PAIN,
    GET_READY_SECONDS,
    LEFT_UNFINISHED,
    Next,
    Pause,
    ReportFeeling,
    ReportSpot,
    Resume,
    SessionState,
    Start,
    Stop,
    current_step,
)

from .conftest import Clock, a_plan, check
from .fakes import FakeJournal


def opened(kb: KnowledgeBase, journal: FakeJournal, clock: Clock) -> sessions.LiveSession:
    check(kb, journal, clock)
    return sessions.open_session(kb, journal, clock(), a_plan(kb, journal, clock).id)


def to_first_hold(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock, live: sessions.LiveSession
) -> sessions.LiveSession:
    """Start, pass the safety and warm-up steps, find the first spot."""
    live = sessions.act(kb, journal, clock.advance(seconds=1), live.id, Start(pain_before=5))
    while not _before_a_hold(live.state):
        event = ReportSpot(True) if live.state.phase == "finding" else Next()
        live = sessions.act(kb, journal, clock.advance(seconds=2), live.id, event)
    return live


def _before_a_hold(state: SessionState) -> bool:
    step = current_step(state)
    return state.phase == "get_ready" and step is not None and step.kind == "hold"


def test_an_opened_session_is_ready_and_saved(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = opened(kb, journal, clock)
    assert (live.state.phase, live.version) == ("ready", 0)
    assert journal.session(live.id) is not None
    assert journal.session(live.id).status == "ready"  # type: ignore[union-attr]


def test_every_event_is_saved_as_it_happens(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = to_first_hold(kb, journal, clock, opened(kb, journal, clock))
    stored = journal.session(live.id)
    assert stored is not None and stored.version == live.version
    assert stored.status == "in_progress" and stored.state is not None
    assert stored.state["phase"] == "get_ready"
    assert stored.record["pain_before"] == 5


def test_a_hold_runs_on_the_clock_for_every_reader(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = to_first_hold(kb, journal, clock, opened(kb, journal, clock))
    hold = live.state.plan.steps[live.state.index].seconds
    clock.advance(seconds=GET_READY_SECONDS + 10)
    first_tab = sessions.get(journal, clock(), live.id)
    second_tab = sessions.get(journal, clock(), live.id)
    assert first_tab.state.phase == second_tab.state.phase == "holding"
    assert first_tab.state.remaining == second_tab.state.remaining == hold - 10
    clock.advance(seconds=hold)
    assert sessions.get(journal, clock(), live.id).state.phase == "checking_in"


def test_an_answer_given_on_an_old_version_is_refused(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = to_first_hold(kb, journal, clock, opened(kb, journal, clock))
    sessions.act(kb, journal, clock.advance(seconds=1), live.id, Pause(), version=live.version)
    with pytest.raises(Conflict) as stale:
        sessions.act(kb, journal, clock.advance(seconds=1), live.id, Next(), version=live.version)
    assert stale.value.code == "stale_version"
    assert stale.value.extra["version"] == live.version + 1


def test_an_event_in_the_wrong_phase_says_the_phase(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = to_first_hold(kb, journal, clock, opened(kb, journal, clock))
    with pytest.raises(Conflict) as wrong:
        sessions.act(kb, journal, clock(), live.id, ReportFeeling("good"))
    assert wrong.value.code == "wrong_phase" and wrong.value.extra["phase"] == "get_ready"


def test_opening_sessions_does_not_use_up_the_day(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock)
    plan = a_plan(kb, journal, clock)
    many = [sessions.open_session(kb, journal, clock(), plan.id) for _ in range(5)]
    started = sessions.act(kb, journal, clock.advance(seconds=1), many[-1].id, Start())
    assert started.state.phase == "showing"


def test_the_daily_limit_is_checked_when_a_session_starts(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock)
    plan = a_plan(kb, journal, clock)
    waiting = [sessions.open_session(kb, journal, clock(), plan.id) for _ in range(3)]
    for live in waiting[:2]:
        live = sessions.act(kb, journal, clock.advance(seconds=1), live.id, Start())
        sessions.act(kb, journal, clock.advance(seconds=1), live.id, Next())  # past step one
        sessions.act(kb, journal, clock.advance(seconds=1), live.id, Stop())
    with pytest.raises(NotAllowed) as refused:
        sessions.act(kb, journal, clock.advance(seconds=1), waiting[2].id, Start())
    # The check, screened again with today's journal, now says "not today".
    assert refused.value.level == "not_today"
    assert any("2 or more sessions today" in reason for reason in refused.value.reasons)
    assert journal.session(waiting[2].id).status == "ready"  # type: ignore[union-attr]


def test_a_session_stopped_at_its_first_step_does_not_count(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock)
    plan = a_plan(kb, journal, clock)
    for _ in range(3):
        live = sessions.open_session(kb, journal, clock(), plan.id)
        live = sessions.act(kb, journal, clock.advance(seconds=1), live.id, Start())
        sessions.act(kb, journal, clock.advance(seconds=1), live.id, Stop())
    assert sessions.open_session(kb, journal, clock(), plan.id).state.phase == "ready"


def test_starting_a_session_closes_the_one_still_running(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    first = to_first_hold(kb, journal, clock, opened(kb, journal, clock))
    plan = a_plan(kb, journal, clock)
    second = sessions.open_session(kb, journal, clock(), plan.id)
    sessions.act(kb, journal, clock.advance(seconds=1), second.id, Start())
    closed = journal.session(first.id)
    assert closed is not None and closed.status == "stopped"
    assert closed.stop_reason == LEFT_UNFINISHED


def test_a_refused_start_changes_nothing(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    first = to_first_hold(kb, journal, clock, opened(kb, journal, clock))
    assert first.plan_id is not None
    second = sessions.open_session(kb, journal, clock(), first.plan_id)
    check(kb, journal, clock, numbness=True)  # a new check that rules a session out
    with pytest.raises(NotAllowed):
        sessions.act(kb, journal, clock(), second.id, Start())
    assert journal.session(first.id).status == "in_progress"  # type: ignore[union-attr]


def test_a_session_left_alone_is_closed_as_it_was_last_seen(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = to_first_hold(kb, journal, clock, opened(kb, journal, clock))
    seen = clock.advance(seconds=GET_READY_SECONDS + 10)
    sessions.touch(journal, seen, live.id)  # the player was there 10 s into the hold
    clock.advance(hours=2, seconds=1)
    assert sessions.unfinished(journal, clock()) == []
    stored = journal.session(live.id)
    assert stored is not None and stored.stop_reason == LEFT_UNFINISHED
    assert stored.record["holds_done"] == [["piriformis", "left", 1]]
    assert stored.record["outcomes"][-1]["seconds"] == 10  # held until then, no more
    assert stored.ended_at == seen


def test_a_session_never_started_is_removed_when_left(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = opened(kb, journal, clock)
    clock.advance(hours=3)
    sessions.close_idle(journal, clock())
    assert journal.session(live.id) is None


def test_bad_pain_during_a_hold_stops_at_once_and_keeps_the_hold(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = to_first_hold(kb, journal, clock, opened(kb, journal, clock))
    clock.advance(seconds=GET_READY_SECONDS + 8)
    stopped = sessions.act(kb, journal, clock(), live.id, Stop(BAD_PAIN))
    assert stopped.state.phase == "stopped" and stopped.state.stop_reason == BAD_PAIN
    stored = journal.session(live.id)
    assert stored is not None and stored.status == "stopped" and stored.ended_at == clock()
    assert stored.record["holds_done"] == [["piriformis", "left", 1]]
    assert stored.record["feelings"] == [["piriformis.left.hold.1", "bad"]]


def test_the_finish_keeps_the_pain_and_the_map_after_once(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = to_first_hold(kb, journal, clock, opened(kb, journal, clock))
    with pytest.raises(Conflict, match="still going"):
        sessions.finish(journal, clock(), live.id, 3)
    sessions.act(kb, journal, clock.advance(seconds=1), live.id, Stop())
    with pytest.raises(Invalid):
        sessions.finish(journal, clock(), live.id, None, ([RegionKey("left", "heel")], []))
    done = sessions.finish(journal, clock(), live.id, 3, ([RegionKey("left", "heel")], ["ache"]))
    assert done.after_given and done.after_map_id is not None
    assert journal.pain_map(done.after_map_id).regions[0]["moment"] == "after"  # type: ignore[union-attr]
    assert journal.session(live.id).pain_after == 3  # type: ignore[union-attr]
    with pytest.raises(Conflict, match="is saved"):
        sessions.finish(journal, clock(), live.id, 4)


def test_a_resumed_session_is_where_it_was(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = to_first_hold(kb, journal, clock, opened(kb, journal, clock))
    live = sessions.act(kb, journal, clock.advance(seconds=2), live.id, Pause())
    clock.advance(minutes=30)  # a locked screen, a restart
    resumed = sessions.running(journal, clock())
    assert resumed is not None and resumed.id == live.id
    assert (
        resumed.state == live.state.__class__(**{**vars(live.state)})
        or resumed.state.phase == "paused"
    )
    carried = sessions.act(kb, journal, clock(), live.id, Resume())
    assert carried.state.phase == "get_ready" and carried.state.remaining == live.state.remaining
