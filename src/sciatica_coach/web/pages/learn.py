"""The Learn pages: what this is and is not, and the knowledge base to read.

Every Learn page lists its sources, as the CLI does, so nothing is said without a reference.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from sciatica_coach.coach.errors import NotFound
from sciatica_coach.content.loader import KnowledgeBase
from sciatica_coach.content.models import Side
from sciatica_coach.domain.library import (
    LEARN_SIDE,
    cited,
    exercise_for_side,
    exercises_for,
    muscle_guide,
    techniques_using,
)
from sciatica_coach.domain.restrictions import MASSAGE_KINDS
from sciatica_coach.figures.closeups import closeup_text, muscle_closeup_svg
from sciatica_coach.figures.poses import pose_svg, pose_text

from ..context import CoachDep
from ..templating import render

router = APIRouter(include_in_schema=False)
PICTURE_CACHE = {"Cache-Control": "public, max-age=86400"}
"""The pictures are the same for everyone (no personal data), so browsers may keep them."""
MUSCLE_SIDE: Side = "left"
"""The side a muscle's pictures are shown for on its page, as its body map is."""


@router.get("/learn", response_class=HTMLResponse)
async def learn(request: Request, coach: CoachDep) -> HTMLResponse:
    kb = coach.kb
    return render(
        request,
        "learn_index.html",
        {
            "section": "learn",
            "topics": kb.topics.all(),
            "muscles": kb.muscles.all(),
            "tools": kb.tools.all(),
            "stretches": exercises_for(kb, "stretch"),
            "strengthening": exercises_for(kb, "strengthening"),
        },
    )


@router.get("/learn/pages.json")
async def pages(coach: CoachDep) -> dict[str, list[str]]:
    """Every Learn page's address, for the service worker to keep them all when the app is
    installed, not only those already opened. The same for everyone: no personal data."""
    return {"pages": learn_pages(coach.kb)}


def learn_pages(kb: KnowledgeBase) -> list[str]:
    fixed = ["/learn", "/learn/faq", "/learn/safety", "/learn/sources"]
    return [
        *fixed,
        *(f"/learn/topics/{t.id}" for t in kb.topics.all()),
        *(f"/learn/muscles/{m.id}" for m in kb.muscles.all()),
        *(f"/learn/tools/{t.id}" for t in kb.tools.all()),
        *(f"/learn/exercises/{e.id}" for e in kb.exercises.all()),
    ]


@router.get("/learn/topics/{topic_id}", response_class=HTMLResponse)
async def topic(request: Request, topic_id: str, coach: CoachDep) -> HTMLResponse:
    kb = coach.kb
    chosen = kb.topics[topic_id]
    return render(
        request,
        "learn_topic.html",
        {
            "section": "learn",
            "topic": chosen,
            "related_topics": [kb.topics[t] for t in chosen.related_topics],
            "related_muscles": [kb.muscles[m] for m in chosen.related_muscles],
            "sources": cited(
                kb,
                chosen.sources,
                *(s.sources for s in kb.emergency_signs if chosen.emergency_signs),
            ),
        },
    )


@router.get("/learn/muscles/{muscle_id}", response_class=HTMLResponse)
async def muscle(request: Request, muscle_id: str, coach: CoachDep) -> HTMLResponse:
    guide = muscle_guide(coach.kb, muscle_id)
    return render(
        request,
        "learn_muscle.html",
        {
            "section": "learn",
            "guide": guide,
            "sources": guide.sources,
            "skip_if_intro": coach.kb.routine.script.skip_if,
            "picture_side": MUSCLE_SIDE,
            "closeup_alt": closeup_text(coach.kb, muscle_id, MUSCLE_SIDE),
            "tool_pictures": [
                {
                    "tool": tool,
                    "position": guide.technique.position_for(tool.id),
                    "alt": pose_text(coach.kb, guide.technique.id, MUSCLE_SIDE, tool.id),
                }
                for tool in guide.tools
                if tool.kind in MASSAGE_KINDS
            ],
        },
    )


@router.get("/learn/tools/{tool_id}", response_class=HTMLResponse)
async def tool(request: Request, tool_id: str, coach: CoachDep) -> HTMLResponse:
    kb = coach.kb
    chosen = kb.tools[tool_id]
    return render(
        request,
        "learn_tool.html",
        {
            "section": "learn",
            "tool": chosen,
            "used_in": techniques_using(kb, tool_id),
            "sources": cited(kb, chosen.sources),
        },
    )


@router.get("/learn/exercises/{exercise_id}", response_class=HTMLResponse)
async def exercise(request: Request, exercise_id: str, coach: CoachDep) -> HTMLResponse:
    kb = coach.kb
    chosen = kb.exercises[exercise_id]
    return render(
        request,
        "learn_exercise.html",
        {
            "section": "learn",
            "exercise": exercise_for_side(chosen),
            "mirror_note": kb.routine.script.mirror_note if chosen.sided else None,
            "picture_side": LEARN_SIDE,
            "pose_alt": pose_text(kb, exercise_id, LEARN_SIDE),
            "muscles": [kb.muscles[m] for m in chosen.muscles],
            "sources": cited(kb, chosen.sources),
        },
    )


@router.get("/learn/faq", response_class=HTMLResponse)
async def faq(request: Request, coach: CoachDep) -> HTMLResponse:
    kb = coach.kb
    entries = [(e, cited(kb, e.sources)) for e in kb.faq.all()]
    return render(request, "learn_faq.html", {"section": "learn", "entries": entries})


@router.get("/learn/safety", response_class=HTMLResponse)
async def safety(request: Request, coach: CoachDep) -> HTMLResponse:
    """Warning signs, who can help, and daily habits: when not to massage, and what else helps."""
    kb = coach.kb
    return render(
        request,
        "learn_safety.html",
        {
            "section": "learn",
            "emergency": [s for s in kb.warning_signs.all() if s.kind == "emergency"],
            "stop_now": [s for s in kb.warning_signs.all() if s.kind == "stop_now"],
            "get_help": [s for s in kb.warning_signs.all() if s.kind == "see_professional"],
            "professionals": kb.professionals.all(),
            "habits": kb.habits.all(),
            "sources": cited(
                kb,
                *(s.sources for s in kb.warning_signs.all()),
                *(s.sources for s in kb.emergency_signs),
                *(p.sources for p in kb.professionals.all()),
                *(h.sources for h in kb.habits.all()),
            ),
        },
    )


@router.get("/learn/sources", response_class=HTMLResponse)
async def sources(request: Request, coach: CoachDep) -> HTMLResponse:
    return render(
        request, "learn_sources.html", {"section": "learn", "all": coach.kb.sources.all()}
    )


@router.get("/learn/pictures/pose/{item_id}.svg", response_class=Response)
async def pose_picture(
    item_id: str,
    coach: CoachDep,
    side: Side | None = None,
    tool: Annotated[str | None, Query(max_length=60)] = None,
) -> Response:
    """The position of a technique or exercise, for the side worked (mirrored for the other),
    drawn with the tool a plan chose (``tool``: a tool id the technique uses)."""
    kb = coach.kb
    if tool is not None:
        chosen = kb.tools[tool]  # an unknown tool: 404, naming the tools there are
        if item_id in kb.exercises:
            raise NotFound(f"{kb.exercises[item_id].name} is not done with a tool.")
        technique = kb.techniques[item_id]
        if chosen.id not in technique.tools:
            raise NotFound(f"{technique.name} is not done with {chosen.name.lower()}.")
    svg = pose_svg(kb, item_id, side, tool)
    return Response(svg, media_type="image/svg+xml", headers=PICTURE_CACHE)


@router.get("/learn/pictures/muscle/{muscle_id}.svg", response_class=Response)
async def muscle_picture(muscle_id: str, coach: CoachDep, side: Side = MUSCLE_SIDE) -> Response:
    """A muscle's close-up: its outline and trigger points on one side of the lower body."""
    svg = muscle_closeup_svg(coach.kb, muscle_id, side)
    return Response(svg, media_type="image/svg+xml", headers=PICTURE_CACHE)
