"""Where a returning person stands: a session left alone is not "still running"."""

from __future__ import annotations

from sciatica_coach.coach import status
from sciatica_coach.coach.clinical_export import fhir_records
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.session import LEFT_UNFINISHED

from .conftest import Clock, a_plan, check
from .fakes import FakeJournal
from .test_sessions import opened, to_first_hold


def test_a_session_in_progress_is_offered_to_pick_up(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = to_first_hold(kb, journal, clock, opened(kb, journal, clock))
    clock.advance(minutes=5)
    found = status.status(kb, journal, clock())
    assert found.running_session == live.id
    assert (found.sessions_today, found.sessions_left) == (1, 1)


def test_a_session_left_alone_is_closed_not_offered(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = to_first_hold(kb, journal, clock, opened(kb, journal, clock))
    clock.advance(hours=2, seconds=1)
    found = status.status(kb, journal, clock())
    assert found.running_session is None
    stored = journal.session(live.id)
    assert stored is not None and stored.stop_reason == LEFT_UNFINISHED
    assert found.sessions_today == 1  # it still counts: a hold was done


def test_an_export_shows_a_session_left_alone_as_it_ended(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    live = to_first_hold(kb, journal, clock, opened(kb, journal, clock))
    clock.advance(hours=3)
    fhir_records(kb, journal, None, clock())
    stored = journal.session(live.id)
    assert stored is not None and stored.status == "stopped"


def test_the_next_step_is_the_check_s_advice_while_it_says_no(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    assert status.status(kb, journal, clock()).next_step == "check"
    check(kb, journal, clock)
    a_plan(kb, journal, clock)
    assert status.status(kb, journal, clock()).next_step == "session"
    check(kb, journal, clock, fever=True)
    found = status.status(kb, journal, clock())
    assert found.next_step == "follow_check" and not found.session_allowed


def test_a_pause_outlasts_the_hour_and_offers_no_session(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock)
    a_plan(kb, journal, clock)
    flagged = check(kb, journal, clock, fever=True)
    clock.advance(hours=3)  # the check no longer counts; the pause still stands
    found = status.status(kb, journal, clock())
    assert found.result is None
    assert found.pause is not None and found.pause.title == "See a doctor today"
    assert (found.sessions_left, found.sessions_per_day) == (0, 2)
    assert not found.session_allowed
    assert found.next_step == "follow_check"
    assert found.last_check_id == flagged.journal_id
    assert found.habit.this_week.on_hold


def test_a_later_check_that_allows_a_session_lifts_the_pause(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock, fever=True)
    clock.advance(days=2)
    check(kb, journal, clock)
    a_plan(kb, journal, clock)
    found = status.status(kb, journal, clock())
    assert found.pause is None and found.session_allowed
    assert (found.sessions_left, found.next_step) == (2, "session")
