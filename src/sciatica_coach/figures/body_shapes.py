"""Geometry of the body map: a human outline and one shape per region of ``regions.yaml``.

Shapes are drawn for the person's *left* side as ``(d, y)`` points, where ``d`` is the distance
out from the midline and ``y`` runs down from the top of the head. The renderer mirrors them
onto the right side and onto the front view. Midline regions are given with ``d`` below zero
too, since they straddle the middle. Units are SVG user units in a 200 x 540 frame per view.

This is drawing data, not clinical content: which region a muscle refers pain to lives in the
knowledge base; here is only where each region sits on the picture.
"""

from __future__ import annotations

from typing import Literal

Point = tuple[float, float]
View = Literal["back", "front"]

VIEW_WIDTH = 200.0
VIEW_HEIGHT = 540.0
MIDLINE_X = VIEW_WIDTH / 2

HEAD_CENTER: Point = (0.0, 38.0)
HEAD_RADII: Point = (22.0, 27.0)

# The left half of the silhouette, from the neck down the arm, the side, the leg and back up
# the inner leg to the crotch. Mirrored and joined, it makes the whole outline.
OUTLINE_LEFT: list[Point] = [
    (0, 62),
    (10, 63),
    (11, 78),
    (30, 86),
    (52, 94),
    (60, 108),
    (64, 140),
    (70, 190),
    (76, 240),
    (80, 268),
    (82, 292),
    (74, 302),
    (68, 292),
    (68, 268),
    (62, 228),
    (54, 170),
    (48, 136),
    (44, 160),
    (40, 200),
    (46, 236),
    (54, 262),
    (56, 292),
    (54, 330),
    (47, 392),
    (45, 412),
    (45, 440),
    (40, 478),
    (36, 500),
    (42, 518),
    (38, 526),
    (20, 526),
    (20, 508),
    (22, 496),
    (17, 446),
    (15, 412),
    (13, 392),
    (7, 340),
    (2, 310),
    (0, 306),
]

# Spine: a dashed guide line on the back view, from the neck to the top of the sacrum.
SPINE: tuple[Point, Point] = ((0, 80), (0, 236))

# Region shapes, by the view they are drawn in.
SHAPES: dict[str, tuple[View, list[Point]]] = {
    # Back view
    "lumbar": ("back", [(5, 192), (36, 192), (40, 226), (8, 232)]),
    "iliac_crest": ("back", [(9, 234), (42, 228), (49, 244), (44, 249), (14, 246)]),
    "sacroiliac": ("back", [(12, 247), (22, 248), (23, 266), (13, 268)]),
    "buttock_upper": ("back", [(23, 248), (44, 250), (46, 266), (24, 267)]),
    "buttock_center": ("back", [(13, 269), (46, 268), (48, 288), (12, 290)]),
    "buttock_lower": ("back", [(10, 292), (48, 290), (46, 308), (8, 304)]),
    "hip_lateral": ("back", [(46, 249), (52, 256), (56, 290), (49, 290), (47, 266)]),
    "thigh_posterior": ("back", [(9, 310), (46, 311), (42, 390), (15, 390)]),
    "knee_posterior": ("back", [(15, 394), (43, 394), (43, 418), (16, 418)]),
    "calf_posterior": ("back", [(16, 422), (43, 422), (38, 474), (22, 474)]),
    "heel": ("back", [(22, 478), (37, 478), (35, 504), (23, 504)]),
    "foot_sole": ("back", [(21, 508), (38, 507), (39, 524), (21, 524)]),
    "sacrum": ("back", [(-10, 238), (10, 238), (10, 262), (5, 278), (-5, 278), (-10, 262)]),
    "coccyx": ("back", [(-4, 281), (4, 281), (0, 294)]),
    # Front view
    "abdomen_lower": ("front", [(3, 214), (38, 208), (44, 238), (4, 246)]),
    "groin": ("front", [(3, 250), (44, 242), (50, 258), (24, 286), (4, 300)]),
    "thigh_anterior": ("front", [(6, 304), (28, 288), (48, 278), (40, 390), (15, 390)]),
    "thigh_lateral": ("front", [(50, 262), (55, 292), (53, 330), (46, 390), (41, 390), (49, 280)]),
    "knee_lateral": ("front", [(40, 394), (46, 394), (45, 418), (39, 418)]),
    "calf_lateral": ("front", [(38, 422), (45, 422), (40, 474), (34, 474)]),
    "ankle_lateral": ("front", [(33, 478), (40, 478), (37, 498), (32, 498)]),
    "foot_dorsum": ("front", [(22, 494), (33, 500), (40, 516), (37, 524), (21, 524)]),
}


def to_view_x(d: float, side: str, view: View) -> float:
    """Place a distance from the midline on the picture.

    In the back view we look at the person from behind, so their left is on our left; in the
    front view we face them, so their left is on our right.
    """
    toward_left_of_picture = (side == "left") == (view == "back")
    return MIDLINE_X - d if toward_left_of_picture else MIDLINE_X + d


def spot_place(region: str, across: float, down: float) -> Point:
    """Where a spot sits in a region's shape, as ``(d, y)``: ``across`` from the edge nearest
    the midline (0) to the outer edge (1), ``down`` from the top (0) to the bottom (1) of the
    shape's box. Trigger points are placed this way (``drawn_at`` in ``muscles.yaml``)."""
    shape = SHAPES[region][1]
    ds, ys = [d for d, _ in shape], [y for _, y in shape]
    return (min(ds) + across * (max(ds) - min(ds)), min(ys) + down * (max(ys) - min(ys)))


def centroid(points: list[Point]) -> Point:
    """The balance point of a polygon (used to place labels and trigger-point spots)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-9:
        xs, ys = zip(*points, strict=True)
        return (sum(xs) / len(xs), sum(ys) / len(ys))
    return (cx / (3 * area), cy / (3 * area))
