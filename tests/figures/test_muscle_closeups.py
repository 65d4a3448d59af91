"""Every muscle has a close-up: its outline, and one dot per trigger point where the content
says it is, in the body map's colours."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.content import KnowledgeBase, UnknownIdError
from sciatica_coach.figures import palette
from sciatica_coach.figures.body_shapes import MIDLINE_X, OUTLINE_LEFT, SHAPES
from sciatica_coach.figures.body_svg import STYLE
from sciatica_coach.figures.closeups import muscle_closeup_svg, to_picture
from tests.figures.test_trigger_point_dots import inside

SVG = "{http://www.w3.org/2000/svg}"
Point = tuple[float, float]


def points_of(polygon: ET.Element) -> list[Point]:
    pairs = (p.split(",") for p in polygon.get("points", "").split())
    return [(float(x), float(y)) for x, y in pairs]


def closeup(kb: KnowledgeBase, muscle_id: str, side: str) -> ET.Element:
    return ET.fromstring(muscle_closeup_svg(kb, muscle_id, side))


@pytest.mark.parametrize("side", ["left", "right"])
def test_every_muscle_has_a_closeup_with_one_dot_per_trigger_point_in_its_region(
    kb: KnowledgeBase, side: str
) -> None:
    for muscle in kb.muscles.values():
        svg = closeup(kb, muscle.id, side)
        assert svg.get("role") == "img" and svg.get("viewBox"), muscle.id
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and title.text and muscle.name in title.text
        assert desc is not None and desc.text and side in desc.text
        dots = [c for c in svg.iter(f"{SVG}circle") if c.get("class") == "trigger-point"]
        assert [d.get("data-point") for d in dots] == [tp.id for tp in muscle.trigger_points]
        outline = kb.muscle_outlines[muscle.id]
        for dot, tp in zip(dots, muscle.trigger_points, strict=True):
            assert dot.get("data-region") == f"{side}:{tp.region}"
            if tp.id in outline.drawn:  # drawn on the close-up's own view instead
                continue
            view, shape = SHAPES[tp.region]
            region = [to_picture(d, y, side, view) for d, y in shape]  # type: ignore[arg-type]
            spot = (float(dot.get("cx", "0")), float(dot.get("cy", "0")))
            assert inside(spot, region), (muscle.id, tp.id)


def test_every_trigger_point_lies_on_its_muscle(kb: KnowledgeBase) -> None:
    for muscle in kb.muscles.values():
        svg = closeup(kb, muscle.id, "left")
        outline = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "muscle-outline")
        shapes = [points_of(p) for p in outline.findall(f"{SVG}polygon")]
        for dot in (c for c in svg.iter(f"{SVG}circle") if c.get("class") == "trigger-point"):
            spot = (float(dot.get("cx", "0")), float(dot.get("cy", "0")))
            assert any(inside(spot, shape) for shape in shapes), (muscle.id, dot.get("data-point"))


def test_the_muscle_is_drawn_on_the_side_asked_for(kb: KnowledgeBase) -> None:
    for muscle in kb.muscles.values():
        outline = kb.muscle_outlines[muscle.id]
        for side in ("left", "right"):
            svg = closeup(kb, muscle.id, side)
            shape = next(p for p in svg.iter(f"{SVG}polygon") if p.get("stroke") == palette.MUSCLE)
            mean_x = sum(x for x, _ in points_of(shape)) / len(points_of(shape))
            # From behind, the person's left is on our left; from the front, on our right.
            on_our_left = (side == "left") == (outline.view == "back")
            assert (mean_x < MIDLINE_X) == on_our_left, (muscle.id, side)


def test_the_whole_muscle_and_its_dots_are_in_the_picture(kb: KnowledgeBase) -> None:
    for muscle in kb.muscles.values():
        svg = closeup(kb, muscle.id, "left")
        _, top, width, height = (float(v) for v in svg.get("viewBox", "").split())
        for polygon in svg.iter(f"{SVG}polygon"):
            if polygon.get("stroke") == palette.MUSCLE:
                assert all(
                    0 <= x <= width and top <= y <= top + height for x, y in points_of(polygon)
                )


def rings(svg: ET.Element) -> list[str | None]:
    return [g.get("data-place") for g in svg.iter(f"{SVG}g") if g.get("class") == "no-press"]


def test_places_never_to_press_are_marked(kb: KnowledgeBase) -> None:
    # The groin crease, then the middle of the belly (the main artery), as the muscle lists them.
    assert rings(closeup(kb, "iliopsoas", "left")) == ["groin_crease", "belly_middle"]
    assert rings(closeup(kb, "soleus", "left")) == ["knee_hollow"]


NEAR_THE_NERVE = {
    "piriformis": "sciatic_nerve",
    "hamstrings": "sciatic_nerve",
    "gluteus_maximus": "sciatic_nerve",
    "tensor_fasciae_latae": "groin_crease",
    "quadratus_lumborum": "kidney_angle",
}
"""Muscles whose close-up must show where the big nerve, the groin's vessels or the kidney
lie (the review found them missing)."""


def test_every_closeup_near_a_nerve_or_artery_marks_it(kb: KnowledgeBase) -> None:
    for muscle_id, wanted in NEAR_THE_NERVE.items():
        svg = closeup(kb, muscle_id, "left")
        assert wanted in rings(svg), muscle_id
        desc = svg.find(f"{SVG}desc")
        assert desc is not None and desc.text and "not to press" in desc.text
    # The hamstrings' nerve runs down the middle of the thigh: a red line along it.
    assert closeup(kb, "hamstrings", "left").find(f".//{SVG}polyline") is not None


def frame_of(svg: ET.Element) -> tuple[float, float, float, float]:
    """The part of the body the close-up shows, as (left, top, right, bottom): its frame, or
    the whole picture when it draws none."""
    frame = next((r for r in svg.iter(f"{SVG}rect") if r.get("class") == "frame"), None)
    if frame is None:
        left, top, width, height = (float(v) for v in svg.get("viewBox", "").split())
    else:
        left, top = float(frame.get("x", "0")), float(frame.get("y", "0"))
        width, height = float(frame.get("width", "0")), float(frame.get("height", "0"))
    return left, top, left + width, top + height


@pytest.mark.parametrize("side", ["left", "right"])
def test_every_closeup_draws_every_place_its_muscle_names_on_its_view(
    kb: KnowledgeBase, side: str
) -> None:
    for muscle in kb.muscles.values():
        view = kb.muscle_outlines[muscle.id].view
        svg = closeup(kb, muscle.id, side)
        _, top, _, bottom = frame_of(svg)
        groups = {
            g.get("data-place"): g for g in svg.iter(f"{SVG}g") if g.get("class") == "no-press"
        }
        for place_id in muscle.never_press:
            marks = [m for m in kb.never_press[place_id].marks if m.view == view]
            if not marks:
                continue
            assert place_id in groups, (muscle.id, place_id)
            group = groups[place_id]
            circles = group.findall(f"{SVG}circle")
            lines = group.findall(f"{SVG}polyline")
            assert len(circles) == len([m for m in marks if not m.along]), (muscle.id, place_id)
            assert len(lines) == len([m for m in marks if m.along]), (muscle.id, place_id)
            for circle in circles:  # in the part of the body shown
                assert top <= float(circle.get("cy", "0")) <= bottom, (muscle.id, place_id)
            for line in lines:
                assert any(top <= y <= bottom for _, y in points_of(line)), (muscle.id, place_id)
        assert set(groups) <= set(muscle.never_press), muscle.id


def test_trigger_points_keep_off_the_places_never_to_press(kb: KnowledgeBase) -> None:
    # Hamstrings: "on the inner or outer side", never the middle line where the nerve runs.
    tp = kb.muscles["hamstrings"].trigger_points[0]
    assert abs(tp.drawn_at.across - 0.5) >= 0.2
    for muscle in kb.muscles.values():
        svg = closeup(kb, muscle.id, "left")
        dots = [c for c in svg.iter(f"{SVG}circle") if c.get("class") == "trigger-point"]
        for group in (g for g in svg.iter(f"{SVG}g") if g.get("class") == "no-press"):
            for circle in group.findall(f"{SVG}circle"):
                centre = (float(circle.get("cx", "0")), float(circle.get("cy", "0")))
                for dot in dots:
                    spot = (float(dot.get("cx", "0")), float(dot.get("cy", "0")))
                    gap = ((spot[0] - centre[0]) ** 2 + (spot[1] - centre[1]) ** 2) ** 0.5
                    where = (muscle.id, dot.get("data-point"), group.get("data-place"))
                    assert gap > 7 + 4.5, where


def test_no_muscle_is_drawn_on_the_bones_of_the_spine(kb: KnowledgeBase) -> None:
    # The multifidus lies in the groove beside the bony bumps, not on them.
    spine = next(m for m in kb.never_press["spine"].marks if m.along)
    assert spine.radius is not None
    for outline in kb.muscle_outlines.values():
        if outline.view == "back":
            for shape in outline.shapes:
                assert min(d for d, _ in shape) >= spine.radius, outline.id


Box = tuple[float, float, float, float]


def text_box(text: ET.Element) -> Box:
    """Where a label's letters are, from its position, size and anchor (an average letter is
    about 0.6 of the font's size wide)."""
    size = float(text.get("font-size", "10"))
    width = len(text.text or "") * size * 0.6
    x, y = float(text.get("x", "0")), float(text.get("y", "0"))
    left = {"middle": x - width / 2, "end": x - width}.get(text.get("text-anchor", ""), x)
    return left, y - size * 0.8, left + width, y + size * 0.25


def symbol_box(element: ET.Element) -> Box:
    tag = element.tag.removeprefix(SVG)
    if tag == "circle":
        cx, cy, r = (float(element.get(a, "0")) for a in ("cx", "cy", "r"))
        return cx - r, cy - r, cx + r, cy + r
    if tag == "rect":
        x, y = float(element.get("x", "0")), float(element.get("y", "0"))
        return x, y, x + float(element.get("width", "0")), y + float(element.get("height", "0"))
    if tag == "line":
        xs = [float(element.get(a, "0")) for a in ("x1", "x2")]
        ys = [float(element.get(a, "0")) for a in ("y1", "y2")]
        return min(xs), min(ys), max(xs), max(ys)
    points = points_of(element)
    return (
        min(x for x, _ in points),
        min(y for _, y in points),
        max(x for x, _ in points),
        max(y for _, y in points),
    )


def clip(polygon: list[Point], top: float, bottom: float) -> list[Point]:
    """The part of a polygon between two heights (Sutherland-Hodgman, one edge at a time)."""

    def cut(points: list[Point], keep: object, y0: float) -> list[Point]:
        out: list[Point] = []
        for a, b in zip(points, points[1:] + points[:1], strict=True):
            a_in, b_in = keep(a), keep(b)  # type: ignore[operator]
            if a_in:
                out.append(a)
            if a_in != b_in:
                t = (y0 - a[1]) / (b[1] - a[1])
                out.append((a[0] + t * (b[0] - a[0]), y0))
        return out

    above = cut(polygon, lambda p: p[1] >= top, top)
    return cut(above, lambda p: p[1] <= bottom, bottom) if above else []


def overlaps(box: Box, polygon: list[Point]) -> bool:
    """Does a box share any area with a polygon?"""
    x0, y0, x1, y1 = box
    if any(x0 < x < x1 and y0 < y < y1 for x, y in polygon):
        return True
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), ((x0 + x1) / 2, (y0 + y1) / 2)]
    if any(inside(c, polygon) for c in corners):
        return True
    edges = list(zip(corners[:4], corners[1:4] + corners[:1], strict=True))
    for a, b in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        for c, d in edges:
            if crosses(a, b, c, d):
                return True
    return False


def crosses(a: Point, b: Point, c: Point, d: Point) -> bool:
    def turn(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return turn(a, b, c) * turn(a, b, d) < 0 and turn(c, d, a) * turn(c, d, b) < 0


def body_polygon(view: str) -> list[Point]:
    left = [to_picture(d, y, "left", view) for d, y in OUTLINE_LEFT]  # type: ignore[arg-type]
    right = [to_picture(d, y, "right", view) for d, y in reversed(OUTLINE_LEFT)]  # type: ignore[arg-type]
    return left + right


@pytest.mark.parametrize("side", ["left", "right"])
def test_the_legend_and_the_labels_keep_off_the_body(kb: KnowledgeBase, side: str) -> None:
    """Web review, minor 9: the legend was drawn over the legs, and "Left"/"Right" over the
    arms. Every word and legend symbol keeps off the part of the body the close-up shows."""
    for muscle in kb.muscles.values():
        svg = closeup(kb, muscle.id, side)
        _, top, _, bottom = frame_of(svg)
        body = clip(body_polygon(kb.muscle_outlines[muscle.id].view), top, bottom)
        assert body, muscle.id
        boxes = [(t.text, text_box(t)) for t in svg.iter(f"{SVG}text")]
        legend = next((g for g in svg.iter(f"{SVG}g") if g.get("class") == "legend"), None)
        if legend is not None:
            boxes += [
                (e.tag.removeprefix(SVG), symbol_box(e))
                for e in legend.iter()
                if e.tag.removeprefix(SVG) in ("circle", "rect", "line", "polyline")
            ]
        assert len(boxes) >= 5, muscle.id  # the view, Left, Right and the legend's words
        over = [name for name, box in boxes if overlaps(box, body)]
        assert not over, (muscle.id, over)


def legend_items(svg: ET.Element) -> dict[str, ET.Element]:
    legend = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "legend")
    return {g.get("data-symbol", ""): g for g in legend.iter(f"{SVG}g") if g.get("data-symbol")}


def shape(ring: list[ET.Element]) -> list[tuple[str, str | None, str | None, float]]:
    """A ring-with-a-slash's look, whatever its place and size: each part's tag, colour, line
    weight, and the slash's length against the ring's radius."""
    circle = next(e for e in ring if e.tag == f"{SVG}circle")
    r = float(circle.get("r", "1"))
    looks = []
    for e in ring:
        if e.tag == f"{SVG}line":
            length = math.dist(
                (float(e.get("x1", "0")), float(e.get("y1", "0"))),
                (float(e.get("x2", "0")), float(e.get("y2", "0"))),
            )
            looks.append(("line", e.get("stroke"), e.get("stroke-width"), round(length / r, 1)))
        else:
            looks.append(("circle", e.get("stroke"), e.get("stroke-width"), 1.0))
    return looks


def test_the_legend_shows_the_figures_own_do_not_press_symbols(kb: KnowledgeBase) -> None:
    for muscle in kb.muscles.values():
        svg = closeup(kb, muscle.id, "left")
        groups = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "no-press"]
        items = legend_items(svg)
        figure_rings = [
            [c, *g.findall(f"{SVG}line")] for g in groups for c in g.findall(f"{SVG}circle")
        ]
        lines = [p for g in groups for p in g.findall(f"{SVG}polyline")]
        assert ("no-press" in items) == bool(figure_rings), muscle.id
        assert ("no-press-line" in items) == bool(lines), muscle.id
        if figure_rings:
            symbol = [e for e in items["no-press"] if e.tag in (f"{SVG}circle", f"{SVG}line")]
            assert shape(symbol) == shape(figure_rings[0][:2]), muscle.id
        if lines:
            (drawn,) = {(p.get("stroke"), p.get("stroke-dasharray")) for p in lines}
            entry = items["no-press-line"]
            (symbol_line,) = [e for e in entry if e.tag in (f"{SVG}line", f"{SVG}polyline")]
            assert (symbol_line.get("stroke"), symbol_line.get("stroke-dasharray")) == drawn
            words = " ".join(t.text or "" for t in entry.iter(f"{SVG}text"))
            assert "line" in words.lower() and "press" in words.lower(), muscle.id


def test_the_hamstrings_outline_stops_above_the_knee_hollow(kb: KnowledgeBase) -> None:
    knee_top = min(y for _, y in SHAPES["knee_posterior"][1])
    outline = kb.muscle_outlines["hamstrings"]
    assert max(y for shape in outline.shapes for _, y in shape) < knee_top


def test_the_tfl_is_drawn_at_the_front_of_the_hip_outside_the_groin(kb: KnowledgeBase) -> None:
    outline = kb.muscle_outlines["tensor_fasciae_latae"]
    assert outline.view == "front"
    groin = SHAPES["groin"][1]
    for shape in outline.shapes:
        assert not any(inside(point, groin) for point in shape)
    assert not inside(outline.drawn["belly"], groin)


def test_it_uses_the_body_maps_colours(kb: KnowledgeBase) -> None:
    used = set()
    for muscle in kb.muscles.values():
        for element in closeup(kb, muscle.id, "left").iter():
            used |= {element.get(a) for a in ("fill", "stroke")} - {None, "none"}
    for colour in (palette.OUTLINE, palette.SKIN, palette.SPOT, palette.MUSCLE):
        assert colour in used and colour in STYLE
    shared = {v for k, v in vars(palette).items() if k.isupper() and isinstance(v, str)}
    assert used <= shared


def test_it_refuses_unknown_muscles_and_sides(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownIdError):
        muscle_closeup_svg(kb, "biceps")
    with pytest.raises(ValueError, match="side"):
        muscle_closeup_svg(kb, "soleus", "middle")


@given(index=st.integers(0, 9), side=st.sampled_from([None, "left", "right"]))
def test_any_closeup_is_well_formed_and_safe(
    kb: KnowledgeBase, index: int, side: str | None
) -> None:
    muscle_id = list(kb.muscles)[index]
    svg = ET.fromstring(muscle_closeup_svg(kb, muscle_id, side))
    for element in svg.iter():
        assert element.tag != f"{SVG}script"
        assert not [a for a in element.attrib if a.startswith("on") or a.endswith("href")]
