"""Sessions that meet real life: a player that went away, a stop pressed out of contact, a
plan's own map from any door (issue 25, items 1, 2 and 4)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from sciatica_coach.coach import activity, sessions
from sciatica_coach.coach.maps import save_map
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.body_map import RegionKey
from sciatica_coach.domain.session import (
    BAD_PAIN,
    GET_READY_SECONDS,
    Next,
    Pause,
    ReportFeeling,
    Resume,
    Stop,
)
from sciatica_coach.domain.session_record import SessionRecord, record_from_json
from sciatica_coach.storage.entries import StoredSession

from .conftest import Clock, a_plan, check
from .fakes import FakeJournal
from .test_sessions import opened, to_first_hold


def in_a_hold(kb: KnowledgeBase, journal: FakeJournal, clock: Clock) -> sessions.LiveSession:
    """10 s into the first hold, with the player having just said it is there."""
    live = to_first_hold(kb, journal, clock, opened(kb, journal, clock))
    return sessions.touch(journal, clock.advance(seconds=GET_READY_SECONDS + 10), live.id)


def test_a_player_back_soon_finds_the_session_running(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = in_a_hold(kb, journal, clock)
    back = sessions.reopen(journal, clock.advance(seconds=8), live.id)
    assert back.state.phase == "holding" and not back.state.interrupted
    assert back.version == live.version  # only noted: no new version for the other tabs


def test_a_player_back_after_a_break_finds_the_hold_at_its_get_ready(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = in_a_hold(kb, journal, clock)
    back = sessions.reopen(journal, clock.advance(minutes=5), live.id)
    state = back.state
    assert (state.phase, state.paused_from, state.interrupted) == ("paused", "get_ready", True)
    assert state.remaining == GET_READY_SECONDS
    assert state.index == live.state.index  # the same hold, never "how did that feel?"
    assert state.outcomes == live.state.outcomes
    hold = state.plan.steps[state.index].seconds
    going = sessions.act(kb, journal, clock.advance(seconds=3), live.id, Resume(), back.version)
    held = sessions.get(journal, clock.advance(seconds=GET_READY_SECONDS + hold), live.id)
    assert held.state.phase == "checking_in"
    assert held.state.outcomes[-1].seconds == hold + 10  # the 10 s before the break, once
    assert going.state.phase == "get_ready"


def test_touching_keeps_a_watched_session_from_counting_as_a_break(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = in_a_hold(kb, journal, clock)
    for _ in range(6):
        sessions.touch(journal, clock.advance(seconds=10), live.id)
    back = sessions.reopen(journal, clock.advance(seconds=10), live.id)
    assert not back.state.interrupted


def test_nothing_after_the_last_word_is_counted_when_a_session_is_left(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = in_a_hold(kb, journal, clock)
    clock.advance(hours=3)
    sessions.close_idle(journal, clock())
    stored = journal.session(live.id)
    assert stored is not None and stored.status == "stopped"
    assert stored.record["outcomes"][-1] == {
        "step_id": live.state.plan.steps[live.state.index].id,
        "result": "stopped",
        "feeling": None,
        "seconds": 10.0,
    }


def test_a_stop_pressed_out_of_contact_stops_at_the_moment_pressed(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = in_a_hold(kb, journal, clock)
    pressed = clock.advance(seconds=3)  # 13 s into the hold
    arrived = clock.advance(seconds=40)  # the phone got its connection back later
    stopped = sessions.act(
        kb, journal, arrived, live.id, Stop(BAD_PAIN), live.version, client_at=pressed
    )
    assert stopped.state.phase == "stopped"
    assert stopped.state.outcomes[-1].seconds == 13  # nothing counted after the press
    assert stopped.state.outcomes[-1].feeling == "bad"


def test_a_stop_is_never_refused_for_an_older_version(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = in_a_hold(kb, journal, clock)
    sessions.act(kb, journal, clock.advance(seconds=1), live.id, Pause(), live.version)
    stopped = sessions.act(kb, journal, clock.advance(seconds=1), live.id, Stop(), live.version)
    assert stopped.state.phase == "stopped"


def test_a_pause_pressed_out_of_contact_freezes_the_hold_at_that_moment(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = in_a_hold(kb, journal, clock)
    hold = live.state.plan.steps[live.state.index].seconds
    pressed = clock.advance(seconds=2)
    paused = sessions.act(
        kb, journal, clock.advance(seconds=60), live.id, Pause(), live.version, client_at=pressed
    )
    assert paused.state.phase == "paused"
    assert paused.state.remaining == hold - 12


def test_a_time_sent_by_a_player_is_kept_within_what_the_server_knows(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = in_a_hold(kb, journal, clock)
    saved_at = live.state.clock
    assert saved_at is not None
    future = sessions.act(
        kb, journal, clock(), live.id, Pause(), live.version, client_at=clock() + timedelta(days=1)
    )
    hold = live.state.plan.steps[live.state.index].seconds
    assert future.state.remaining == hold - 10  # not a day later: now
    journal2 = FakeJournal()
    other = in_a_hold(kb, journal2, clock)
    past = sessions.act(
        kb, journal2, clock(), other.id, Stop(), client_at=clock() - timedelta(days=1)
    )
    assert past.state.outcomes[-1].seconds == 0  # not before the last saved moment (get-ready)


def test_a_time_sent_with_other_events_is_not_used(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = in_a_hold(kb, journal, clock)
    skipped = sessions.act(
        kb,
        journal,
        clock(),
        live.id,
        Next(),
        live.version,
        client_at=clock() - timedelta(seconds=9),
    )
    assert skipped.state.outcomes[-1].seconds == 10


def test_a_session_paused_and_carried_on_counts_once_toward_the_day(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = in_a_hold(kb, journal, clock)
    paused = sessions.act(kb, journal, clock.advance(seconds=1), live.id, Pause(), live.version)
    back = sessions.reopen(journal, clock.advance(minutes=30), live.id)
    going = sessions.act(kb, journal, clock.advance(seconds=1), live.id, Resume(), back.version)
    assert paused.state.phase == "paused" and going.state.phase == "get_ready"  # left behind
    hold = going.state.plan.steps[going.state.index].seconds
    asked = sessions.get(journal, clock.advance(seconds=GET_READY_SECONDS + hold), live.id)
    if asked.state.phase == "checking_in":
        sessions.act(kb, journal, clock(), live.id, ReportFeeling("good"), asked.version)
    recent = activity.recent(journal, clock())
    assert recent.sessions_today == 1


def test_a_session_opened_from_any_door_carries_its_plans_map(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock)
    places = [RegionKey("left", "buttock_center")]
    map_id = save_map(journal, clock(), places, ["ache"], 5, "before")
    plan = a_plan(kb, journal, clock, map_id=map_id, muscles=[])
    live = sessions.open_session(kb, journal, clock(), plan.id)
    assert live.before_map_id == map_id
    by_name = a_plan(kb, journal, clock)
    assert sessions.open_session(kb, journal, clock(), by_name.id).before_map_id is None


def test_a_stop_pressed_offline_then_sent_after_a_reload_ends_at_its_press(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = in_a_hold(kb, journal, clock)
    pressed = clock.advance(seconds=4)  # offline: the server never heard of it then
    back = sessions.reopen(journal, clock.advance(minutes=1), live.id)  # the page reloads
    assert back.state.interrupted
    stopped = sessions.act(
        kb, journal, clock.advance(seconds=1), live.id, Stop(BAD_PAIN), client_at=pressed
    )
    assert stopped.state.outcomes[-1].seconds == 10  # held until the last word, no more
    stored = journal.session(live.id)
    assert stored is not None and stored.ended_at == pressed


def test_a_stop_that_loses_a_race_with_another_write_is_tried_again(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = in_a_hold(kb, journal, clock)
    save = journal.save_session
    raced: list[int] = []

    def another_write_first(session_id: int, version: int, *args: Any, **kwargs: Any) -> int:
        if not raced:  # a tab saying it is back saves just before the stop does
            raced.append(version)
            stored = journal.session(session_id)
            assert stored is not None and stored.state is not None
            save(session_id, version, stored.state, record_of(stored), clock())
        return save(session_id, version, *args, **kwargs)

    monkeypatch.setattr(journal, "save_session", another_write_first)
    stopped = sessions.act(kb, journal, clock.advance(seconds=1), live.id, Stop(BAD_PAIN))
    assert stopped.state.phase == "stopped" and raced


def record_of(stored: StoredSession) -> SessionRecord:
    return record_from_json(stored.record)
