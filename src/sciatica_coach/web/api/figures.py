"""Body-map pictures as SVG: the blank map (with a muscle's pattern) for everyone, and a saved
map's marks by the map's id.

Why two: the blank map is the same for everyone and may be cached; a person's marks are
health data, so they are never put in an address (see :mod:`..views.pictures`) and their
picture is sent ``no-store``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from sciatica_coach.coach.errors import Invalid
from sciatica_coach.coach.maps import find_map, map_places, read_places
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import Side
from sciatica_coach.domain.body_map import RegionKey
from sciatica_coach.figures.body_pictures import body_picture

from ..context import CoachDep, IdInPath
from ..views.models import NotFoundOut

router = APIRouter(prefix="/api", tags=["content"])
SVG: dict[int | str, dict[str, Any]] = {200: {"content": {"image/svg+xml": {}}}}
MuscleQuery = Query(None, max_length=100, description="Also draw this muscle's pattern")


@router.get("/figures/body-map.svg", response_class=Response, responses=SVG)
async def body_map_figure(
    coach: CoachDep,
    muscle: str | None = MuscleQuery,
    side: Side = "left",
) -> Response:
    """The blank body map (back and front), with a muscle's pattern if asked."""
    return _figure(coach.kb, [], muscle, side)


@router.get(
    "/journal/pain-maps/{map_id}/picture.svg",
    response_class=Response,
    responses={**SVG, 404: {"description": "No such map in your journal", "model": NotFoundOut}},
    tags=["journal"],
)
def saved_map_picture(
    coach: CoachDep,
    map_id: IdInPath,
    muscle: str | None = MuscleQuery,
    side: Side = "left",
) -> Response:
    """A saved body map's marks, with a muscle's pattern over them if asked."""
    places = map_places(find_map(coach.journal, map_id))
    try:
        keys = read_places(coach.kb, places)
    except Invalid:  # a map saved under older region names: draw what is still known
        keys = [k for p in places for k in _known(coach.kb, p)]
    return _figure(coach.kb, keys, muscle, side)


def _known(kb: KnowledgeBase, place: str) -> list[RegionKey]:
    try:
        return read_places(kb, [place])
    except Invalid:
        return []


def _figure(kb: KnowledgeBase, keys: list[RegionKey], muscle: str | None, side: Side) -> Response:
    if muscle is not None and muscle not in kb.muscles:
        raise Invalid.one(("muscle",), _unknown_muscle(kb, muscle), "query")
    svg = body_picture(kb, keys, muscle, side)
    cache = "no-store" if keys else "max-age=3600"
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": cache})


def _unknown_muscle(kb: KnowledgeBase, muscle_id: str) -> str:
    try:
        kb.muscles[muscle_id]
    except LookupError as error:
        return str(error)
    return muscle_id
