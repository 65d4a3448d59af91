"""Trigger-point dots are drawn where the content says they are, inside their region."""

from __future__ import annotations

import pytest

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.body_map import RegionKey, place
from sciatica_coach.figures.body_svg import Spot, _shape_points, spot_point

Point = tuple[float, float]


def inside(point: Point, polygon: list[Point]) -> bool:
    """Ray casting: is ``point`` inside ``polygon``?"""
    x, y = point
    hit = False
    for (x0, y0), (x1, y1) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            hit = not hit
    return hit


def dot(kb: KnowledgeBase, muscle_id: str, point_id: str, side: str = "left") -> Point:
    tp = next(t for t in kb.muscles[muscle_id].trigger_points if t.id == point_id)
    key = place(kb.regions, side, tp.region)
    return spot_point(Spot(key, tp.name, (tp.drawn_at.across, tp.drawn_at.down)))


@pytest.mark.parametrize("side", ["left", "right"])
def test_every_dot_lies_inside_its_region(kb: KnowledgeBase, side: str) -> None:
    for muscle in kb.muscles.values():
        for tp in muscle.trigger_points:
            key: RegionKey = place(kb.regions, side, tp.region)
            assert inside(dot(kb, muscle.id, tp.id, side), _shape_points(key)), (muscle.id, tp.id)


def test_the_quadratus_lumborum_points_are_its_outer_edge_and_its_lower_end(
    kb: KnowledgeBase,
) -> None:
    # The outer edge, at the waist, is higher and further out than the lower point, just above
    # the top of the hip bone (the back view: the person's left is on our left).
    (x_edge, y_edge), (x_low, y_low) = (
        dot(kb, "quadratus_lumborum", p) for p in ("outer_edge", "lower")
    )
    assert x_edge < x_low - 5 and y_edge < y_low - 8


def test_the_inner_piriformis_point_is_beside_the_sacrum(kb: KnowledgeBase) -> None:
    inner, outer = dot(kb, "piriformis", "inner"), dot(kb, "piriformis", "outer")
    sacrum = _shape_points(RegionKey("midline", "sacrum"))
    sacrum_edge = min(x for x, _ in sacrum)  # the back view: the person's left is our left
    assert abs(inner[0] - sacrum_edge) < 16
    assert abs(inner[0] - sacrum_edge) < abs(outer[0] - sacrum_edge)


def test_dots_on_one_region_are_not_drawn_on_top_of_each_other(kb: KnowledgeBase) -> None:
    for muscle in kb.muscles.values():
        dots = [dot(kb, muscle.id, tp.id) for tp in muscle.trigger_points]
        for i, a in enumerate(dots):
            for b in dots[i + 1 :]:
                assert abs(a[0] - b[0]) + abs(a[1] - b[1]) > 8, muscle.id
