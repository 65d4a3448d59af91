"""Invariants of the screening that must hold for every possible answer set."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from sciatica_coach.content import default_knowledge_base
from sciatica_coach.domain.body_map import all_region_keys
from sciatica_coach.domain.screening import screen

from .screening_cases import BLOCKING, ORDER, SPEC, expected_level

KB = default_knowledge_base()
REGION_KEYS = [str(k) for k in all_region_keys(KB.regions)]
MAXIMUM = {q.id: q.maximum for q in KB.screening.questions}


def value_for(question_id: str) -> st.SearchStrategy[object]:
    kind = SPEC[question_id][0]
    if kind == "yes_no":
        return st.booleans()
    if kind == "scale":
        return st.integers(0, 10)
    if kind == "count":
        return st.integers(0, MAXIMUM[question_id] or 0)
    return st.lists(st.sampled_from(REGION_KEYS), max_size=4, unique=True)


full_answers = st.fixed_dictionaries({q: value_for(q) for q in SPEC})
EMERGENCY_IDS = [q for q, (_, level, _) in SPEC.items() if level == "emergency"]
# Answer sets with no emergency sign and few yeses, where the together rules decide more.
calm_answers = st.fixed_dictionaries(
    {
        q: st.just(False)
        if q in EMERGENCY_IDS
        else st.sampled_from([False] * 5 + [True])
        if SPEC[q][0] == "yes_no"
        else value_for(q)
        for q in SPEC
    }
)
REGION_QUESTIONS = [q for q, (kind, _, _) in SPEC.items() if kind == "regions"]


def triggered_ids(answers: dict[str, object]) -> list[str]:
    """Which questions trigger, worked out here without the engine."""
    thresholds = {q.id: q.rule.threshold or 0 for q in KB.screening.questions}

    def fires(question_id: str, value: object) -> bool:
        kind = SPEC[question_id][0]
        if kind == "yes_no":
            return value is True
        if kind == "regions":
            return bool(value)
        return int(str(value)) >= thresholds[question_id]

    return [q for q, value in answers.items() if fires(q, value)]


def expected_reasons(answers: dict[str, object]) -> dict[str, str]:
    """The reasons a full answer set should give, with their levels, worked out here: each
    triggered question at its own level, raised by a together rule whose other part
    triggered; a part that counts only together and was not raised gives none."""
    yes = set(triggered_ids(answers))
    levels = {q: expected_level(q, yes) for q in yes}
    return {q: level for q, level in levels.items() if level != "ok"}


@settings(max_examples=300)
@given(full_answers)
def test_any_blocking_trigger_forbids_a_session(answers: dict[str, object]) -> None:
    result = screen(KB, answers)
    blocking = [q for q, level in expected_reasons(answers).items() if level in BLOCKING]
    assert result.session_allowed is (not blocking)


@settings(max_examples=300)
@given(st.one_of(full_answers, calm_answers))
def test_the_level_is_the_most_severe_triggered(answers: dict[str, object]) -> None:
    result = screen(KB, answers)
    expected = expected_reasons(answers)
    assert result.level == max(expected.values(), key=ORDER.index, default="ok")
    assert {r.question_id: r.level for r in result.reasons} == expected


@settings(max_examples=300)
@given(full_answers)
def test_restrictions_are_the_union_of_the_triggered_ones(answers: dict[str, object]) -> None:
    expected: set[str] = set()
    for question_id in triggered_ids(answers):
        expected |= SPEC[question_id][2]
    for question_id in REGION_QUESTIONS:
        areas = answers[question_id]
        assert isinstance(areas, list)
        expected |= {f"avoid_region:{key}" for key in areas}
    assert set(screen(KB, answers).restrictions) == expected


@settings(max_examples=200)
@given(full_answers, st.randoms(use_true_random=False))
def test_it_is_deterministic_and_ignores_key_order(
    answers: dict[str, object], shuffler: random.Random
) -> None:
    keys = list(answers)
    shuffler.shuffle(keys)
    shuffled = {k: answers[k] for k in keys}
    assert screen(KB, shuffled) == screen(KB, answers)


@settings(max_examples=300)
@given(
    st.sampled_from(EMERGENCY_IDS),
    st.dictionaries(st.sampled_from(list(SPEC)), st.none() | st.booleans(), max_size=10),
)
def test_a_red_flag_always_wins(flag: str, others: dict[str, object]) -> None:
    answers = {k: v for k, v in others.items() if SPEC[k][0] == "yes_no" and k != flag} | {
        flag: True
    }
    result = screen(KB, answers)
    assert result.level == "emergency"
    assert not result.session_allowed
