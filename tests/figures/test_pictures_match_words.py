"""The position drawings show what the words say, and never press where the rules forbid.

Every prop that presses (a ball, peanut ball, roller, massage gun or the fingertips' arrow)
names the body-map region it presses. That region must be one its technique works, must not
be a place never to press, and its flags must allow the tool the picture is drawn for; the
prop must sit where that region is on the drawing and outside every never-press place's span
(``never_press.yaml`` ``poses``). A technique is drawn with the tool a plan chose.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from pydantic import ValidationError

from sciatica_coach.content import KnowledgeBase, UnknownIdError
from sciatica_coach.content.models import SIDES, Region, Tool
from sciatica_coach.content.never_press_models import PoseSpan
from sciatica_coach.content.pose_models import PRESSING, Pose, Prop
from sciatica_coach.figures.poses import (
    ball_center,
    bone_point,
    face_normal,
    pose_for,
    pose_svg,
    pose_text,
    press_arrow,
    prop_across,
    surface,
)
from sciatica_coach.figures.skeleton import Point, build, distance

SVG = "{http://www.w3.org/2000/svg}"
PRESSING_TOOLS = ("hands", "ball", "roller", "percussion")
"""Tool kinds that press on the body, and so are drawn (heat and a balm are not)."""
DRAWN_AS = {"hands": "press", "ball": "ball", "roller": "roller", "percussion": "gun"}


def drawn_as(tool: Tool) -> str:
    """The prop a tool is drawn as: a peanut ball is a ball of its own shape."""
    return "peanut_ball" if tool.id == "peanut_ball" else DRAWN_AS[tool.kind]


def drawings(kb: KnowledgeBase) -> list[tuple[str, str | None, Pose]]:
    """Every pose as drawn: each item's own, and each technique's for each tool it uses."""
    drawn: list[tuple[str, str | None, Pose]] = []
    for pose in kb.poses.values():
        drawn.append((pose.id, None, pose))
        if pose.id in kb.techniques:
            for tool_id in kb.techniques[pose.id].tools:
                drawn.append((pose.id, tool_id, pose.for_tool(tool_id)))
    return drawn


def pressing(pose: Pose) -> list[Prop]:
    return [p for p in pose.props if p.kind in PRESSING]


def worked_regions(kb: KnowledgeBase, technique_id: str) -> set[str]:
    muscles = kb.techniques[technique_id].muscles
    return {tp.region for m in muscles for tp in kb.muscles[m].trigger_points}


def nerve_path(kb: KnowledgeBase, technique_id: str, region: Region) -> bool:
    """The region is on the nerve's path, or every spot the technique works in it is (the
    piriformis points by the sciatic notch carry the flag themselves)."""
    points = [
        tp
        for m in kb.techniques[technique_id].muscles
        for tp in kb.muscles[m].trigger_points
        if tp.region == region.id
    ]
    return region.nerve_path or (bool(points) and all(tp.nerve_path for tp in points))


def in_span(pose: Pose, prop: Prop, span: PoseSpan) -> bool:
    assert prop.place is not None
    place = prop.place
    if place.segment != span.segment or place.toward != span.toward:
        return False
    if not span.at[0] <= place.at <= span.at[1]:
        return False
    if pose.view != "side" or span.across == "any":
        return True
    return prop_across(prop) == span.across


# -- Item 2: every prop that presses names its region, and that region allows it -------------


def test_every_prop_that_presses_names_a_region_its_technique_works(kb: KnowledgeBase) -> None:
    wrong = []
    for item_id, tool_id, pose in drawings(kb):
        for prop in pressing(pose):
            assert prop.presses is not None
            if prop.presses not in kb.regions:
                wrong.append((item_id, tool_id, prop.presses, "no such region"))
            elif item_id not in kb.techniques:
                wrong.append((item_id, tool_id, prop.presses, "an exercise presses nothing"))
            elif prop.presses not in worked_regions(kb, item_id):
                wrong.append((item_id, tool_id, prop.presses, "no trigger point there"))
    assert not wrong


def test_a_pose_may_only_be_drawn_for_its_techniques_tools(kb: KnowledgeBase) -> None:
    for pose in kb.poses.values():
        assert pose.id in kb.techniques or not pose.tools, pose.id
        if pose.id in kb.techniques:
            assert set(pose.tools) <= set(kb.techniques[pose.id].tools), pose.id


def test_no_prop_presses_where_the_rules_forbid(kb: KnowledgeBase) -> None:
    """A prop never presses a no-pressure region, a region whose flags keep its tool off (a
    hard ball or the gun on the nerve's path), or inside a never-press place's span."""
    spans = [(place.id, span) for place in kb.never_press.values() for span in place.poses]
    wrong = []
    for technique in kb.techniques.values():
        for tool_id in technique.tools:
            tool = kb.tools[tool_id]
            if tool.kind not in PRESSING_TOOLS:
                continue
            pose = kb.poses[technique.id].for_tool(tool_id)
            for prop in pressing(pose):
                assert prop.presses is not None
                region = kb.regions[prop.presses]
                flags = {f for f in ("beside_spine", "near_bone") if getattr(region, f)}
                if nerve_path(kb, technique.id, region):
                    flags.add("nerve_path")
                if region.no_pressure:
                    wrong.append((technique.id, tool_id, region.id, "no pressure"))
                for flag in sorted(flags & set(tool.keep_off)):
                    wrong.append((technique.id, tool_id, region.id, f"{tool_id} keeps off {flag}"))
                hard = tool.hard and tool.kind in ("ball", "percussion")
                if hard and "nerve_path" in flags:
                    wrong.append((technique.id, tool_id, region.id, "hard tool on the nerve"))
                for place_id, span in spans:
                    if in_span(pose, prop, span):
                        wrong.append((technique.id, tool_id, prop.kind, f"in {place_id}"))
    assert not wrong


def test_no_prop_of_any_drawing_sits_in_a_never_press_span(kb: KnowledgeBase) -> None:
    spans = [(place.id, span) for place in kb.never_press.values() for span in place.poses]
    inside = [
        (item_id, tool_id, prop.kind, place_id)
        for item_id, tool_id, pose in drawings(kb)
        for prop in pressing(pose)
        for place_id, span in spans
        if in_span(pose, prop, span)
    ]
    assert not inside


def test_the_never_press_marks_on_a_drawing_are_places_on_the_list(kb: KnowledgeBase) -> None:
    # A red ring on a position drawing is drawn inside a never-press place's span, and only
    # for places the technique's muscles name.
    for item_id, tool_id, pose in drawings(kb):
        for ring in pose.no_press:
            named = [p for m in kb.techniques[item_id].muscles for p in kb.muscles[m].never_press]
            ok = [
                place
                for place in named
                for span in kb.never_press[place].poses
                if span.segment == ring.segment
                and span.toward == ring.toward
                and span.at[0] <= ring.at <= span.at[1]
            ]
            assert ok, (item_id, tool_id, ring)


def test_a_span_check_would_catch_a_ball_on_the_kidney_area(kb: KnowledgeBase) -> None:
    data = kb.poses["ql_release"].model_dump()
    data["props"] = [
        {"kind": "wall", "x": 212},
        {"kind": "ball", "presses": "lumbar", "place": {"segment": "torso", "at": 0.45}},
    ]
    data["props"][1]["place"]["toward"] = "back"
    data["tools"] = {}
    pose = Pose.model_validate(data)
    kidney = kb.never_press["kidney_angle"].poses
    assert any(in_span(pose, pose.props[1], span) for span in kidney)


# -- Each region is drawn where it is on the body ----------------------------------------------

SIDE = {"front", "back"}
LATERAL = {"left", "right"}
REGION_SPANS: dict[tuple[str, str], list[tuple[str, float, float, set[str]]]] = {
    # side views: (segment without its side, from, to, faces)
    ("side", "buttock_upper"): [("torso", 0.04, 0.24, {"back"})],
    ("side", "buttock_lower"): [("torso", 0.0, 0.1, {"back"})],
    ("side", "sacroiliac"): [("torso", 0.06, 0.22, {"back"})],
    ("side", "lumbar"): [("torso", 0.24, 0.46, {"back"})],
    ("side", "hip_lateral"): [("torso", 0.0, 0.16, SIDE), ("thigh", 0.0, 0.12, SIDE)],
    ("side", "thigh_posterior"): [("thigh", 0.2, 0.8, {"back"})],
    ("side", "calf_posterior"): [("shin", 0.35, 0.9, {"back"})],
    ("side", "abdomen_lower"): [("torso", 0.12, 0.4, {"front"})],
    # front and back views: the trunk's sides are the person's left and right
    ("flat", "buttock_upper"): [("torso", 0.08, 0.3, LATERAL)],
    ("flat", "hip_lateral"): [("torso", 0.0, 0.22, LATERAL)],
    ("flat", "lumbar"): [("torso", 0.22, 0.5, LATERAL | {"middle"})],
    ("flat", "abdomen_lower"): [("torso", 0.05, 0.4, LATERAL)],
}
"""Where a region is on a position drawing: the segment, the stretch along it, the faces."""


def test_every_prop_sits_where_the_region_it_presses_is(kb: KnowledgeBase) -> None:
    wrong = []
    for item_id, tool_id, pose in drawings(kb):
        for prop in pressing(pose):
            assert prop.place is not None and prop.presses is not None
            view = "side" if pose.view == "side" else "flat"
            spans = REGION_SPANS.get((view, prop.presses))
            assert spans is not None, f"{item_id}: say where {prop.presses} is drawn"
            segment = prop.place.segment.split("_")[-1]
            if not any(
                segment == s and low <= prop.place.at <= high and prop.place.toward in faces
                for s, low, high, faces in spans
            ):
                wrong.append((item_id, tool_id, prop.kind, prop.presses, prop.place))
    assert not wrong


# -- Item 6: the picture shows the tool the plan chose ----------------------------------------


def test_a_technique_is_drawn_with_each_tool_it_uses(kb: KnowledgeBase) -> None:
    wrong = []
    for technique in kb.techniques.values():
        for tool_id in technique.tools:
            tool = kb.tools[tool_id]
            if tool.kind not in PRESSING_TOOLS:
                continue
            kinds = {p.kind for p in pressing(kb.poses[technique.id].for_tool(tool_id))}
            if kinds != {drawn_as(tool)}:
                wrong.append((technique.id, tool_id, sorted(kinds)))
    assert not wrong


def test_the_picture_and_its_words_change_with_the_tool(kb: KnowledgeBase) -> None:
    for pose in kb.poses.values():
        for tool_id in pose.tools:
            svg = ET.fromstring(pose_svg(kb, pose.id, "right", tool_id))
            assert svg.get("data-tool") == tool_id
            desc = svg.find(f"{SVG}desc")
            words = pose_text(kb, pose.id, "right", tool_id)
            assert desc is not None and desc.text == words
            assert words != pose_text(kb, pose.id, "right"), (pose.id, tool_id)
            drawn = {e.get("data-prop") for e in svg.iter()} - {None}
            assert drawn_as(kb.tools[tool_id]) in drawn, (pose.id, tool_id)


def test_a_tool_the_technique_does_not_use_is_refused(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownIdError):
        pose_svg(kb, "gluteal_release", "left", "crowbar")
    with pytest.raises(ValueError, match="not done with"):
        pose_svg(kb, "iliopsoas_release", "left", "massage_gun")
    with pytest.raises(ValueError, match="not done with"):
        pose_text(kb, "clamshell", "left", "tennis_ball")
    # Heat is used before, not to press: the picture is the technique's own.
    assert pose_for(kb, "gluteal_release", "heat") is kb.poses["gluteal_release"]


def test_a_tools_pose_is_checked_like_any_pose(kb: KnowledgeBase) -> None:
    data = kb.poses["gluteal_release"].model_dump(exclude_none=True)
    data["tools"] = {"thumb_fingers": {"description": "Hands.", "props": [], "view": "side"}}
    with pytest.raises(ValidationError, match="thumb_fingers"):
        Pose.model_validate(data)  # a side view needs the chest's direction
    data["tools"] = {"thumb_fingers": {"description": "Hands.", "props": [{"kind": "press"}]}}
    with pytest.raises(ValidationError, match="place"):
        Pose.model_validate(data)
    ball = {"kind": "ball", "place": {"segment": "torso", "at": 0.2, "toward": "left"}}
    with pytest.raises(ValidationError, match="region it presses"):
        Prop.model_validate(ball)


# -- Item 4: each picture shows what its words say ----------------------------------------------


def axis_down(pose: Pose) -> Point:
    """A unit vector down the trunk, from the shoulders toward the hips and the feet."""
    joints = build(pose).joints
    (sx, sy), (px, py) = joints["shoulder"], joints["pelvis"]
    length = math.hypot(px - sx, py - sy)
    return ((px - sx) / length, (py - sy) / length)


def test_the_iliopsoas_is_pressed_outward_from_inside_the_front_hip_point(
    kb: KnowledgeBase,
) -> None:
    # "Curl your fingertips outward, so they press against the inside of the hip bone. Press
    # out toward the hip bone, never in toward the middle of your belly."
    pose = kb.poses["iliopsoas_release"].for_tool("thumb_fingers")
    assert pose.view == "front"
    skeleton = build(pose)
    (press,) = pressing(pose)
    assert press.kind == "press" and press.place is not None
    tail, tip = press_arrow(skeleton, pose, press)
    heading = ((tip[0] - tail[0]) / distance(tail, tip), (tip[1] - tail[1]) / distance(tail, tip))
    outward = face_normal(skeleton, pose, press.place)
    assert heading[0] * outward[0] + heading[1] * outward[1] > 0.9  # out, away from the middle
    (point,) = [b for b in pose.bones if b.kind == "point"]
    assert "front of the hip" in point.name
    assert distance(tip, bone_point(skeleton, pose, point)) < 6  # it ends at the bony point
    assert any(r.segment.endswith("thigh") for r in pose.no_press)  # the groin crease beside it
    assert "outward" in pose.description and "groin crease" in pose.description


def test_the_tfl_ball_is_two_or_three_finger_widths_below_the_front_hip_point(
    kb: KnowledgeBase,
) -> None:
    # A finger's width is about 2 cm; the trunk, 60 units, is about 50 cm from hip to shoulder.
    pose = kb.poses["tfl_release"]
    skeleton = build(pose)
    (ball,) = pressing(pose)
    (point,) = [b for b in pose.bones if "front of the hip" in b.name]
    assert ball.place is not None
    contact, bone = surface(skeleton, pose, ball.place), bone_point(skeleton, pose, point)
    down = axis_down(pose)
    below = (contact[0] - bone[0]) * down[0] + (contact[1] - bone[1]) * down[1]
    assert 3.5 <= below <= 9, below
    assert distance(contact, bone) <= 11


def test_the_multifidus_peanut_ball_is_at_the_low_back_curve_not_the_sacrum(
    kb: KnowledgeBase,
) -> None:
    pose = kb.poses["multifidus_release"]
    (ball,) = pressing(pose)
    assert ball.kind == "peanut_ball" and ball.presses == "lumbar"
    assert ball.place is not None and ball.place.toward == "back"
    assert 0.26 <= ball.place.at <= 0.42
    # Its middle sits above the round end of the trunk, where the pelvis is drawn.
    skeleton = build(pose)
    centre = ball_center(pose, skeleton, ball)
    assert distance(centre, skeleton.joints["pelvis"]) > 13 + 6.5 + 2


def test_the_ql_ball_is_on_the_lower_point_just_above_the_hip_bone(kb: KnowledgeBase) -> None:
    pose = kb.poses["ql_release"]
    (ball,) = pressing(pose)
    (rim,) = [b for b in pose.bones if b.kind == "rim"]
    assert ball.kind == "ball" and ball.place is not None and ball.presses == "lumbar"
    assert rim.segment == "torso" and rim.toward == ball.place.toward == "back"
    assert 0 < ball.place.at - rim.at <= 0.1  # just above the top of the hip bone
    assert prop_across(ball) == "outer"  # to the side of the spine
    assert "just above the top of the hip bone" in pose.description


def test_the_ql_by_hand_is_side_lying_pressing_toward_the_spine(kb: KnowledgeBase) -> None:
    pose = kb.poses["ql_release"].for_tool("thumb_fingers")
    assert pose.view in ("front", "back")
    assert abs(math.sin(math.radians(pose.torso))) < 0.3  # lying down
    (press,) = pressing(pose)
    assert press.kind == "press" and press.place is not None and press.presses == "lumbar"
    skeleton = build(pose)
    tail, tip = press_arrow(skeleton, pose, press)
    out = face_normal(skeleton, pose, press.place)
    heading = ((tip[0] - tail[0]) / distance(tail, tip), (tip[1] - tail[1]) / distance(tail, tip))
    assert heading[0] * -out[0] + heading[1] * -out[1] > 0.9  # in, toward the spine
    assert "side" in pose.description and "toward the spine" in pose.description


def bend(pose: Pose, side: str) -> float:
    """How far a knee is bent as drawn, in degrees (0: straight)."""
    j = build(pose).joints
    hip, knee, ankle = j[f"{side}_hip"], j[f"{side}_knee"], j[f"{side}_ankle"]
    a = math.atan2(knee[1] - hip[1], knee[0] - hip[0])
    b = math.atan2(ankle[1] - knee[1], ankle[0] - knee[0])
    return abs((math.degrees(b - a) + 180) % 360 - 180)


def test_the_heel_raise_has_the_knees_a_little_bent(kb: KnowledgeBase) -> None:
    pose = kb.poses["heel_raise"]
    for side in SIDES:
        assert 8 <= build(pose).flexion(side, "knee") <= 40, side
    assert "knees are a little bent" in pose.description


def test_the_side_lying_leg_raise_has_the_bottom_knee_bent(kb: KnowledgeBase) -> None:
    pose = kb.poses["side_lying_leg_raise"]
    assert pose.side == "left"  # lying on the right side: the right leg is the bottom one
    assert bend(pose, "right") >= 35
    assert bend(pose, "left") <= 10  # the top leg straight
    assert "bottom knee is bent" in pose.description
