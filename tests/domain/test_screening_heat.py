"""No result of the safety check advises heat (clinical review U5).

Numb skin can scald (NHS sciatica), so a check with ``no_heat`` must not say "a warm pack may
help" in the same result. Heat is offered only by a plan's warm-up, and only when allowed: no
level, reason, escalation, clearance or logged-sign text of ``screening.yaml`` mentions it,
and no result for any answers that bring ``no_heat`` does either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from sciatica_coach.domain.screening import ScreeningResult, escalate, screen

from .screening_cases import EMERGENCY_FREE, SPEC, all_clear

KB = default_knowledge_base()
HEAT = re.compile(
    r"\bheat(ed|ing)?\b|\bhot\b|\bwarm(th)?,? (pack|pad|bath|shower|compress|water)s?\b"
    r"|\bwarm, not hot\b|\bhot[- ]water\b",
    re.IGNORECASE,
)


def result_texts(kb: KnowledgeBase) -> Iterator[tuple[str, str]]:
    """Every text a result of the check can show, by where it comes from."""
    content = kb.screening
    for level in content.levels:
        for name in ("message", "what_to_do", "how_soon"):
            yield f"levels.{level.id}.{name}", getattr(level, name) or ""
    for name in ("emergency", "urgent", "other", "minor"):
        yield f"not_sure.{name}", getattr(content.not_sure, name)
    for q in content.questions:
        for name in ("message", "what_to_do", "advice"):
            yield f"{q.id}.rule.{name}", getattr(q.rule, name) or ""
        for i, together in enumerate(q.rule.together):
            yield f"{q.id}.together[{i}].message", together.message
            yield f"{q.id}.together[{i}].what_to_do", together.what_to_do
    for e in content.escalations:
        for name in ("message", "what_to_do", "advice"):
            yield f"escalations.{e.id}.{name}", getattr(e, name) or ""
    for c in content.clearances.reasons:
        yield f"clearances.{c.id}.caution", c.caution
    signs = content.logged_signs
    yield "logged_signs.what_to_do", signs.what_to_do
    yield "logged_signs.after_session", signs.after_session
    for sign in signs.signs:
        yield f"logged_signs.{sign.id}.message", sign.message


def test_the_pattern_finds_heat_advice_and_not_signs_or_the_warm_up() -> None:
    said = [
        "A warm, not hot, pack with a towel under it may help.",
        "Skip heat if your skin feels numb.",
        "Try a warm pack.",
        "A hot-water bottle can help.",
    ]
    assert all(HEAT.search(text) for text in said)
    fine = ["Start with the warm-up.", "A leg that is swollen, warm, red or darker.", "warms"]
    assert not any(HEAT.search(text) for text in fine)


@pytest.mark.parametrize(("where", "text"), list(result_texts(KB)))
def test_no_level_or_reason_text_mentions_heat(where: str, text: str) -> None:
    assert not HEAT.search(text), f"{where}: {text}"


def texts_of(result: ScreeningResult) -> Iterator[str]:
    yield from (result.message, result.what_to_do, result.how_soon or "", result.see_gp or "")
    yield from result.advice
    for reason in result.reasons:
        yield from (reason.message, reason.what_to_do, reason.advice or "")


ESCALATIONS = [e.id for e in KB.screening.escalations]
YES_NO = [q for q, (kind, _, _) in SPEC.items() if kind == "yes_no"]
no_heat_answers = st.fixed_dictionaries(
    {
        q: st.sampled_from([False, False, False, True, "not_sure"])
        if q in EMERGENCY_FREE
        else st.just(all_clear()[q])
        for q in YES_NO
    }
).map(lambda chosen: all_clear() | chosen | {"reduced_sensation": True})


@settings(max_examples=300)
@given(
    no_heat_answers,
    st.integers(0, 10),
    st.lists(st.sampled_from(ESCALATIONS), max_size=3, unique=True),
)
def test_a_result_with_no_heat_never_advises_heat(
    answers: dict[str, object], pain: int, escalations: list[str]
) -> None:
    result = escalate(KB, screen(KB, answers | {"pain_now": pain}), escalations)
    assert "no_heat" in result.restrictions
    for text in texts_of(result):
        assert not HEAT.search(text), text
