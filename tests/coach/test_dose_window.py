"""The dose limit through the service layer, on ``now`` in any zone (review M-4): sessions at
23:50 and 00:10, a zone change between starts, and a player that sends its own times never
make a third session in 24 hours; the status says when the next may start."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sciatica_coach.coach import plans, sessions, status
from sciatica_coach.coach.errors import NotAllowed
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.days import in_zone
from sciatica_coach.domain.session import Next, Pause, Start, Stop

from .conftest import Clock, a_plan, check
from .fakes import FakeJournal

LONDON = ZoneInfo("Europe/London")


def at(text: str, zone: str = "Europe/London") -> datetime:
    """``text`` on a wall clock in ``zone``, as the app's "now" there."""
    place = ZoneInfo(zone)
    return in_zone(datetime.fromisoformat(text).replace(tzinfo=place), place)


def counted_session(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock, now: datetime
) -> sessions.LiveSession:
    """A check, a plan and a session started at ``now`` and taken past its first step (so it
    counts), then stopped."""
    clock.now = now
    check(kb, journal, clock)
    live = sessions.open_session(kb, journal, now, a_plan(kb, journal, clock).id)
    live = sessions.act(kb, journal, now, live.id, Start(pain_before=4))
    live = sessions.act(kb, journal, now + timedelta(seconds=5), live.id, Next())
    return sessions.act(kb, journal, now + timedelta(seconds=9), live.id, Stop())


def ready_session(kb: KnowledgeBase, journal: FakeJournal, clock: Clock, now: datetime) -> int:
    clock.now = now
    check(kb, journal, clock)
    return sessions.open_session(kb, journal, now, a_plan(kb, journal, clock).id).id


def test_23_50_and_00_10_then_00_20_is_refused_and_says_when(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    waiting = ready_session(kb, journal, clock, at("2026-12-07 23:45"))
    counted_session(kb, journal, clock, at("2026-12-07 23:50"))
    counted_session(kb, journal, clock, at("2026-12-08 00:10"))
    now = at("2026-12-08 00:20")
    with pytest.raises(NotAllowed) as refused:
        sessions.act(kb, journal, now, waiting, Start())
    assert "You can start another session from 23:50 today." in " ".join(refused.value.reasons)
    clock.now = now
    check(kb, journal, clock)
    with pytest.raises(NotAllowed) as no_plan:
        a_plan(kb, journal, clock)
    assert no_plan.value.message == "You can start another session from 23:50 today."
    found = status.status(kb, journal, now)
    assert (found.sessions_today, found.sessions_left) == (1, 0)
    assert found.next_session_at == at("2026-12-08 23:50")
    assert found.next_step == "log_pain"


def test_a_zone_change_between_starts_is_refused(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    """As the review's ``TZ=XXX-12:33:24``: the third start asked from a zone where it is
    already tomorrow, minutes after two started in UTC."""
    waiting = ready_session(kb, journal, clock, at("2026-12-07 09:45", "UTC"))
    counted_session(kb, journal, clock, at("2026-12-07 09:50", "UTC"))
    counted_session(kb, journal, clock, at("2026-12-07 09:51", "UTC"))
    now = in_zone(datetime(2026, 12, 7, 10, 2, tzinfo=UTC), ZoneInfo("Pacific/Kiritimati"))
    assert (now.day, now.hour) == (8, 0)  # "today" there began two minutes ago
    found = status.status(kb, journal, now)
    assert (found.sessions_today, found.sessions_left) == (0, 0)
    assert found.next_session_words is not None
    assert found.next_session_words[0] == "You can start another session from 23:50 today."
    with pytest.raises(NotAllowed):
        sessions.act(kb, journal, now, waiting, Start())


def test_08_00_and_18_00_then_07_00_is_refused_and_08_01_allowed(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    counted_session(kb, journal, clock, at("2026-12-07 08:00"))
    waiting = ready_session(kb, journal, clock, at("2026-12-07 17:55"))
    counted_session(kb, journal, clock, at("2026-12-07 18:00"))
    clock.now = at("2026-12-08 06:59")
    check(kb, journal, clock)
    with pytest.raises(NotAllowed) as refused:
        sessions.act(kb, journal, at("2026-12-08 07:00"), waiting, Start())
    assert "from 08:00 today" in " ".join(refused.value.reasons)
    later = at("2026-12-08 08:01")
    clock.now = later
    check(kb, journal, clock)
    started = sessions.act(kb, journal, later, waiting, Start())
    assert started.state.phase == "showing"


def test_times_a_player_sends_cannot_move_the_count(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    """A stop or a pause may say when it was pressed; a day earlier does not move the start
    (it is the server's ``now``), so it cannot make room."""
    waiting = ready_session(kb, journal, clock, at("2026-12-08 00:05"))
    for started in ("2026-12-07 23:50", "2026-12-08 00:10"):
        now = at(started)
        clock.now = now
        check(kb, journal, clock)
        live = sessions.open_session(kb, journal, now, a_plan(kb, journal, clock).id)
        live = sessions.act(kb, journal, now, live.id, Start())
        live = sessions.act(kb, journal, now + timedelta(seconds=3), live.id, Next())
        yesterday = now - timedelta(days=1)
        live = sessions.act(
            kb, journal, now + timedelta(seconds=6), live.id, Pause(), client_at=yesterday
        )
        sessions.act(kb, journal, now + timedelta(seconds=9), live.id, Stop(), client_at=yesterday)
        assert journal.session(live.id).started_at == now  # type: ignore[union-attr]
    with pytest.raises(NotAllowed):
        sessions.act(kb, journal, at("2026-12-08 00:20"), waiting, Start())


def test_a_plan_made_before_the_limit_is_refused_as_it_starts(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    """The start counts again inside its transaction: a plan made with room left still waits."""
    clock.now = at("2026-12-07 23:40")
    check(kb, journal, clock)
    saved = plans.make_plan(
        kb, journal, clock(), plans.PlanRequest(muscles=[("piriformis", "left")], minutes=10)
    )
    counted_session(kb, journal, clock, at("2026-12-07 23:50"))
    counted_session(kb, journal, clock, at("2026-12-08 00:10"))
    with pytest.raises(NotAllowed):
        sessions.open_session(kb, journal, at("2026-12-08 00:20"), saved.id)
