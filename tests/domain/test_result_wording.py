"""Wording a result must not get wrong (clinical review I12): advice said twice in other
words, and a spot named with its step's title ("Spot: Hold: Piriformis, inner piriformis
point (left)")."""

from __future__ import annotations

import itertools
import re

import pytest

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.plan_model import PlanStep, StepKind
from sciatica_coach.domain.screening import escalate, screen
from sciatica_coach.domain.session_cues import spot_words

from .screening_cases import all_clear

SAME_ADVICE = 0.5
"""Two advice texts sharing this share of their words say the same thing: they must be one
text, so a result that has both shows it once."""


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def test_no_two_pieces_of_advice_say_the_same_in_other_words(kb: KnowledgeBase) -> None:
    screening = kb.screening
    advice = {q.rule.advice for q in screening.questions if q.rule.advice}
    advice |= {e.advice for e in screening.escalations if e.advice}
    for one, other in itertools.combinations(sorted(advice), 2):
        shared = len(words(one) & words(other)) / len(words(one) | words(other))
        assert shared < SAME_ADVICE, f"say it once, in one wording:\n  {one}\n  {other}"


def test_long_pain_not_getting_better_is_advised_once(kb: KnowledgeBase) -> None:
    """The reviewer's result: six weeks of pain (the question) and no change in the journal
    (the escalation) each advised a check, in different words, one above the other."""
    result = escalate(kb, screen(kb, {**all_clear(), "weeks_with_pain": 8}), ["no_improvement"])
    ids = {r.question_id for r in result.reasons}
    assert {"weeks_with_pain", "history:no_improvement"} <= ids
    checked = [a for a in result.advice if "few weeks should be checked" in a]
    assert len(checked) == 1, result.advice


def step_on(muscle_id: str, spot: int, kind: StepKind = "hold") -> PlanStep:
    return PlanStep(
        id=f"{muscle_id}.left.{kind}.{spot}",
        kind=kind,
        title=f"{'Hold' if kind == 'hold' else 'Find the spot'}: anything",
        instructions=(),
        seconds=30,
        muscle_id=muscle_id,
        side="left",
        spot=spot,
    )


def test_a_spot_is_named_by_its_muscle_point_and_side(kb: KnowledgeBase) -> None:
    assert spot_words(kb, step_on("piriformis", 1)) == "Piriformis, inner point (left)"
    assert spot_words(kb, step_on("piriformis", 2, "find_spot")) == "Piriformis, outer point (left)"


@pytest.mark.parametrize("kind", ["hold", "find_spot"])
def test_no_spot_name_says_a_steps_title_or_its_muscle_twice(
    kb: KnowledgeBase, kind: StepKind
) -> None:
    for muscle in kb.muscles.values():
        for number in range(1, len(muscle.trigger_points) + 1):
            said = spot_words(kb, step_on(muscle.id, number, kind))
            assert said is not None and said.startswith(f"{muscle.name}, ")
            assert not re.search(r"\b(hold|find the spot)\b", said.lower()), said
            assert said.lower().count(muscle.name.split()[0].lower()) == 1, said


def test_a_step_on_no_spot_has_no_spot_name(kb: KnowledgeBase) -> None:
    warm_up = PlanStep(id="warm_up", kind="warm_up", title="Warm-up", instructions=(), seconds=60)
    assert spot_words(kb, warm_up) is None
    assert spot_words(kb, step_on("piriformis", 9)) is None
