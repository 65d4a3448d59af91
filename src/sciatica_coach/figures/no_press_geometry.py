"""Where a trigger point is drawn, and how far it is from each place never to press.

The never-press list (``never_press.yaml``) draws its places in the body map's frame; trigger
points are drawn there too (:mod:`.body_shapes`). Measuring one against the other lets the
tests prove that no spot a plan presses, and no dot a close-up draws, sits on such a place,
and that a spot near the nerve carries the nerve's flag. Pure geometry, no I/O.
"""

from __future__ import annotations

import math
from itertools import pairwise

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import Muscle, TriggerPoint
from sciatica_coach.content.never_press_models import Mark, NeverPress

from .body_shapes import SHAPES, Point, View, centroid, spot_place


def spot_point(kb: KnowledgeBase, muscle: Muscle, point: TriggerPoint) -> tuple[View, Point]:
    """Where a trigger point is drawn on the person's left, as ``(view, (d, y))``: its
    region's place for it, or the close-up's own ``drawn`` place (the front of the hip)."""
    outline = kb.muscle_outlines[muscle.id]
    if point.id in outline.drawn:
        return outline.view, outline.drawn[point.id]
    view, _ = SHAPES[point.region]
    return view, spot_place(point.region, point.drawn_at.across, point.drawn_at.down)


def mark_distance(mark: Mark, point: Point) -> float:
    """How far ``point`` is from a mark's place: 0 inside a region's shape or within the
    radius of a point or line, else the distance beyond it."""
    if mark.region is not None:
        shape = SHAPES[mark.region][1]
        if _inside(shape, point):
            return 0.0
        return min(
            _to_segment(point, a, b) for a, b in zip(shape, shape[1:] + shape[:1], strict=True)
        )
    radius = mark.radius or 0.0
    if mark.at is not None:
        return max(0.0, math.dist(point, mark.at) - radius)
    line = list(mark.along)
    return max(0.0, min(_to_segment(point, a, b) for a, b in pairwise(line)) - radius)


def place_distance(place: NeverPress, view: View, point: Point) -> float | None:
    """How far ``point`` (on ``view``) is from a place, or None if it has no mark there."""
    gaps = [mark_distance(m, point) for m in place.marks if m.view == view]
    return min(gaps) if gaps else None


def _center_gap(place: NeverPress, view: View, point: Point) -> float | None:
    """Distance from ``point`` to the middle of the place's marks (for the ``near`` band)."""
    gaps = []
    for mark in (m for m in place.marks if m.view == view):
        if mark.region is not None:
            gaps.append(math.dist(point, centroid(SHAPES[mark.region][1])))
        elif mark.at is not None:
            gaps.append(math.dist(point, mark.at))
        else:
            line = list(mark.along)
            gaps.append(min(_to_segment(point, a, b) for a, b in pairwise(line)))
    return min(gaps) if gaps else None


def near_flags(kb: KnowledgeBase, view: View, point: Point) -> set[str]:
    """The region flags a spot at ``point`` must carry because it lies near a place (the
    nerve's flag, within its ``near`` radius of the nerve's line)."""
    flags: set[str] = set()
    for place in kb.never_press.values():
        if place.near is None:
            continue
        gap = _center_gap(place, view, point)
        if gap is not None and gap < place.near.radius:
            flags.add(place.near.flag)
    return flags


def _inside(shape: list[Point], point: Point) -> bool:
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(shape, shape[1:] + shape[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _to_segment(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.dist(p, (ax + t * dx, ay + t * dy))
