"""Read-side views of the knowledge base that every front end shows the same way.

A muscle on its own is not enough to act on: a person needs its technique, the tools that fit,
the exercises that pair with it and the sources behind all of it. Gathering that here keeps the
CLI and the web app from each assembling it differently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import (
    WARNING_KINDS,
    Exercise,
    Muscle,
    Region,
    Source,
    Technique,
    Tool,
    WarningSign,
)
from sciatica_coach.content.never_press_models import NeverPress


@dataclass(frozen=True)
class MuscleGuide:
    """One muscle with everything needed to find it, release it and look after it."""

    muscle: Muscle
    technique: Technique
    tools: list[Tool]
    stretches: list[Exercise]
    strengthening: list[Exercise]
    refers_to: list[Region]
    sometimes_refers_to: list[Region]
    sources: list[Source]
    never_press: list[NeverPress]
    """The places near it never to press, from the one list (``never_press.yaml``)."""


def cited(kb: KnowledgeBase, *id_lists: Iterable[str]) -> list[Source]:
    """The sources named in ``id_lists``, each once, in first-mention order."""
    seen: dict[str, Source] = {}
    for ids in id_lists:
        for source_id in ids:
            seen.setdefault(source_id, kb.sources[source_id])
    return list(seen.values())


def muscle_guide(kb: KnowledgeBase, muscle_id: str) -> MuscleGuide:
    """Everything about one muscle. Raises ``UnknownIdError`` for an unknown id."""
    muscle = kb.muscles[muscle_id]
    technique = kb.techniques[muscle.technique]
    stretches = [kb.exercises[e] for e in muscle.stretches]
    strengthening = [kb.exercises[e] for e in muscle.strengthening]
    return MuscleGuide(
        muscle=muscle,
        technique=technique,
        tools=[kb.tools[t] for t in technique.tools],
        stretches=stretches,
        strengthening=strengthening,
        refers_to=[kb.regions[r] for r in muscle.referral.essential],
        sometimes_refers_to=[kb.regions[r] for r in muscle.referral.spillover],
        never_press=[kb.never_press[p] for p in muscle.never_press],
        sources=cited(
            kb,
            muscle.sources,
            technique.sources,
            *(kb.never_press[p].sources for p in muscle.never_press),
        ),
    )


def techniques_using(kb: KnowledgeBase, tool_id: str) -> list[Technique]:
    """The techniques that list a tool, so a tool's page can say what it is for."""
    kb.tools[tool_id]  # unknown ids fail loudly, with suggestions
    return [t for t in kb.techniques.values() if tool_id in t.tools]


OTHER_SIDE = {"left": "right", "right": "left"}
LEARN_SIDE = "right"
"""The side a one-sided exercise is shown for on its own page (with a note to swap)."""


def for_side(text: str, side: str) -> str:
    """A one-sided exercise's text for ``side``: ``{side}`` and ``{other_side}`` filled in."""
    return text.replace("{side}", side).replace("{other_side}", OTHER_SIDE[side])


def exercise_for_side(exercise: Exercise, side: str = LEARN_SIDE) -> Exercise:
    """The exercise with its steps written for ``side``; unchanged if it carries no side."""
    if not exercise.sided:
        return exercise
    return exercise.model_copy(
        update={
            "steps": [for_side(step, side) for step in exercise.steps],
            "easier": for_side(exercise.easier, side) if exercise.easier else None,
        }
    )


def technique_steps_for(technique: Technique, tool_id: str) -> list[str]:
    """The steps a plan shows for this technique with this tool: the ones meant for plans,
    and for that tool (or any tool), so a step never names a tool the plan did not choose."""
    return [
        step.text
        for step in technique.steps
        if step.in_plan and (not step.tools or tool_id in step.tools)
    ]


def warning_signs_in_order(kb: KnowledgeBase) -> list[WarningSign]:
    """Every warning sign, emergency signs first, then stop-now signs, then get-help signs."""
    signs = kb.warning_signs.all()
    return sorted(signs, key=lambda sign: WARNING_KINDS.index(sign.kind))


def exercises_for(kb: KnowledgeBase, kind: str | None = None) -> list[Exercise]:
    """All exercises, or only stretches / strengthening."""
    return [e for e in kb.exercises.values() if kind is None or e.kind == kind]


def first_sentence(text: str) -> str:
    """The first sentence of a longer text, for a line that has room for one: a plan card's
    reason on the web, a stop sign on the printed routine."""
    head, dot, _rest = text.partition(". ")
    return head + "." if dot else text
