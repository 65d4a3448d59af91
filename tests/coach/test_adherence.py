"""The weekly goal and pain just before and just after sessions, read from a journal the way
the app writes it; while self-massage is paused, the goal is on hold."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sciatica_coach.coach import adherence, safety
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.plan_model import PlanFormatError
from sciatica_coach.domain.session_record import holds_used, record_from_json

from .fakes import FakeJournal
from .journal_days import a_day, clear_answers

MONDAY = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def test_a_goal_over_the_dose_limit_is_refused_and_not_kept(
    kb: KnowledgeBase, journal: FakeJournal
) -> None:
    with pytest.raises(Invalid) as refused:
        adherence.set_goal(kb, journal, MONDAY, 15, 9)
    assert set(refused.value.messages()) == {"sessions", "pegs"}
    assert journal.goals() == []


def test_without_a_goal_the_weeks_are_counted_and_nothing_is_asked(
    kb: KnowledgeBase, journal: FakeJournal
) -> None:
    a_day(kb, journal, MONDAY, 5, 3)
    habit = adherence.habit(kb, journal, MONDAY + timedelta(hours=2))
    assert habit.goal is None and habit.streak == 0
    assert (habit.this_week.sessions, habit.to_go.sessions_left) == (1, 0)
    assert len(habit.weeks) == 8


def test_this_week_against_the_goal_and_the_streak(kb: KnowledgeBase, journal: FakeJournal) -> None:
    adherence.set_goal(kb, journal, MONDAY - timedelta(weeks=2), 2, 1)
    for week in (2, 1):
        start = MONDAY - timedelta(weeks=week)
        a_day(kb, journal, start, 6, 4)
        a_day(kb, journal, start + timedelta(days=1), 6, 5)
        journal.add_peg(start + timedelta(days=2), 5, 5, 5)
    a_day(kb, journal, MONDAY, 5, 4)
    habit = adherence.habit(kb, journal, MONDAY + timedelta(hours=3))
    assert habit.streak == 2
    assert (habit.this_week.sessions, habit.this_week.pegs) == (1, 0)
    assert (habit.to_go.sessions_left, habit.to_go.pegs_left, habit.to_go.reachable) == (1, 1, True)
    helped = {(h.kind, h.id): h for h in habit.helped}
    assert helped["muscle", "piriformis"].sessions == 5
    assert helped["muscle", "piriformis"].mean_change == pytest.approx(-1.4)
    assert helped["tool", "tennis_ball"].sessions == 5
    assert not helped["muscle", "piriformis"].too_few


def test_a_session_stopped_for_bad_pain_has_no_after_score_to_average(
    kb: KnowledgeBase, journal: FakeJournal
) -> None:
    a_day(kb, journal, MONDAY, 5, None, feeling="bad")
    habit = adherence.habit(kb, journal, MONDAY + timedelta(hours=1))
    assert habit.this_week.sessions == 1
    assert habit.helped == []


@pytest.mark.parametrize("feeling", ["good", "bad"])
def test_the_quick_read_of_a_record_agrees_with_the_whole_read(
    kb: KnowledgeBase, journal: FakeJournal, feeling: str
) -> None:
    a_day(kb, journal, MONDAY, 5, 3, feeling=feeling)  # type: ignore[arg-type]
    (stored,) = journal.sessions()
    record = record_from_json(stored.record)
    steps = {step.id: step for step in record.plan.steps}
    held = [steps[o.step_id] for o in record.outcomes if o.result == "done"]
    held = [step for step in held if step.kind == "hold"]
    expected = (
        frozenset(s.muscle_id for s in held if s.muscle_id),
        frozenset(s.tool_id for s in held if s.tool_id),
    )
    assert holds_used(stored.record) == expected
    assert expected == (frozenset({"piriformis"}), frozenset({"tennis_ball"}))  # held, then asked


@pytest.mark.parametrize(
    "broken", [None, [], {"plan": {}}, {"plan": {"steps": []}}, {"plan": {"steps": "x"}}]
)
def test_a_malformed_record_is_refused_not_guessed(broken: object) -> None:
    with pytest.raises(PlanFormatError):
        holds_used(broken)


def pause_at(kb: KnowledgeBase, journal: FakeJournal, at: datetime) -> None:
    """A safety check that says to see a doctor today: self-massage pauses until a later
    check allows a session."""
    safety.take_check(kb, journal, at, clear_answers(fever=True))


def paused_weeks(kb: KnowledgeBase, journal: FakeJournal) -> None:
    """A 2-a-week goal: met three weeks ago; two weeks ago one session, then a pause that
    stood to the week's end; last week the pause was lifted and the goal met; one session
    this week (Monday)."""
    adherence.set_goal(kb, journal, MONDAY - timedelta(weeks=3), 2, 0)
    for days in (0, 1):
        a_day(kb, journal, MONDAY - timedelta(weeks=3, days=-days), 6, 4)
    a_day(kb, journal, MONDAY - timedelta(weeks=2), 6, 4)
    pause_at(kb, journal, MONDAY - timedelta(weeks=2, days=-1))
    for days in (3, 4):  # each day's own check allows a session: the pause is lifted
        a_day(kb, journal, MONDAY - timedelta(weeks=1, days=-days), 6, 4)
    a_day(kb, journal, MONDAY, 6, 3)


def test_a_week_the_pause_cost_is_on_hold_and_keeps_the_streak(
    kb: KnowledgeBase, journal: FakeJournal
) -> None:
    paused_weeks(kb, journal)
    habit = adherence.habit(kb, journal, MONDAY + timedelta(hours=2), shown=4)
    assert habit.pause is None
    assert [(w.on_hold, w.met) for w in habit.weeks] == [
        (False, True), (True, False), (False, True), (False, False)
    ]  # fmt: skip
    assert habit.streak == 2
    assert adherence.habit(kb, journal, MONDAY + timedelta(hours=2), shown=2).streak == 2
    assert "1 of 2 sessions" in adherence.goal_words(habit)[0]
    assert habit.helped[0].kind == "all" and habit.helped[0].sessions == 6


def test_while_paused_the_goal_is_on_hold_and_before_and_after_is_not_worked_out(
    kb: KnowledgeBase, journal: FakeJournal
) -> None:
    paused_weeks(kb, journal)
    pause_at(kb, journal, MONDAY + timedelta(hours=1))
    habit = adherence.habit(kb, journal, MONDAY + timedelta(hours=2), shown=4)
    assert habit.pause is not None and habit.pause.level == "urgent"
    assert habit.this_week.on_hold and not habit.this_week.met
    assert (habit.to_go.sessions_left, habit.to_go.pegs_left) == (0, 0)
    assert habit.helped == [] and adherence.helped_lines(kb, habit) == []
    assert habit.streak == 2  # neither counted nor broken
    said = " ".join(adherence.goal_words(habit))
    assert f'your last safety check said "{habit.pause.title}"' in said
    assert "This week's goal is on hold" in said
    assert "of 2 sessions" not in said and "To go" not in said


def test_the_pain_before_and_after_words_say_short_term_and_cite_furlan(
    kb: KnowledgeBase,
) -> None:
    caveat = adherence.helped_caveat(kb)
    assert caveat.startswith("Short-term; may not last.")
    assert "(Furlan et al. 2015)" in caveat and "too few to tell" in caveat
    assert kb.routine.before_after.sources == ["furlan_2015"]
    assert kb.routine.before_after.title == "Pain just before and just after sessions"
    assert "clinically important" not in caveat
