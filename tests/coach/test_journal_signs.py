"""What the person logs after a check is acted on: numbness, both legs, the groin or tailbone
area, or new places end the check and count as a reason to get checked."""

from __future__ import annotations

import pytest

from sciatica_coach.coach import journal_log, pause, safety, sessions
from sciatica_coach.coach.errors import NeedsCheck, NotAllowed
from sciatica_coach.coach.journal_signs import after_session_warning
from sciatica_coach.coach.maps import read_places, save_map
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.session import Start

from .conftest import Clock, a_plan, check
from .fakes import FakeJournal
from .journal_days import play_to_the_end


@pytest.mark.parametrize(
    ("where", "feels", "sign"),
    [
        (["left:foot_sole"], ["numbness"], "numbness"),
        (["left:thigh_posterior", "right:thigh_posterior"], ["ache"], "both_legs"),
        (["left:groin"], ["ache"], "saddle_area"),
    ],
)
def test_a_pain_log_with_a_sign_ends_the_check_and_the_next_one_is_not_clear(
    kb: KnowledgeBase,
    journal: FakeJournal,
    clock: Clock,
    where: list[str],
    feels: list[str],
    sign: str,
) -> None:
    check(kb, journal, clock)
    clock.advance(minutes=5)
    journal_log.log_pain(kb, journal, clock(), 6, where=where, feels=feels)
    clock.advance(minutes=1)
    status = safety.check_status(kb, journal, clock())
    assert status.code == "new_signs"
    assert "please take it again" in status.message
    with pytest.raises(NeedsCheck):
        a_plan(kb, journal, clock)
    fresh = check(kb, journal, clock)
    assert fresh.result.level == "see_professional"
    assert f"journal:{sign}" in {r.question_id for r in fresh.result.reasons}
    assert pause.paused(kb, journal, clock()) is not None


@pytest.mark.parametrize("text", ["My left foot went numb tonight", "leg feels weak, foot drops"])
def test_a_note_about_numbness_or_weakness_ends_the_check(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock, text: str
) -> None:
    check(kb, journal, clock)
    clock.advance(minutes=5)
    journal_log.log_note(journal, clock(), text)
    assert safety.check_status(kb, journal, clock()).code == "new_signs"


def test_a_plain_note_or_pain_log_changes_nothing(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock)
    clock.advance(minutes=5)
    journal_log.log_note(journal, clock(), "Walked the dog; felt better after the stretch.")
    journal_log.log_pain(kb, journal, clock(), 4)
    assert safety.check_status(kb, journal, clock()).code == "current"


def test_new_places_count_against_the_days_before_even_in_the_first_week(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    journal_log.log_pain(kb, journal, clock(), 5, where=["left:buttock_center"], feels=["ache"])
    clock.advance(hours=2)
    check(kb, journal, clock)
    clock.advance(minutes=5)
    journal_log.log_pain(kb, journal, clock(), 5, where=["left:calf_posterior"], feels=["ache"])
    assert safety.check_status(kb, journal, clock()).code == "new_signs"
    assert "journal:new_places" in {r.question_id for r in check(kb, journal, clock).result.reasons}


def test_a_sign_counts_for_a_week_and_then_no_longer(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    journal_log.log_pain(kb, journal, clock(), 5, where=["left:foot_sole"], feels=["numbness"])
    clock.advance(days=kb.screening.logged_signs.days, minutes=1)
    assert check(kb, journal, clock).result.level == "ok"


def a_session(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock, after: list[str]
) -> str | None:
    check(kb, journal, clock)
    before = save_map(
        journal, clock(), read_places(kb, ["left:buttock_center"]), ["ache"], 5, "before"
    )
    plan = a_plan(kb, journal, clock)
    live = sessions.open_session(kb, journal, clock(), plan.id, before)
    live = sessions.act(kb, journal, clock(), live.id, Start(pain_before=5), live.version)
    live, clock.now = play_to_the_end(kb, journal, clock(), live, "good")
    done = sessions.finish(journal, clock(), live.id, 4, (read_places(kb, after), ("ache",)))
    return after_session_warning(kb, journal, done.before_map_id, done.after_map_id)


def test_new_places_after_a_session_are_said_at_once_and_end_the_check(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    warning = a_session(kb, journal, clock, ["left:buttock_center", "left:thigh_posterior"])
    assert warning == kb.screening.logged_signs.after_session
    assert "emergency care now" in warning
    assert safety.check_status(kb, journal, clock()).code == "new_signs"
    clock.advance(minutes=2)
    with pytest.raises(NotAllowed):
        check(kb, journal, clock) and a_plan(kb, journal, clock)


def test_the_same_places_after_a_session_say_nothing(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    assert a_session(kb, journal, clock, ["left:buttock_center"]) is None
    assert safety.check_status(kb, journal, clock()).code == "current"


def test_without_a_map_before_the_session_new_places_count_against_the_days_before(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    journal_log.log_pain(kb, journal, clock(), 5, where=["left:buttock_center"], feels=["ache"])
    clock.advance(hours=1)
    check(kb, journal, clock)
    plan = a_plan(kb, journal, clock)
    live = sessions.open_session(kb, journal, clock(), plan.id)
    live = sessions.act(kb, journal, clock(), live.id, Start(pain_before=5), live.version)
    live, clock.now = play_to_the_end(kb, journal, clock(), live, "good")
    after = read_places(kb, ["left:buttock_center", "left:heel"])
    done = sessions.finish(journal, clock(), live.id, 4, (after, ("ache",)))
    warning = after_session_warning(kb, journal, done.before_map_id, done.after_map_id)
    assert warning == kb.screening.logged_signs.after_session
