"""The safety check as a use case: saved, counted for an hour, and asked again for a reason."""

from __future__ import annotations

import pytest

from sciatica_coach.coach import safety, sessions
from sciatica_coach.coach.errors import Invalid, NeedsCheck, NotAllowed
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.session import BAD_PAIN, Start, Stop

from .conftest import Clock, a_plan, check
from .fakes import FakeJournal


def test_it_saves_the_check_with_what_the_journal_answered(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    checked = check(kb, journal, clock)
    assert checked.result.level == "ok"
    (saved,) = journal.screenings()
    assert saved.answers["sessions_today"] == 0
    assert saved.result["safety_net"]["title"] == kb.screening.safety_net.title
    assert saved.result["escalations"] == []


def test_each_bad_answer_is_named_on_its_question(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    with pytest.raises(Invalid) as problem:
        check(kb, journal, clock, pain_now=12, fever="maybe")
    assert {loc for loc, _ in problem.value.problems} == {
        ("answers", "pain_now"),
        ("answers", "fever"),
    }
    assert journal.screenings() == []


def test_a_check_counts_for_the_rescreen_window_and_no_longer(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    taken = check(kb, journal, clock)
    clock.advance(minutes=kb.routine.timing.rescreen_after_minutes - 1)
    assert safety.current_check(kb, journal, clock()) == taken
    clock.advance(minutes=2)
    status = safety.check_status(kb, journal, clock())
    assert (status.checked, status.code) == (None, "none")
    with pytest.raises(NeedsCheck) as needed:
        safety.allowing_check(kb, journal, clock())
    assert needed.value.code == "screening_needed"


def test_a_check_dated_in_the_future_never_counts(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    clock.advance(hours=3)
    check(kb, journal, clock)
    clock.advance(hours=-3)
    assert safety.current_check(kb, journal, clock()) is None


def test_a_bad_pain_stop_since_the_check_asks_for_a_new_one(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock)
    plan = a_plan(kb, journal, clock)
    live = sessions.open_session(kb, journal, clock(), plan.id)
    sessions.act(kb, journal, clock.advance(seconds=1), live.id, Start())
    sessions.act(kb, journal, clock.advance(seconds=20), live.id, Stop(BAD_PAIN))
    clock.advance(seconds=1)
    status = safety.check_status(kb, journal, clock())
    assert status.code == "after_bad_pain" and "bad pain" in status.message
    with pytest.raises(NeedsCheck) as needed:
        safety.allowing_check(kb, journal, clock())
    assert needed.value.code == "rescreen_after_bad_pain"


def test_a_new_concern_in_the_journal_asks_for_a_new_check(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    journal.add_pain_map(clock.advance(days=-20), [{"key": "left:heel", "intensity": 5}])
    clock.advance(days=20)
    check(kb, journal, clock)
    assert safety.check_status(kb, journal, clock()).code == "current"
    journal.add_pain_map(clock.advance(minutes=1), [{"key": "left:calf_lateral", "intensity": 5}])
    status = safety.check_status(kb, journal, clock())
    assert status.code == "new_concern"


def test_answers_saved_under_older_questions_need_a_new_check(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    journal.add_screening(clock(), "ok", {"weakness": False}, {"escalations": []})
    assert safety.check_status(kb, journal, clock()).code == "questions_changed"


def test_a_check_that_rules_out_a_session_is_not_allowed(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock, numbness=True)
    with pytest.raises(NotAllowed) as refused:
        safety.allowing_check(kb, journal, clock())
    assert refused.value.level == "see_professional" and refused.value.reasons
