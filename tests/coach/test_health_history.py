"""The daily check is asked afresh every time; the health history is kept and confirmed about
once a week, and the weeks of pain come from the date it began."""

from __future__ import annotations

from datetime import date

import pytest

from sciatica_coach.coach import safety, safety_records
from sciatica_coach.coach.errors import Invalid, NotFound
from sciatica_coach.coach.health_history import (
    HISTORY_DUE,
    PAIN_BEGAN,
    daily_questions,
    history_questions,
    is_due,
)
from sciatica_coach.content import KnowledgeBase
from tests.domain.screening_cases import all_clear

from .conftest import Clock, check
from .fakes import FakeJournal


def daily_only(kb: KnowledgeBase, **changes: object) -> dict[str, object]:
    ids = {q.id for q in daily_questions(kb)}
    return {k: v for k, v in all_clear().items() if k in ids} | changes


def test_the_history_holds_the_stable_questions_and_the_daily_check_the_symptoms(
    kb: KnowledgeBase,
) -> None:
    history = {q.id for q in history_questions(kb)}
    assert {"cancer_history", "osteoporosis", "long_term_steroids", "anticoagulants"} <= history
    assert {"clot_history", "implanted_device", "age_under_18", "age_over_50_new_pain"} <= history
    assert {"inflammatory_pattern", "known_condition", "pregnant"} <= history
    daily = {q.id for q in daily_questions(kb)}
    emergency = {q.id for q in kb.screening.questions if q.rule.level == "emergency"}
    assert emergency <= daily
    assert {"fever", "numbness", "pain_worsening", "symptoms_spreading", "pain_now"} <= daily
    assert {"skin_problem_areas", "recent_strain", "flare"} <= daily
    assert "weeks_with_pain" not in daily | history  # worked out from the date it began


def test_a_first_check_needs_the_history_and_the_date_the_pain_began(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    with pytest.raises(Invalid) as problem:
        safety.take_check(kb, journal, clock(), daily_only(kb))
    places = {loc[-1] for loc, _ in problem.value.problems}
    assert {q.id for q in history_questions(kb)} | {PAIN_BEGAN} <= places
    assert HISTORY_DUE in problem.value.messages()["cancer_history"]
    assert journal.screenings() == []


def test_within_a_week_the_daily_answers_are_enough(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    history = {q.id: all_clear()[q.id] for q in history_questions(kb)}
    safety.take_check(kb, journal, clock(), daily_only(kb) | history | {PAIN_BEGAN: "2026-10-01"})
    clock.advance(days=6, hours=23)
    again = safety.take_check(kb, journal, clock(), daily_only(kb))
    assert again.result.level == "caution"  # over 6 weeks since 1 October
    assert again.result.answers["weeks_with_pain"] == 9
    clock.advance(hours=2)
    kept = safety_records.read(journal, clock()).history
    assert kept is not None and is_due(kb, kept, clock())
    with pytest.raises(Invalid):
        safety.take_check(kb, journal, clock(), daily_only(kb))


def test_a_kept_yes_still_counts_without_being_asked(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock, anticoagulants=True)
    clock.advance(days=1)
    again = safety.take_check(kb, journal, clock(), daily_only(kb))
    assert "no_belly_pressure" in again.result.restrictions


def test_a_daily_answer_is_never_taken_from_an_earlier_check(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock, numbness=True)
    clock.advance(days=1)
    answers = daily_only(kb)
    del answers["numbness"]
    with pytest.raises(Invalid) as problem:
        safety.take_check(kb, journal, clock(), answers)
    assert [loc for loc, _ in problem.value.problems] == [("answers", "numbness")]


def test_the_weeks_of_pain_come_from_the_date_it_began(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    answers = {k: v for k, v in all_clear().items() if k not in ("weeks_with_pain",)}
    checked = safety.take_check(kb, journal, clock(), answers | {PAIN_BEGAN: "2026-11-30"})
    assert checked.result.answers["weeks_with_pain"] == 0
    kept = safety_records.read(journal, clock()).history
    assert kept is not None and kept.pain_began == date(2026, 11, 30)


@pytest.mark.parametrize(
    ("began", "words"), [("tomorrow", "year-month-day"), ("2026-12-25", "later than today")]
)
def test_a_bad_date_is_named(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock, began: str, words: str
) -> None:
    with pytest.raises(Invalid) as problem:
        safety.take_check(kb, journal, clock(), all_clear() | {PAIN_BEGAN: began})
    assert words in problem.value.messages()[PAIN_BEGAN]


def test_typed_weeks_from_an_older_client_still_work_and_set_the_date(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock, weeks_with_pain=8)
    kept = safety_records.read(journal, clock()).history
    assert kept is not None and kept.pain_began == date(2026, 10, 6)


def test_a_red_flag_decides_at_once_even_before_the_first_history(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    checked = safety.take_check(kb, journal, clock(), {"saddle_numbness": "not_sure"})
    assert checked.result.level == "emergency"
    assert safety_records.read(journal, clock()).history is None


def test_a_first_check_names_the_missing_daily_answers_with_the_history(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    answers = daily_only(kb)
    del answers["fever"]
    with pytest.raises(Invalid) as problem:
        safety.take_check(kb, journal, clock(), answers)
    places = {loc[-1] for loc, _ in problem.value.problems}
    assert {"fever", "cancer_history", PAIN_BEGAN} <= places


NEW_IN_HISTORY = ("age_65_or_over", "back_pain_before_45", "infection_risk", "injects_drugs")
"""History questions a history kept before the compound questions were split did not have."""


def an_older_journal(kb: KnowledgeBase, journal: FakeJournal, clock: Clock) -> None:
    """A history kept, and a check saved, under the questions before the split: the old
    compound answers under their old ids, and none of the new ones."""
    history = {q.id: all_clear()[q.id] for q in history_questions(kb)}
    old_history = {k: v for k, v in history.items() if k not in NEW_IN_HISTORY}
    old_history["inflammatory_pattern"] = True  # "all of these" under the old words
    journal.add_safety_record(
        clock(),
        safety_records.HISTORY,
        {"answers": old_history, "pain_began": "2026-11-20"},
    )
    old_answers = {k: v for k, v in all_clear().items() if k not in NEW_IN_HISTORY}
    old_answers |= {"osteoporosis_fall": True, "infection_risk": "not_sure"}
    journal.add_screening(
        clock(),
        "urgent",
        old_answers,
        {"level": "urgent", "reasons": [{"question_id": "osteoporosis_fall", "level": "urgent"}]},
    )


def test_a_history_kept_before_a_question_was_added_is_due_again(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    an_older_journal(kb, journal, clock)
    clock.advance(days=1)
    kept = safety_records.read(journal, clock()).history
    assert kept is not None and is_due(kb, kept, clock())
    with pytest.raises(Invalid) as problem:
        safety.take_check(kb, journal, clock(), daily_only(kb))
    messages = problem.value.messages()
    assert all(messages[q] == HISTORY_DUE for q in NEW_IN_HISTORY)
    # given again in full, it is kept and counts (the split questions, each on its own)
    history = {q.id: all_clear()[q.id] for q in history_questions(kb)}
    history |= {"inflammatory_pattern": True, "back_pain_before_45": True}
    checked = safety.take_check(kb, journal, clock(), daily_only(kb) | history)
    assert checked.result.level == "see_professional"
    assert [r.question_id for r in checked.result.reasons] == ["inflammatory_pattern"]


def test_checks_saved_under_the_old_questions_still_load(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    an_older_journal(kb, journal, clock)
    (old,) = journal.screenings()
    assert safety.check_status(kb, journal, clock()).code == "questions_changed"
    try:
        shown = safety.saved_check(kb, journal, old.id)
    except NotFound:
        return  # said in words: "taken with older questions and cannot be shown again"
    assert shown.result.answers["osteoporosis_fall"] is True
