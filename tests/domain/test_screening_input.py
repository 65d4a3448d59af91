"""Unanswered questions never count as "no", and bad values get a clear message."""

from __future__ import annotations

import pytest

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.screening import ScreeningIncomplete, ScreeningInputError, screen

from .screening_cases import SPEC, all_clear


def without(*ids: str) -> dict[str, object]:
    return {k: v for k, v in all_clear().items() if k not in ids}


def test_it_refuses_answers_that_leave_an_emergency_question_open(kb: KnowledgeBase) -> None:
    with pytest.raises(ScreeningIncomplete) as caught:
        screen(kb, without("bladder_change"))
    assert caught.value.missing == ["bladder_change"]


def test_it_refuses_answers_that_leave_an_urgent_question_open(kb: KnowledgeBase) -> None:
    with pytest.raises(ScreeningIncomplete) as caught:
        screen(kb, without("calf_swelling", "fever"))
    assert caught.value.missing == ["calf_swelling", "fever"]


def test_it_refuses_an_empty_answer_set_listing_every_question(kb: KnowledgeBase) -> None:
    with pytest.raises(ScreeningIncomplete) as caught:
        screen(kb, {})
    assert caught.value.missing == list(SPEC)


def test_null_means_unanswered(kb: KnowledgeBase) -> None:
    with pytest.raises(ScreeningIncomplete, match="saddle_numbness"):
        screen(kb, all_clear() | {"saddle_numbness": None})


def test_an_emergency_wins_even_when_everything_else_is_unanswered(kb: KnowledgeBase) -> None:
    result = screen(kb, {"saddle_numbness": True})
    assert result.level == "emergency"
    assert not result.session_allowed
    assert "bladder_change" in result.unanswered


def test_an_urgent_answer_still_needs_the_emergency_questions(kb: KnowledgeBase) -> None:
    with pytest.raises(ScreeningIncomplete) as caught:
        screen(kb, {"fever": True})
    assert "saddle_numbness" in caught.value.missing
    assert "numbness" not in caught.value.missing


def test_an_allowed_session_needs_every_question_answered(kb: KnowledgeBase) -> None:
    with pytest.raises(ScreeningIncomplete) as caught:
        screen(kb, without("anticoagulants"))
    assert caught.value.missing == ["anticoagulants"]


def test_a_blocked_day_lists_less_serious_questions_left_open(kb: KnowledgeBase) -> None:
    result = screen(kb, without("anticoagulants", "osteoporosis") | {"flare": True})
    assert result.level == "not_today"
    assert result.unanswered == ("anticoagulants", "osteoporosis")


@pytest.mark.parametrize(
    ("question_id", "value", "message"),
    [
        ("pain_now", 11, "whole number from 0 to 10"),
        ("pain_now", -1, "whole number from 0 to 10"),
        ("pain_now", 7.5, "whole number from 0 to 10"),
        ("pain_now", True, "whole number from 0 to 10"),
        ("pain_now", "a lot", "whole number from 0 to 10"),
        ("pain_now", "\u00b2", "whole number from 0 to 10"),
        ("pain_now", "\u0665", "whole number from 0 to 10"),
        ("weeks_with_pain", "9" * 5000, "whole number from 0 to 520"),
        ("weeks_with_pain", -2, "whole number from 0 to 520"),
        ("sessions_today", 25, "whole number from 0 to 24"),
        ("fever", "maybe", "yes, no or not sure"),
        ("fever", 1, "yes, no or not sure"),
        ("skin_problem_areas", ["left:elbow"], "not a place on the body map"),
        ("skin_problem_areas", ["buttock_center"], "say which side"),
        ("skin_problem_areas", ["left:sacrum"], "on the midline"),
        ("skin_problem_areas", 5, "list of body-map regions"),
    ],
)
def test_it_refuses_out_of_range_values(
    kb: KnowledgeBase, question_id: str, value: object, message: str
) -> None:
    with pytest.raises(ScreeningInputError) as caught:
        screen(kb, all_clear() | {question_id: value})
    assert caught.value.problems == [caught.value.problems[0]]
    assert caught.value.problems[0].startswith(f"{question_id}: ")
    assert message in caught.value.problems[0]


def test_it_reports_every_bad_value_at_once(kb: KnowledgeBase) -> None:
    with pytest.raises(ScreeningInputError) as caught:
        screen(kb, all_clear() | {"pain_now": 11, "fever": "maybe", "pain_level": 3})
    problems = "\n".join(caught.value.problems)
    assert "pain_now" in problems and "fever" in problems
    assert "Unknown question 'pain_level'. Did you mean: pain_now" in problems


@pytest.mark.parametrize(("text", "expected"), [("yes", True), ("No", False), (" y ", True)])
def test_it_accepts_yes_and_no_as_words(kb: KnowledgeBase, text: str, expected: bool) -> None:
    result = screen(kb, all_clear() | {"flare": text})
    assert result.answers["flare"] is expected


def test_it_accepts_regions_as_a_comma_separated_string(kb: KnowledgeBase) -> None:
    result = screen(kb, all_clear() | {"skin_problem_areas": "left:heel, right:heel"})
    assert result.answers_as_json()["skin_problem_areas"] == ["left:heel", "right:heel"]
