"""Every technique and exercise has a drawing of its position, and the drawings are one family
of people who could really hold those positions."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.content import KnowledgeBase, UnknownIdError
from sciatica_coach.content.pose_models import Pose
from sciatica_coach.figures.palette import LINE, MARKED, OUTLINE, SKIN, SPOT
from sciatica_coach.figures.poses import (
    HEIGHT,
    PALETTE,
    WIDTH,
    ball_contacts,
    pose_svg,
    view_box,
)
from sciatica_coach.figures.skeleton import (
    FOOT,
    FOREARM,
    HEAD_RADIUS,
    SHIN,
    THIGH,
    UPPER_ARM,
    Skeleton,
    build,
    distance,
    two_bone,
)

SVG = "{http://www.w3.org/2000/svg}"
SIDES = [None, "left", "right"]


def pose_ids(kb: KnowledgeBase) -> list[str]:
    return [*kb.techniques, *kb.exercises]


def parse(text: str) -> ET.Element:
    return ET.fromstring(text)


def all_poses(kb: KnowledgeBase) -> list[Pose]:
    """Every pose as drawn: each item's own, and each technique's for each tool that has its
    own drawing."""
    return [
        drawn for pose in kb.poses.values() for drawn in (pose, *map(pose.for_tool, pose.tools))
    ]


@pytest.fixture(scope="module")
def drawings(kb: KnowledgeBase) -> dict[tuple[str, str | None], ET.Element]:
    return {(i, side): parse(pose_svg(kb, i, side)) for i in pose_ids(kb) for side in SIDES}


@pytest.fixture(scope="module")
def every_drawing(
    kb: KnowledgeBase, drawings: dict[tuple[str, str | None], ET.Element]
) -> dict[tuple[str, str | None, str | None], ET.Element]:
    """Every picture the app can draw: each pose for each side, and each tool's own pose."""
    tools: dict[tuple[str, str | None, str | None], ET.Element] = {
        (i, side, tool): parse(pose_svg(kb, i, side, tool))
        for i, pose in kb.poses.items()
        for tool in pose.tools
        for side in SIDES
    }
    return {**{(i, side, None): svg for (i, side), svg in drawings.items()}, **tools}


def test_every_technique_and_exercise_draws_as_a_standalone_picture(
    kb: KnowledgeBase, every_drawing: dict[tuple[str, str | None, str | None], ET.Element]
) -> None:
    for (item_id, side, tool), svg in every_drawing.items():
        pose = kb.poses[item_id].for_tool(tool)
        mirrored = side is not None and pose.side is not None and side != pose.side
        assert svg.tag == f"{SVG}svg"
        assert svg.get("viewBox") == view_box(pose, mirrored)
        _, _, width, height = (float(v) for v in view_box(pose).split())
        assert width / height == pytest.approx(WIDTH / HEIGHT, abs=0.01)  # one shape
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert "{" not in desc.text, (item_id, desc.text)
        assert len(svg.findall(f".//{SVG}g[@class='body-part']")) == 5, item_id
        assert svg.findall(f".//{SVG}g[@class='worked']/{SVG}line"), item_id


def test_the_pictures_are_safe_to_show_anywhere(
    every_drawing: dict[tuple[str, str | None, str | None], ET.Element],
) -> None:
    for key, svg in every_drawing.items():
        text = ET.tostring(svg, encoding="unicode")
        for element in svg.iter():
            assert element.tag not in (f"{SVG}script", f"{SVG}foreignObject", f"{SVG}image")
            assert not [a for a in element.attrib if a.lower().startswith("on")], key
            assert not [a for a in element.attrib if a.endswith("href")], key
        assert "url(" not in text and "http://" not in text.replace(SVG[1:-1], ""), key
        assert " id=" not in text, key  # safe to show twice on one page


def test_they_are_one_family_of_colours_and_line_weights(
    every_drawing: dict[tuple[str, str | None, str | None], ET.Element],
) -> None:
    used: set[str] = set()
    outline_widths: dict[str, set[float]] = {}
    for svg in every_drawing.values():
        for element in svg.iter():
            for attribute in ("fill", "stroke"):
                value = element.get(attribute)
                if value and value != "none":
                    used.add(value)
        for part in svg.iter(f"{SVG}g"):
            if part.get("class") != "body-part":
                continue
            lines = part.findall(f"{SVG}line")
            fills = [float(x.get("stroke-width", "0")) for x in lines if x.get("stroke") != OUTLINE]
            edges = [float(x.get("stroke-width", "0")) for x in lines if x.get("stroke") == OUTLINE]
            # Every stroke of the body has an outline exactly one line weight wider each side.
            nose = [e for e in edges if e == 4.5]  # drawn in the outline's colour
            edges = [e for e in edges if e != 4.5]
            assert len(nose) <= 1 and len(fills) == len(edges)
            assert {round(e - f, 3) for e, f in zip(sorted(edges), sorted(fills), strict=True)} == {
                round(2 * LINE, 3)
            }
            name = part.get("data-part", "").split("_")[-1]
            outline_widths.setdefault(name, set()).update(edges)
    assert used <= PALETTE, used - PALETTE
    assert {OUTLINE, SKIN} <= used
    # Each kind of part is drawn with the same set of widths in every picture.
    assert outline_widths["leg"] <= {17 + 2 * LINE, 13 + 2 * LINE, 7 + 2 * LINE}
    assert outline_widths["arm"] <= {11 + 2 * LINE, 9 + 2 * LINE}


def test_every_head_is_the_same_size(
    every_drawing: dict[tuple[str, str | None, str | None], ET.Element],
) -> None:
    radii = set()
    for svg in every_drawing.values():
        torso = next(g for g in svg.iter(f"{SVG}g") if g.get("data-part") == "torso")
        radii |= {c.get("r") for c in torso.findall(f"{SVG}circle")}
    assert radii == {f"{HEAD_RADIUS + LINE / 2:g}", f"{HEAD_RADIUS - LINE / 2:g}"}


def segment_lengths(skeleton: Skeleton) -> dict[str, float]:
    j = skeleton.joints
    lengths = {}
    for side in ("left", "right"):
        for name, a, b in (
            ("upper_arm", "shoulder", "elbow"),
            ("forearm", "elbow", "hand"),
            ("thigh", "hip", "knee"),
            ("shin", "knee", "ankle"),
            ("foot", "ankle", "toe"),
        ):
            lengths[f"{side}_{name}"] = distance(j[f"{side}_{a}"], j[f"{side}_{b}"])
    return lengths


def test_every_body_has_the_same_proportions(kb: KnowledgeBase) -> None:
    fixed = {"upper_arm": UPPER_ARM, "forearm": FOREARM, "thigh": THIGH, "shin": SHIN}
    for pose in all_poses(kb):
        for name, length in segment_lengths(build(pose)).items():
            side, _, part = name.partition("_")
            if part == "foot":
                assert length == pytest.approx(FOOT, abs=0.01) or pose.view != "side", pose.id
                continue
            limb = getattr(pose, f"{side}_{'arm' if 'arm' in part else 'leg'}")
            seen = fixed[part] * math.cos(math.radians(limb.depth))
            assert length == pytest.approx(seen, abs=0.01), (pose.id, name)


LIMITS = {
    "knee": (-5, 160),
    "elbow": (-5, 160),
    "hip": (-35, 165),
    "shoulder": (-70, 180),
    "ankle": (20, 140),
}
"""How far each joint can bend in a side view, in degrees (0 is straight, negative is the
wrong way): roomy, but a knee or elbow bent backwards fails."""


def test_no_joint_bends_the_wrong_way(kb: KnowledgeBase) -> None:
    bad = []
    for pose in all_poses(kb):
        if pose.view != "side":
            continue
        skeleton = build(pose)
        for side in ("left", "right"):
            limbs = {"arm": getattr(pose, f"{side}_arm"), "leg": getattr(pose, f"{side}_leg")}
            for joint, (low, high) in LIMITS.items():
                limb = limbs["arm" if joint in ("elbow", "shoulder") else "leg"]
                if limb.depth:  # out of the picture's plane: its drawn angle is foreshortened
                    continue
                bend = skeleton.flexion(side, joint)
                if not low <= bend <= high:
                    bad.append(f"{pose.id}: {side} {joint} {bend:.0f}")
    assert not bad


def test_a_knee_bent_backwards_would_be_caught(kb: KnowledgeBase) -> None:
    data = kb.poses["calf_stretch"].model_dump()
    data["left_leg"] = {"angles": [-90, -120]}  # facing left: the shin swung forward
    assert build(Pose.model_validate(data)).flexion("left", "knee") < -5


def test_nobody_sinks_into_the_floor(kb: KnowledgeBase) -> None:
    for pose in all_poses(kb):
        skeleton = build(pose)
        for name in [
            "torso",
            *(f"{s}_{p}" for s in ("left", "right") for p in ("forearm", "shin", "foot")),
        ]:
            start, end, width = skeleton.segment(name)
            lowest = max(start[1], end[1]) + width / 2
            assert lowest <= pose.floor + 2.5, (pose.id, name, lowest)
        assert skeleton.joints["head"][1] + HEAD_RADIUS <= pose.floor + 1, pose.id


def test_hands_and_feet_reach_where_the_pose_puts_them(kb: KnowledgeBase) -> None:
    for pose in all_poses(kb):
        skeleton = build(pose)
        for side in ("left", "right"):
            for limb_name, end in (("arm", "hand"), ("leg", "ankle")):
                limb = getattr(pose, f"{side}_{limb_name}")
                if limb.reach is not None:
                    gap = distance(skeleton.joints[f"{side}_{end}"], limb.reach)
                    assert gap < 0.5, (pose.id, side, limb_name, round(gap, 1))


def test_every_ball_rests_on_the_floor_a_wall_or_a_chair(kb: KnowledgeBase) -> None:
    balls = [(pose.id, gap) for pose in all_poses(kb) for _, gap in ball_contacts(pose)]
    assert len(balls) >= 7
    assert [(i, round(g, 1)) for i, g in balls if g > 2.5] == []


def test_a_ball_techniques_picture_shows_the_ball(
    kb: KnowledgeBase, drawings: dict[tuple[str, str | None], ET.Element]
) -> None:
    for technique in kb.techniques.values():
        props = {p.get("data-prop") for p in drawings[(technique.id, None)].iter()}
        first_tool = kb.tools[technique.tools[0]]
        if first_tool.kind == "ball":
            assert props & {"ball", "peanut_ball"}, technique.id
        elif first_tool.kind == "hands":
            assert "press" in props, technique.id


def test_the_worked_side_is_the_side_nearer_to_us(kb: KnowledgeBase) -> None:
    for pose in all_poses(kb):
        if pose.view == "side" and pose.side is not None:
            assert build(pose).near == pose.side, pose.id


def test_the_exercises_that_name_a_side_move_those_limbs(kb: KnowledgeBase) -> None:
    # Bird dog: "reach your right arm forward and your left leg back".
    bird = build(kb.poses["bird_dog"]).joints
    assert bird["right_hand"][0] > bird["head"][0] + 20
    assert bird["left_ankle"][0] < bird["pelvis"][0] - 60
    assert abs(bird["left_ankle"][1] - bird["pelvis"][1]) < 15
    # Dead bug: "lower your right arm behind your head and stretch your left leg out".
    bug = build(kb.poses["dead_bug"]).joints
    assert bug["right_hand"][0] < bug["head"][0] - 20 and bug["left_hand"][1] < bug["head"][1]
    assert distance(bug["left_ankle"], bug["pelvis"]) > distance(bug["right_ankle"], bug["pelvis"])


def xs(svg: ET.Element) -> list[float]:
    return [float(v) for e in svg.iter() for k, v in e.attrib.items() if k in ("x1", "x2", "cx")]


def test_the_other_side_is_the_mirror_image(
    kb: KnowledgeBase, drawings: dict[tuple[str, str | None], ET.Element]
) -> None:
    for pose in kb.poses.values():
        if pose.side is None:
            assert xs(drawings[(pose.id, "left")]) == xs(drawings[(pose.id, "right")]), pose.id
            continue
        other = "right" if pose.side == "left" else "left"
        drawn, mirrored = drawings[(pose.id, pose.side)], drawings[(pose.id, other)]
        assert mirrored.get("data-side") == other
        assert [round(WIDTH - x, 1) for x in xs(drawn)] == pytest.approx(xs(mirrored), abs=0.11)
        desc = mirrored.find(f"{SVG}desc")
        assert desc is not None and desc.text and other in desc.text
        if pose.view == "side":
            near = [
                g.get("data-part", "")
                for g in mirrored.iter(f"{SVG}g")
                if g.get("data-depth") == "near"
            ]
            assert sorted(near) == [f"{other}_arm", f"{other}_leg"], pose.id


def test_it_refuses_unknown_ids_and_sides(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownIdError):
        pose_svg(kb, "cartwheel")
    with pytest.raises(ValueError, match="side"):
        pose_svg(kb, "clamshell", "up")


@given(
    root=st.tuples(st.floats(0, 300), st.floats(0, 200)),
    heading=st.floats(-180, 180),
    fraction=st.floats(0.05, 0.999),
    first=st.floats(20, 60),
    second=st.floats(20, 60),
)
def test_a_two_segment_limb_reaches_any_point_in_range(
    root: tuple[float, float],
    heading: float,
    fraction: float,
    first: float,
    second: float,
) -> None:
    low, high = abs(first - second), first + second
    span = low + (high - low) * fraction
    target = (
        root[0] + span * math.cos(math.radians(heading)),
        root[1] - span * math.sin(math.radians(heading)),
    )
    options = two_bone(root, target, first, second)
    assert len(options) == 2
    for middle, end in options:
        assert distance(root, middle) == pytest.approx(first, abs=1e-6)
        assert distance(middle, end) == pytest.approx(second, abs=1e-6)
        assert distance(end, target) < 1e-3 * max(1.0, span) + 1e-4


@given(item=st.integers(0, 21), side=st.sampled_from(SIDES))
def test_any_pose_for_any_side_is_well_formed(
    kb: KnowledgeBase, item: int, side: str | None
) -> None:
    item_id = pose_ids(kb)[item]
    svg = parse(pose_svg(kb, item_id, side))
    numbers = [
        float(n)
        for n in re.findall(
            r'(?:x|y|x1|x2|y1|y2|cx|cy)="(-?[\d.]+)"', ET.tostring(svg, encoding="unicode")
        )
    ]
    assert all(-20 <= n <= WIDTH + 20 for n in numbers)


def test_the_hip_ball_keeps_above_the_bony_knob_of_the_hip(kb: KnowledgeBase) -> None:
    for pose_id in ("gluteal_release", "piriformis_release"):
        ball = next(p for p in kb.poses[pose_id].props if p.kind == "ball")
        assert ball.place is not None and ball.place.at >= 0.12, pose_id


def test_a_fingertip_press_is_an_arrow_not_a_ball(
    kb: KnowledgeBase, drawings: dict[tuple[str, str | None], ET.Element]
) -> None:
    svg = drawings[("iliopsoas_release", None)]
    press = next(g for g in svg.iter(f"{SVG}g") if g.get("data-prop") == "press")
    assert press.findall(f"{SVG}line") and not press.findall(f"{SVG}circle")
    assert SPOT not in {e.get("fill") for e in press.iter()}


def test_the_groin_crease_is_marked_not_to_press(
    kb: KnowledgeBase, drawings: dict[tuple[str, str | None], ET.Element]
) -> None:
    for pose_id in ("iliopsoas_release", "tfl_release"):
        for side in SIDES:
            marks = [g for g in drawings[(pose_id, side)].iter() if g.get("class") == "no-press"]
            assert len(marks) == 1, (pose_id, side)
            assert {e.get("stroke") for e in marks[0]} == {MARKED}
        desc = kb.poses[pose_id].description
        assert "groin crease" in desc, pose_id


def test_the_descriptions_say_where_not_to_press(kb: KnowledgeBase) -> None:
    wanted = {
        "hamstring_release": "not the middle",
        "gluteal_release": "above the bony knob",
        "piriformis_release": "not on the tailbone",
        "ql_release": "never on the spine",
        "glute_max_release": "not the middle of the buttock",
        "tfl_release": "well away from the groin crease",
    }
    for pose_id, words in wanted.items():
        assert words in kb.poses[pose_id].description, pose_id


def test_a_ball_on_the_mid_thigh_matches_its_patch(kb: KnowledgeBase) -> None:
    pose = kb.poses["hamstring_release"]
    ball = next(p for p in pose.props if p.kind == "ball")
    assert ball.place is not None
    assert ball.place.at == pytest.approx(0.5) and pose.worked[0].at == pytest.approx(0.5)
    assert build(pose).flexion("left", "knee") < 35  # the leg rests out, nearly straight
