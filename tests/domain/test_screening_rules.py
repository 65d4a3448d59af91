"""One test per screening rule, plus precedence and several reasons at once."""

from __future__ import annotations

import pytest

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.screening import screen

from .screening_cases import BLOCKING, SPEC, THRESHOLDS, all_clear, trigger_value


def test_it_asks_exactly_the_public_questions(kb: KnowledgeBase) -> None:
    assert [q.id for q in kb.screening.questions] == list(SPEC)
    for question in kb.screening.questions:
        kind, level, _ = SPEC[question.id]
        assert (question.kind, question.rule.level) == (kind, level)


def test_it_asks_every_emergency_sign_first_so_a_yes_can_stop_at_once(
    kb: KnowledgeBase,
) -> None:
    levels = [q.rule.level for q in kb.screening.questions]
    emergencies = levels.count("emergency")
    assert levels[:emergencies] == ["emergency"] * emergencies
    first = kb.screening.topics[0].id
    assert {q.topic for q in kb.screening.questions[:emergencies]} == {first}
    assert all(q.topic != first for q in kb.screening.questions[emergencies:])


def test_it_asks_the_daily_questions_topic_by_topic(kb: KnowledgeBase) -> None:
    asked = [q for q in kb.screening.questions if q.part == "daily" and not q.from_journal]
    assert all(q.topic for q in asked)
    order = [t.id for t in kb.screening.topics]
    assert list(dict.fromkeys(q.topic for q in asked)) == order
    ranks = [order.index(q.topic or "") for q in asked]
    assert ranks == sorted(ranks)
    asked_ids = {q.id for q in asked}
    assert all(q.topic is None for q in kb.screening.questions if q.id not in asked_ids)


def test_it_allows_a_session_when_nothing_triggers(kb: KnowledgeBase) -> None:
    result = screen(kb, all_clear())
    assert result.level == "ok"
    assert result.session_allowed
    assert result.reasons == ()
    assert result.restrictions == ()


@pytest.mark.parametrize("question_id", list(SPEC))
def test_it_applies_each_rule(kb: KnowledgeBase, question_id: str) -> None:
    _, level, restrictions = SPEC[question_id]
    result = screen(kb, all_clear() | {question_id: trigger_value(question_id)})
    assert result.level == level
    assert result.session_allowed is (level not in BLOCKING)
    if level == "ok":  # a part that counts only together with another (TOGETHER)
        assert result.reasons == () and result.restrictions == ()
        return
    assert [r.question_id for r in result.reasons] == [question_id]
    reason = result.reasons[0]
    assert reason.message and reason.what_to_do and reason.sources
    expected = set(restrictions)
    if SPEC[question_id][0] == "regions":
        expected = {"avoid_region:left:buttock_center"}
    assert set(result.restrictions) == expected


@pytest.mark.parametrize("question_id", list(THRESHOLDS))
def test_it_triggers_numbers_at_the_threshold_and_not_below(
    kb: KnowledgeBase, question_id: str
) -> None:
    at, below = THRESHOLDS[question_id]
    assert screen(kb, all_clear() | {question_id: below}).level == "ok"
    assert screen(kb, all_clear() | {question_id: at}).level == SPEC[question_id][1]


@pytest.mark.parametrize(
    ("question_id", "words"),
    [
        ("weeks_with_pain", "doctor or physical therapist"),
        ("known_condition", "doctor or physical therapist"),
        ("cant_find_points", "massage therapist"),
    ],
)
def test_it_gives_advice_with_a_caution(kb: KnowledgeBase, question_id: str, words: str) -> None:
    result = screen(kb, all_clear() | {question_id: trigger_value(question_id)})
    assert result.session_allowed
    assert any(words in advice for advice in result.advice)


def test_it_turns_each_skin_area_into_a_restriction(kb: KnowledgeBase) -> None:
    areas = ["right:calf_posterior", "sacrum", "left:thigh_posterior"]
    result = screen(kb, all_clear() | {"skin_problem_areas": areas})
    assert set(result.restrictions) == {
        "avoid_region:right:calf_posterior",
        "avoid_region:midline:sacrum",
        "avoid_region:left:thigh_posterior",
    }


def test_the_most_severe_level_wins_and_every_reason_is_reported(kb: KnowledgeBase) -> None:
    answers = all_clear() | {
        "anticoagulants": True,
        "pain_now": 9,
        "numbness": True,
        "fever": True,
        "both_legs": True,
    }
    result = screen(kb, answers)
    assert result.level == "emergency"
    assert not result.session_allowed
    assert [r.question_id for r in result.reasons] == [
        "both_legs",
        "fever",
        "numbness",
        "pain_now",
        "anticoagulants",
    ]
    assert "no_massage_gun" in result.restrictions


@pytest.mark.parametrize(
    ("extra", "level"),
    [
        ({"calf_swelling": True, "flare": True}, "urgent"),
        ({"pregnant": True, "sessions_today": 3}, "see_professional"),
        ({"flare": True, "osteoporosis": True}, "not_today"),
        ({"osteoporosis": True, "reduced_sensation": True}, "caution"),
    ],
)
def test_it_ranks_levels_in_order(kb: KnowledgeBase, extra: dict[str, object], level: str) -> None:
    result = screen(kb, all_clear() | extra)
    assert result.level == level
    assert len(result.reasons) == 2


def test_cautions_add_up_their_restrictions(kb: KnowledgeBase) -> None:
    result = screen(kb, all_clear() | {"osteoporosis": True, "reduced_sensation": True})
    assert result.restrictions == (
        "light_pressure_only",
        "no_hard_ball_near_bone",
        "no_heat",
        "no_massage_gun",
    )


def test_the_headline_explains_the_level(kb: KnowledgeBase) -> None:
    result = screen(kb, all_clear() | {"bladder_change": True})
    assert "emergency" in result.what_to_do.lower()
    assert result.title == "Emergency: get help now"
