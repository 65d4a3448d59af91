"""``/api/content/*``: the knowledge base as JSON, for the Learn pages and any other front
end. Read-only, and the same for everyone: each answer is made once per app, as bytes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from fastapi import APIRouter, Request, Response
from pydantic import TypeAdapter

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

from ..context import Coach, shared
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


def _json(coach: Coach, key: str, shape: Any, build: Callable[[], Any]) -> Response:
    """``build()`` as JSON of type ``shape``, made once per app: the content never changes
    while it runs, so every later request sends the same bytes."""

    def dump() -> bytes:
        return TypeAdapter(shape).dump_json(build(), by_alias=True)

    return Response(coach.built_once(key, dump), media_type="application/json")


@router.get("/content/topics", response_model=list[Topic])
async def topics(request: Request) -> Response:
    """Education topics: what sciatica is, trigger points, good and bad pain, and more."""
    coach = shared(request)
    return _json(coach, "topics", list[Topic], coach.kb.topics.all)


@router.get("/content/topics/{topic_id}", response_model=Topic)
async def topic(topic_id: str, request: Request) -> Response:
    coach = shared(request)
    found = coach.kb.topics[topic_id]
    return _json(coach, f"topic:{topic_id}", Topic, lambda: found)


@router.get("/content/muscles", response_model=list[Muscle])
async def muscles(request: Request) -> Response:
    coach = shared(request)
    return _json(coach, "muscles", list[Muscle], coach.kb.muscles.all)


@router.get("/content/muscles/{muscle_id}", response_model=MuscleGuideOut)
async def muscle(muscle_id: str, request: Request) -> Response:
    """One muscle with its technique, tools, exercises and sources."""
    coach = shared(request)
    guide = muscle_guide(coach.kb, muscle_id)  # an unknown id stops here: nothing is kept

    def out() -> MuscleGuideOut:
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

    return _json(coach, f"muscle:{muscle_id}", MuscleGuideOut, out)


@router.get("/content/tools", response_model=list[Tool])
async def tools(request: Request) -> Response:
    coach = shared(request)
    return _json(coach, "tools", list[Tool], coach.kb.tools.all)


@router.get("/content/tools/{tool_id}", response_model=ToolGuideOut)
async def tool(tool_id: str, request: Request) -> Response:
    coach = shared(request)
    used = techniques_using(coach.kb, tool_id)
    out = ToolGuideOut(tool=coach.kb.tools[tool_id], used_in=[t.id for t in used])
    return _json(coach, f"tool:{tool_id}", ToolGuideOut, lambda: out)


@router.get("/content/exercises", response_model=list[Exercise])
async def exercises(
    request: Request, kind: Literal["stretch", "strengthening"] | None = None
) -> Response:
    coach = shared(request)
    return _json(coach, f"exercises:{kind}", list[Exercise], lambda: exercises_for(coach.kb, kind))


@router.get("/content/exercises/{exercise_id}", response_model=Exercise)
async def exercise(exercise_id: str, request: Request) -> Response:
    coach = shared(request)
    found = coach.kb.exercises[exercise_id]
    return _json(coach, f"exercise:{exercise_id}", Exercise, lambda: found)


@router.get("/content/faq", response_model=list[FaqEntry])
async def faq(request: Request) -> Response:
    coach = shared(request)
    return _json(coach, "faq", list[FaqEntry], coach.kb.faq.all)


@router.get("/content/habits", response_model=list[Habit])
async def habits(request: Request) -> Response:
    coach = shared(request)
    return _json(coach, "habits", list[Habit], coach.kb.habits.all)


@router.get("/content/warning-signs", response_model=list[WarningSign])
async def warning_signs(request: Request) -> Response:
    coach = shared(request)
    return _json(
        coach, "warning-signs", list[WarningSign], lambda: warning_signs_in_order(coach.kb)
    )


@router.get("/content/professionals", response_model=list[Professional])
async def professionals(request: Request) -> Response:
    coach = shared(request)
    return _json(coach, "professionals", list[Professional], coach.kb.professionals.all)


@router.get("/content/sources", response_model=list[Source])
async def sources(request: Request) -> Response:
    """Every reference the content cites, by id."""
    coach = shared(request)
    return _json(coach, "sources", list[Source], coach.kb.sources.all)


@router.get("/content/screening-questions", response_model=list[Question])
async def screening_questions(request: Request) -> Response:
    """The safety questions in the order they are asked (emergency ones first)."""
    coach = shared(request)
    return _json(coach, "screening-questions", list[Question], lambda: coach.kb.screening.questions)


@router.get("/content/places", response_model=list[PlaceOut])
async def places(request: Request) -> Response:
    """Every place on the body map as a ``side:region`` key (your own left and right)."""
    coach = shared(request)
    kb = coach.kb

    def every_place() -> list[PlaceOut]:
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

    return _json(coach, "places", list[PlaceOut], every_place)
