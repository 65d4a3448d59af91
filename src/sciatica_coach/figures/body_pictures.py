"""The body map with a person's marks and, optionally, one muscle's pattern and spots.

One function for the CLI's ``map`` command and the web pages, so both show the same picture.
"""

from __future__ import annotations

from collections.abc import Sequence

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import Side
from sciatica_coach.domain.body_map import RegionKey, place
from sciatica_coach.domain.matching import pattern_on

from .body_svg import Spot, body_map_svg


def body_picture(
    kb: KnowledgeBase,
    marked: Sequence[RegionKey],
    muscle_id: str | None = None,
    side: Side = "left",
    interactive: bool = False,
    title: str = "Where it hurts",
    for_print: bool = False,
) -> str:
    """The SVG text: the marked places, plus one muscle's pattern and trigger points
    (``for_print``: see :func:`.body_svg.body_map_svg`)."""
    essential: list[RegionKey] = []
    spillover: list[RegionKey] = []
    spots: list[Spot] = []
    if muscle_id is not None:
        muscle = kb.muscles[muscle_id]
        zones = pattern_on(muscle, side, kb)
        essential = [k for k, z in zones.items() if z == "essential"]
        spillover = [k for k, z in zones.items() if z == "spillover"]
        spots = [
            Spot(
                place(kb.regions, side, tp.region),
                f"{muscle.name}: {tp.name}",
                (tp.drawn_at.across, tp.drawn_at.down),
            )
            for tp in muscle.trigger_points
        ]
        title = f"{muscle.name} ({side}): trigger points and where they send pain"
    return body_map_svg(
        kb.regions,
        marked=marked,
        essential=essential,
        spillover=spillover,
        spots=spots,
        title=title,
        interactive=interactive,
        for_print=for_print,
    )
