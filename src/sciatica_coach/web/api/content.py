"""``/api/content/*``: the knowledge base as JSON, for the Learn pages and any other front
end. Read-only."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from sciatica_coach.content.models import (
    Exercise,
    FaqEntry,
    Habit,
    Muscle,
    Professional,
    Region,
    Source,
    Technique,
    Tool,
    Topic,
    WarningSign,
)
from sciatica_coach.content.screening_models import Question
from sciatica_coach.domain.body_map import all_region_keys
from sciatica_coach.domain.library import (
    exercises_for,
    muscle_guide,
    techniques_using,
    warning_signs_in_order,
)

from ..context import CoachDep
from ..views.models import Model
from ..views.screening import place_label

router = APIRouter(prefix="/api", tags=["content"])


class MuscleGuideOut(Model):
    muscle: Muscle
    technique: Technique
    tools: list[Tool]
    stretches: list[Exercise]
    strengthening: list[Exercise]
    refers_to: list[Region]
    sometimes_refers_to: list[Region]
    sources: list[Source]


class ToolGuideOut(Model):
    tool: Tool
    used_in: list[str]


class PlaceOut(Model):
    key: str
    side: str
    region: str
    label: str
    view: str


@router.get("/content/topics", response_model=list[Topic])
def topics(coach: CoachDep) -> list[Topic]:
    """Education topics: what sciatica is, trigger points, good and bad pain, and more."""
    return coach.kb.topics.all()


@router.get("/content/topics/{topic_id}", response_model=Topic)
def topic(topic_id: str, coach: CoachDep) -> Topic:
    return coach.kb.topics[topic_id]


@router.get("/content/muscles", response_model=list[Muscle])
def muscles(coach: CoachDep) -> list[Muscle]:
    return coach.kb.muscles.all()


@router.get("/content/muscles/{muscle_id}", response_model=MuscleGuideOut)
def muscle(muscle_id: str, coach: CoachDep) -> MuscleGuideOut:
    """One muscle with its technique, tools, exercises and sources."""
    guide = muscle_guide(coach.kb, muscle_id)
    return MuscleGuideOut(
        muscle=guide.muscle,
        technique=guide.technique,
        tools=guide.tools,
        stretches=guide.stretches,
        strengthening=guide.strengthening,
        refers_to=guide.refers_to,
        sometimes_refers_to=guide.sometimes_refers_to,
        sources=guide.sources,
    )


@router.get("/content/tools", response_model=list[Tool])
def tools(coach: CoachDep) -> list[Tool]:
    return coach.kb.tools.all()


@router.get("/content/tools/{tool_id}", response_model=ToolGuideOut)
def tool(tool_id: str, coach: CoachDep) -> ToolGuideOut:
    used = techniques_using(coach.kb, tool_id)
    return ToolGuideOut(tool=coach.kb.tools[tool_id], used_in=[t.id for t in used])


@router.get("/content/exercises", response_model=list[Exercise])
def exercises(
    coach: CoachDep, kind: Literal["stretch", "strengthening"] | None = None
) -> list[Exercise]:
    return exercises_for(coach.kb, kind)


@router.get("/content/exercises/{exercise_id}", response_model=Exercise)
def exercise(exercise_id: str, coach: CoachDep) -> Exercise:
    return coach.kb.exercises[exercise_id]


@router.get("/content/faq", response_model=list[FaqEntry])
def faq(coach: CoachDep) -> list[FaqEntry]:
    return coach.kb.faq.all()


@router.get("/content/habits", response_model=list[Habit])
def habits(coach: CoachDep) -> list[Habit]:
    return coach.kb.habits.all()


@router.get("/content/warning-signs", response_model=list[WarningSign])
def warning_signs(coach: CoachDep) -> list[WarningSign]:
    return warning_signs_in_order(coach.kb)


@router.get("/content/professionals", response_model=list[Professional])
def professionals(coach: CoachDep) -> list[Professional]:
    return coach.kb.professionals.all()


@router.get("/content/sources", response_model=list[Source])
def sources(coach: CoachDep) -> list[Source]:
    """Every reference the content cites, by id."""
    return coach.kb.sources.all()


@router.get("/content/screening-questions", response_model=list[Question])
def screening_questions(coach: CoachDep) -> list[Question]:
    """The safety questions in the order they are asked (emergency ones first)."""
    return coach.kb.screening.questions


@router.get("/content/places", response_model=list[PlaceOut])
def places(coach: CoachDep) -> list[PlaceOut]:
    """Every place on the body map as a ``side:region`` key (your own left and right)."""
    kb = coach.kb
    return [
        PlaceOut(
            key=str(k),
            side=k.side,
            region=k.region,
            label=place_label(kb, str(k)),
            view=kb.regions[k.region].view,
        )
        for k in all_region_keys(kb.regions)
    ]
