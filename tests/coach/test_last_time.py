"""Last time (item 5 of issue 25): what a returning person chose before, the experience that
moves on with finished sessions, and "the same again" made through the plan service with all
its checks, never answering a check question for the person."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sciatica_coach.coach import plans, safety, sessions
from sciatica_coach.coach.errors import Conflict, NeedsCheck, NotAllowed
from sciatica_coach.coach.last_time import (
    EXPERIENCED_AFTER,
    experience_now,
    finished_in_a_row,
    last_places,
    last_time,
    same_again,
)
from sciatica_coach.coach.maps import map_intensity, map_places, read_places, save_map
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.session import Start
from sciatica_coach.storage.entries import SessionOutcome

from .fakes import FakeJournal
from .journal_days import WHERE, clear_answers, play_to_the_end

DAY1 = datetime(2026, 12, 1, 8, tzinfo=UTC)


def a_map_day(
    kb: KnowledgeBase,
    journal: FakeJournal,
    now: datetime,
    before: int = 4,
    after: int = 2,
    feeling: str = "good",
    experience: str = "new",
) -> datetime:
    """A check, a map, a plan made from it (a tennis ball and a foam roller, 12 minutes), a
    session played to its end with pain ``before`` and ``after``. Returns when it ended."""
    safety.take_check(kb, journal, now, clear_answers(pain_now=before))
    map_id = save_map(journal, now, read_places(kb, WHERE), ("ache",), before, "before")
    request = plans.PlanRequest(
        map_id=map_id,
        tools=["tennis_ball", "foam_roller"],
        minutes=12,
        experience=experience,
    )
    saved = plans.make_plan(kb, journal, now, request)
    live = sessions.open_session(kb, journal, now, saved.id, map_id)
    live = sessions.act(kb, journal, now, live.id, Start(pain_before=before), live.version)
    live, now = play_to_the_end(kb, journal, now, live, feeling)  # type: ignore[arg-type]
    sessions.finish(journal, now, live.id, after, None)
    return now


def outcome(status: str, reason: str | None = None) -> SessionOutcome:
    return SessionOutcome(
        id=1,
        started_at=DAY1,
        ended_at=DAY1,
        status=status,
        stop_reason=reason,
        pain_before=None,
        pain_after=None,
    )


def test_it_is_none_before_any_plan(kb: KnowledgeBase) -> None:
    journal = FakeJournal()
    assert last_time(kb, journal) is None
    assert last_places(journal) is None


def test_it_remembers_the_map_tools_minutes_and_how_it_went(kb: KnowledgeBase) -> None:
    journal = FakeJournal()
    a_map_day(kb, journal, DAY1, before=4, after=2)
    last = last_time(kb, journal)
    assert last is not None
    assert set(last.places) == set(WHERE)
    assert last.minutes == 12 and last.experience == "new"
    assert set(last.tools) == {"tennis_ball", "foam_roller"}  # as said, used or not
    assert last.session is not None and last.session.finished
    assert (last.session.pain_before, last.session.pain_after) == (4, 2)
    found = last_places(journal)
    assert found is not None and set(found[0]) == set(WHERE)


@pytest.mark.parametrize(
    ("ended", "in_a_row"),
    [
        ([], 0),
        (["finished"], 1),
        (["finished", "stopped", "finished"], 2),  # a stop for another reason does not reset
        (["finished", "finished", "bad_pain", "finished"], 1),  # a stop for pain starts again
        (["ready", "in_progress", "finished"], 1),
    ],
)
def test_finished_sessions_are_counted_since_the_last_stop_for_pain(
    ended: list[str], in_a_row: int
) -> None:
    outcomes = [
        outcome("stopped", "bad_pain") if e == "bad_pain" else outcome(e, None) for e in ended
    ]
    assert finished_in_a_row(outcomes) == in_a_row


@pytest.mark.parametrize(
    ("chosen", "hurt", "now"),
    [
        ("new", False, "new"),
        ("experienced", False, "experienced"),  # the person's own word stays
        ("experienced", True, "new"),  # never firmer work straight after it hurt
        ("new", True, "new"),
    ],
)
def test_experience_is_the_persons_own_eased_after_a_stop_for_pain(
    chosen: str, hurt: bool, now: str
) -> None:
    assert experience_now(chosen, hurt) == now


def test_after_enough_finished_sessions_more_is_offered_never_given(kb: KnowledgeBase) -> None:
    journal = FakeJournal()
    for day in range(EXPERIENCED_AFTER - 1):
        a_map_day(kb, journal, DAY1 + timedelta(days=day))
    last = last_time(kb, journal)
    assert last is not None and not last.ready_for_more
    a_map_day(kb, journal, DAY1 + timedelta(days=EXPERIENCED_AFTER))
    last = last_time(kb, journal)
    assert last is not None and last.ready_for_more
    assert (last.chosen_experience, last.experience) == ("new", "new")


def test_after_a_stop_for_pain_the_same_again_is_refused_and_eased(kb: KnowledgeBase) -> None:
    journal = FakeJournal()
    now = a_map_day(kb, journal, DAY1, feeling="bad", experience="experienced")
    last = last_time(kb, journal)
    assert last is not None and last.session is not None and last.session.stopped_for_pain
    assert last.experience == "new" and not last.ready_for_more
    safety.take_check(kb, journal, now + timedelta(days=1), clear_answers(pain_now=3))
    with pytest.raises(Conflict) as refused:
        same_again(kb, journal, now + timedelta(days=1), last)
    assert refused.value.code == "stopped_for_pain"


def test_the_same_again_is_a_new_plan_with_todays_pain_on_last_times_places(
    kb: KnowledgeBase,
) -> None:
    journal = FakeJournal()
    a_map_day(kb, journal, DAY1)
    now = DAY1 + timedelta(days=1)
    safety.take_check(kb, journal, now, clear_answers(pain_now=3))  # asked afresh today
    last = last_time(kb, journal)
    assert last is not None
    saved = same_again(kb, journal, now, last)
    assert saved.id != last.plan_id and saved.plan.minutes == 12
    assert saved.map_id is not None and saved.map_id != last.map_id
    today = journal.pain_map(saved.map_id)
    assert today is not None and today.recorded_at == now
    assert set(map_places(today)) == set(WHERE) and map_intensity(today) == 3


def test_the_same_again_needs_todays_check(kb: KnowledgeBase) -> None:
    journal = FakeJournal()
    a_map_day(kb, journal, DAY1)
    last = last_time(kb, journal)
    assert last is not None
    maps_before = len(journal.pain_maps())
    with pytest.raises(NeedsCheck):
        same_again(kb, journal, DAY1 + timedelta(days=1), last)
    assert len(journal.pain_maps()) == maps_before  # nothing saved


def test_the_same_again_is_refused_when_the_check_says_no(kb: KnowledgeBase) -> None:
    journal = FakeJournal()
    a_map_day(kb, journal, DAY1)
    now = DAY1 + timedelta(days=1)
    safety.take_check(kb, journal, now, clear_answers(pain_now=3, saddle_numbness=True))
    last = last_time(kb, journal)
    assert last is not None
    maps_before, plans_before = len(journal.pain_maps()), len(journal.plans())
    with pytest.raises(NotAllowed):
        same_again(kb, journal, now, last)
    assert (len(journal.pain_maps()), len(journal.plans())) == (maps_before, plans_before)


def test_a_plan_made_from_muscles_by_name_is_made_again_from_them(kb: KnowledgeBase) -> None:
    journal = FakeJournal()
    safety.take_check(kb, journal, DAY1, clear_answers(pain_now=4))
    request = plans.PlanRequest(muscles=[("piriformis", "left")], tools=["tennis_ball"], minutes=10)
    plans.make_plan(kb, journal, DAY1, request)
    last = last_time(kb, journal)
    assert last is not None
    assert last.map_id is None and last.places == () and last.session is None
    assert last.muscles == (("piriformis", "left"),)
    now = DAY1 + timedelta(days=1)
    safety.take_check(kb, journal, now, clear_answers(pain_now=4))
    saved = same_again(kb, journal, now, last)
    assert [(t.muscle_id, t.side) for t in saved.plan.targets] == [("piriformis", "left")]
