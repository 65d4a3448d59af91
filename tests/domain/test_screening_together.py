"""Signs that are more serious together (Finucane et al. 2020), clearances, and the nets."""

from __future__ import annotations

import pytest

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.screening import (
    NOT_SURE,
    ScreeningIncomplete,
    cleared,
    safety_net,
    screen,
)

from .screening_cases import ORDER, SPEC, TOGETHER, all_clear

PAIRS = [
    (question_id, part, level)
    for question_id, rules in TOGETHER.items()
    for parts, level in rules
    for part in sorted(parts)
]


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        ({"cancer_history": True}, "see_professional"),
        ({"cancer_history": True, "night_pain_constant": True}, "urgent"),
        ({"cancer_history": True, "thoracic_pain": "not_sure"}, "urgent"),
        ({"cancer_history": True, "numbness": True}, "urgent"),
        ({"infection_risk": True}, "see_professional"),
        ({"infection_risk": True, "symptoms_spreading": True}, "urgent"),
        ({"infection_risk": True, "pain_worsening": "not_sure"}, "urgent"),
        ({"infection_risk": "not_sure"}, "see_professional"),
        ({"injects_drugs": True}, "see_professional"),
        ({"injects_drugs": True, "fever": True}, "urgent"),
        ({"spine_procedure": True}, "see_professional"),
        ({"spine_procedure": True, "pain_worsening": True}, "urgent"),
        ({"spine_procedure": "not_sure", "symptoms_spreading": True}, "urgent"),
    ],
)
def test_risk_factors_alone_mean_a_check_and_with_other_signs_a_doctor_today(
    kb: KnowledgeBase, answers: dict[str, object], level: str
) -> None:
    assert screen(kb, all_clear() | answers).level == level


def test_a_stable_new_foot_drop_is_urgent_and_worsening_weakness_an_emergency(
    kb: KnowledgeBase,
) -> None:
    questions = kb.screening.question_by_id
    assert "foot drops" in questions["weakness_new"].question
    assert "drag" not in questions["weakness_progressing"].question
    assert screen(kb, all_clear() | {"weakness_new": True}).level == "urgent"
    assert screen(kb, all_clear() | {"weakness_progressing": True}).level == "emergency"
    net = safety_net(kb)
    assert not any("drag" in sign or "slap" in sign for sign in net.signs)
    assert any("drops" in sign for sign in net.today_signs)


def test_the_leg_clot_sign_is_a_doctor_today_in_the_check_and_the_net(kb: KnowledgeBase) -> None:
    net = safety_net(kb)
    assert not any("swollen" in sign for sign in net.signs)
    assert any("swollen" in sign for sign in net.today_signs)
    assert screen(kb, all_clear() | {"calf_swelling": True}).level == "urgent"


def test_only_a_see_a_professional_reason_that_was_answered_yes_is_cleared(
    kb: KnowledgeBase,
) -> None:
    applied = {"cancer_history": "Checked.", "fever": "Checked."}
    result = cleared(kb, screen(kb, all_clear() | {"cancer_history": True, "fever": True}), applied)
    assert result.level == "urgent"
    assert {r.question_id: r.level for r in result.reasons} == {
        "fever": "urgent",
        "cancer_history": "caution",
    }


def test_the_together_rules_are_the_ones_the_product_promises(kb: KnowledgeBase) -> None:
    found = {
        q.id: [(frozenset(t.with_any), t.level) for t in q.rule.together]
        for q in kb.screening.questions
        if q.rule.together
    }
    assert found == TOGETHER


@pytest.mark.parametrize(("question_id", "part", "level"), PAIRS)
def test_each_part_of_a_together_rule_raises_it(
    kb: KnowledgeBase, question_id: str, part: str, level: str
) -> None:
    alone = SPEC[question_id][1]
    assert screen(kb, all_clear() | {question_id: True}).level == alone
    both = screen(kb, all_clear() | {question_id: True, part: True})
    assert both.level == max(level, SPEC[part][1], key=ORDER.index)
    (raised,) = [r for r in both.reasons if r.question_id == question_id]
    assert raised.level == level
    # doubt on either part counts as yes there
    assert screen(kb, all_clear() | {question_id: NOT_SURE, part: True}).level == both.level
    unsure_part = screen(kb, all_clear() | {question_id: True, part: NOT_SURE})
    assert ORDER.index(unsure_part.level) >= ORDER.index(level)


@pytest.mark.parametrize("part", ["osteoporosis", "long_term_steroids", "age_65_or_over"])
def test_a_fall_or_a_sudden_start_means_a_doctor_today_only_with_a_risk_for_the_bones(
    kb: KnowledgeBase, part: str
) -> None:
    """The old compound question, split: the start of the pain (daily) and the risk for the
    bones (history, kept), each asked on its own."""
    questions = kb.screening.question_by_id
    assert questions["osteoporosis_fall"].part == "daily"
    assert questions[part].part == "history"
    assert screen(kb, all_clear() | {"osteoporosis_fall": True}).level == "ok"
    assert screen(kb, all_clear() | {part: True}).level == SPEC[part][1]
    result = screen(kb, all_clear() | {"osteoporosis_fall": True, part: True})
    assert result.level == "urgent" and not result.session_allowed
    assert "65 or older" in result.reasons[0].message


def test_an_unsure_fall_with_a_risk_says_why_doubt_counts(kb: KnowledgeBase) -> None:
    result = screen(kb, all_clear() | {"osteoporosis_fall": NOT_SURE, "age_65_or_over": True})
    (reason,) = result.reasons
    assert reason.level == "urgent" and reason.unsure
    assert reason.message.startswith(kb.screening.not_sure.urgent)
    assert "dionne_2019" in reason.sources
    assert result.unsure == ("osteoporosis_fall",)


def test_the_inflammatory_pattern_needs_both_the_stiffness_and_an_early_start(
    kb: KnowledgeBase,
) -> None:
    assert screen(kb, all_clear() | {"inflammatory_pattern": True}).level == "ok"
    assert screen(kb, all_clear() | {"back_pain_before_45": True}).level == "ok"
    both = screen(kb, all_clear() | {"inflammatory_pattern": True, "back_pain_before_45": True})
    assert both.level == "see_professional"
    assert [r.question_id for r in both.reasons] == ["inflammatory_pattern"]
    cleared_one = cleared(kb, both, {"inflammatory_pattern": "Checked."})
    assert cleared_one.level == "caution"


def test_no_question_asks_for_all_of_several_things(kb: KnowledgeBase) -> None:
    for q in kb.screening.questions:
        assert "all of these" not in f"{q.question} {q.help}".lower(), q.id


def test_weakness_in_both_legs_is_asked_once_and_worsening_weakness_on_its_own(
    kb: KnowledgeBase,
) -> None:
    questions = kb.screening.question_by_id
    assert "both legs" not in questions["weakness_progressing"].question
    assert "weakness in both legs" in questions["both_legs"].question


def test_infection_risks_are_asked_one_at_a_time(kb: KnowledgeBase) -> None:
    questions = kb.screening.question_by_id
    # a spine injection or operation is recent, so it is asked at every check (review 2, F2)
    parts = {"infection_risk": "history", "injects_drugs": "history", "spine_procedure": "daily"}
    for question_id, part in parts.items():
        question = questions[question_id]
        assert question.part == part
        assert question.rule.level == "see_professional"
        assert " or do you " not in question.question
    assert "last 3 months" in questions["spine_procedure"].question


@pytest.mark.parametrize(
    ("missing", "given"),
    [
        ("age_65_or_over", {"osteoporosis_fall": True, "pain_now": 9}),
        ("osteoporosis_fall", {"osteoporosis": True, "pain_now": 9}),
        ("back_pain_before_45", {"inflammatory_pattern": True, "flare": True}),
    ],
)
def test_a_part_left_open_is_asked_for_when_it_could_raise_the_level(
    kb: KnowledgeBase, missing: str, given: dict[str, object]
) -> None:
    answers = {k: v for k, v in all_clear().items() if k != missing} | given
    with pytest.raises(ScreeningIncomplete) as caught:
        screen(kb, answers)
    assert caught.value.missing == [missing]


def test_a_part_left_open_is_not_asked_for_when_nothing_else_is_set(kb: KnowledgeBase) -> None:
    answers = {k: v for k, v in all_clear().items() if k != "age_65_or_over"} | {"pain_now": 9}
    result = screen(kb, answers)
    assert result.level == "not_today" and result.unanswered == ("age_65_or_over",)
