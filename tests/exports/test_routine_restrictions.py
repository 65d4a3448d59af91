"""Nothing the person is told during a session or on the printed routine contradicts the
plan's restrictions: no heat under "no heat", no firmer pressure under "light pressure only",
no forbidden tool (the words of ``tests/domain/test_plan_text.py``, over more of the product).

Hypothesis builds plans over every caution-level restriction, body maps, tools and experience;
the session's spoken cues (the player's script, every step's words and doses) and the
printed routine read back from its PDF are checked against each restriction the plan carries.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings

from sciatica_coach.content import default_knowledge_base
from sciatica_coach.domain.plan_model import Plan
from sciatica_coach.exports.program_pdf import program_pdf

from ..domain.test_plan_text import FORBIDDEN_WORDS, plans, words
from .pdf_text import read_pdf

KB = default_knowledge_base()
MADE = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
SPOKEN = [
    value
    for name, value in KB.routine.script.model_dump().items()
    if isinstance(value, str) and not name.startswith("warm_up")
]
"""The player's lines for every session: cues, check-ins and stop words. (The warm-up's words
are the plan's own step, with heat only when it is allowed, and are read with the steps.)"""


def contradictions(plan: Plan, text: str) -> list[tuple[str, str]]:
    flags = {r.split(":")[0] for r in plan.restrictions}
    return [
        (flag, pattern)
        for flag in flags & set(FORBIDDEN_WORDS)
        for pattern in FORBIDDEN_WORDS[flag]
        if re.search(pattern, text.lower())
    ]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_no_session_cue_contradicts_a_restriction(plan: Plan | None) -> None:
    if plan is None:
        return
    for text in SPOKEN:
        assert not contradictions(plan, text), text
    for step in plan.steps:
        for text in (words(step), step.dose or ""):
            assert not contradictions(plan, text), (step.id, text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_the_printed_routine_never_contradicts_a_restriction(plan: Plan | None) -> None:
    if plan is None:
        return
    text = read_pdf(program_pdf(KB, plan, MADE)).text
    # The limits box states each restriction ("No heat: do not use heat packs"), and the
    # sources name their titles: neither is advice.
    text = text[: text.rindex("Sources")]
    for note in plan.notes:
        text = text.replace(" ".join(note.split()), "")
    found = contradictions(plan, text)
    assert not found, found
