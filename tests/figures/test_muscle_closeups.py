"""Every muscle has a close-up: its outline, and one dot per trigger point where the content
says it is, in the body map's colours."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.content import KnowledgeBase, UnknownIdError
from sciatica_coach.figures import palette
from sciatica_coach.figures.body_shapes import MIDLINE_X, SHAPES
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
    return [g.get("data-region") for g in svg.iter(f"{SVG}g") if g.get("class") == "no-press"]


def test_places_never_to_press_are_marked(kb: KnowledgeBase) -> None:
    # The muscle's own spot (the groin) first, then the middle of the belly (the aorta).
    assert rings(closeup(kb, "iliopsoas", "left")) == ["left:groin", "left:point"]
    assert not rings(closeup(kb, "soleus", "left"))


NEAR_THE_NERVE = {
    "piriformis": ["left:buttock_center"],
    "hamstrings": ["left:knee_posterior", "left:point"],
    "tensor_fasciae_latae": ["left:groin"],
}
"""Muscles whose close-up must show where the big nerve or the groin's vessels run."""


def test_every_closeup_near_a_nerve_or_artery_marks_it(kb: KnowledgeBase) -> None:
    for muscle_id, wanted in NEAR_THE_NERVE.items():
        svg = closeup(kb, muscle_id, "left")
        assert rings(svg) == wanted, muscle_id
        desc = svg.find(f"{SVG}desc")
        assert desc is not None and desc.text and "not to press" in desc.text
    # The hamstrings' nerve runs down the middle of the thigh: a red line along it.
    assert closeup(kb, "hamstrings", "left").find(f".//{SVG}polyline") is not None


def test_no_press_regions_are_drawn_on_the_closeups_own_view(kb: KnowledgeBase) -> None:
    for outline in kb.muscle_outlines.values():
        regions = [m.region for m in outline.no_press if m.region]
        regions += [s.region for s in kb.muscles[outline.id].do_not_press]
        assert all(SHAPES[r][0] == outline.view for r in regions), outline.id


def test_trigger_points_keep_off_the_nerve_and_the_knee(kb: KnowledgeBase) -> None:
    # Hamstrings: "on the inner or outer side", never the middle line where the nerve runs.
    tp = kb.muscles["hamstrings"].trigger_points[0]
    assert abs(tp.drawn_at.across - 0.5) >= 0.2
    for muscle in kb.muscles.values():
        svg = closeup(kb, muscle.id, "left")
        dots = [c for c in svg.iter(f"{SVG}circle") if c.get("class") == "trigger-point"]
        for ring in (g for g in svg.iter(f"{SVG}g") if g.get("class") == "no-press"):
            circle = ring.find(f"{SVG}circle")
            assert circle is not None
            centre = (float(circle.get("cx", "0")), float(circle.get("cy", "0")))
            for dot in dots:
                spot = (float(dot.get("cx", "0")), float(dot.get("cy", "0")))
                gap = ((spot[0] - centre[0]) ** 2 + (spot[1] - centre[1]) ** 2) ** 0.5
                assert gap > 7 + 4.5, (muscle.id, dot.get("data-point"), ring.get("data-region"))


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
