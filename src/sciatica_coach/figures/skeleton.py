"""The person in a pose as joint points: one fixed set of segment lengths for every picture.

A pose (:class:`sciatica_coach.content.pose_models.Pose`) gives the hips, the trunk's angle and
each limb's angles or the point its hand or foot reaches; this module turns that into points
in the picture's frame (SVG units, ``y`` down). Lengths live here and nowhere else, so every
picture has the same proportions. Pure geometry, no drawing.

In a side view both hips and both shoulders sit on one point, and one side of the body is
nearer to us; in a front or back view they sit apart, the person's left on our right in a
front view and on our left in a back view.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from sciatica_coach.content.models import Side
from sciatica_coach.content.pose_models import Direction, Limb, Pose

Point = tuple[float, float]

TORSO = 60.0
NECK = 10.0
HEAD_RADIUS = 12.0
UPPER_ARM = 32.0
FOREARM = 30.0
THIGH = 46.0
SHIN = 44.0
FOOT = 15.0
HIP_HALF = 9.0
SHOULDER_HALF = 13.0
"""Half the width between the hips and between the shoulders, in front and back views."""
TRUNK_CORE = 14.0
"""Front and back views: the trunk is the shape between hips and shoulders, this much wider."""

LENGTHS = {
    "upper_arm": UPPER_ARM,
    "forearm": FOREARM,
    "thigh": THIGH,
    "shin": SHIN,
    "foot": FOOT,
}
WIDTHS = {
    "torso": 26.0,
    "neck": 10.0,
    "upper_arm": 11.0,
    "forearm": 9.0,
    "thigh": 17.0,
    "shin": 13.0,
    "foot": 7.0,
}
"""The thickness of each segment: limbs are drawn as rounded strokes this wide."""

DIRECTIONS: dict[Direction, float] = {"right": 0.0, "up": 90.0, "left": 180.0, "down": -90.0}
SIDES: tuple[Side, Side] = ("left", "right")

LimbKind = Literal["arm", "leg"]


def unit(angle: float) -> Point:
    """A unit vector at ``angle`` degrees (0 right, 90 up) in the picture's frame (y down)."""
    radians = math.radians(angle)
    return (math.cos(radians), -math.sin(radians))


def angle_of(vector: Point) -> float:
    return math.degrees(math.atan2(-vector[1], vector[0]))


def turn(angle: float) -> float:
    """The same angle in (-180, 180]."""
    turned = (angle + 180.0) % 360.0 - 180.0
    return 180.0 if turned == -180.0 else turned


def along(start: Point, angle: float, length: float) -> Point:
    dx, dy = unit(angle)
    return (start[0] + dx * length, start[1] + dy * length)


def distance(a: Point, b: Point) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


@dataclass(frozen=True)
class Skeleton:
    """Joint points by name (``hip``, ``shoulder``, ``head``, ``left_knee``, ``right_hand``...)
    and, in a side view, the side nearer to us and the bend sense that goes with it (+1 when
    the person's right is nearer: their chest faces 90 degrees clockwise of their trunk)."""

    view: str
    joints: dict[str, Point]
    sense: int
    near: Side | None

    def half_width(self, name: str, at: float) -> float:
        """Half the thickness of a segment at ``at`` along it (the trunk seen from the front
        is wider at the shoulders than at the hips)."""
        if name == "torso" and self.view != "side":
            return HIP_HALF + (SHOULDER_HALF - HIP_HALF) * at + TRUNK_CORE / 2
        return self.segment(name)[2] / 2

    def segment(self, name: str) -> tuple[Point, Point, float]:
        """Start, end and width of a segment such as ``torso`` or ``left_shin``."""
        if name == "torso":
            return self.joints["pelvis"], self.joints["shoulder"], WIDTHS["torso"]
        if name == "head":
            return self.joints["shoulder"], self.joints["head"], HEAD_RADIUS * 2
        side, _, part = name.partition("_")
        start, end = {
            "upper_arm": ("shoulder", "elbow"),
            "forearm": ("elbow", "hand"),
            "thigh": ("hip", "knee"),
            "shin": ("knee", "ankle"),
            "foot": ("ankle", "toe"),
        }[part]
        return self.joints[f"{side}_{start}"], self.joints[f"{side}_{end}"], WIDTHS[part]

    def flexion(self, side: Side, joint: str) -> float:
        """How far a joint is bent, in degrees, the way it bends (side views): 0 is straight,
        positive is the body's own bend (a knee toward the back, an elbow toward the front),
        negative is the wrong way. For hips and shoulders, positive is forward."""
        j = self.joints

        def heading(a: str, b: str) -> float:
            return angle_of((j[b][0] - j[a][0], j[b][1] - j[a][1]))

        trunk = heading("pelvis", "shoulder")
        if joint == "knee":
            bend = heading(f"{side}_hip", f"{side}_knee") - heading(f"{side}_knee", f"{side}_ankle")
        elif joint == "elbow":
            bend = heading(f"{side}_elbow", f"{side}_hand") - heading(
                f"{side}_shoulder", f"{side}_elbow"
            )
        elif joint == "hip":
            bend = heading(f"{side}_hip", f"{side}_knee") - (trunk + 180)
        elif joint == "shoulder":
            bend = heading(f"{side}_shoulder", f"{side}_elbow") - (trunk + 180)
        elif joint == "ankle":
            bend = heading(f"{side}_ankle", f"{side}_toe") - heading(
                f"{side}_knee", f"{side}_ankle"
            )
        else:
            raise ValueError(f"no joint '{joint}'")
        return turn(bend) * self.sense


def front_sense(torso: float, front: Direction) -> int:
    """+1 when the chest faces 90 degrees clockwise of the trunk (the person's right is then
    nearer to us), -1 when it faces 90 degrees anticlockwise (their left is nearer)."""
    clockwise = unit(torso - 90)
    wanted = unit(DIRECTIONS[front])
    dot = clockwise[0] * wanted[0] + clockwise[1] * wanted[1]
    if abs(dot) < 0.2:
        raise ValueError(f"the chest cannot face {front} with the trunk at {torso:g} degrees")
    return 1 if dot > 0 else -1


def lateral(pose: Pose) -> Point:
    """Front and back views: the direction of the person's left in the picture."""
    return unit(pose.torso + (-90 if pose.view == "front" else 90))


def build(pose: Pose) -> Skeleton:
    """The joint points of a pose."""
    hip = (float(pose.hip[0]), float(pose.hip[1]))
    shoulder = along(hip, pose.torso, TORSO)
    neck = pose.torso if pose.neck is None else pose.neck
    joints: dict[str, Point] = {
        "pelvis": hip,
        "shoulder": shoulder,
        "head": along(shoulder, neck, NECK + HEAD_RADIUS),
    }
    roots: dict[Side, tuple[Point, Point]]
    if pose.view == "side":
        assert pose.front is not None
        sense = front_sense(pose.torso, pose.front)
        near: Side | None = "right" if sense == 1 else "left"
        roots = {side: (hip, shoulder) for side in SIDES}
    else:
        sense, near = 0, None
        lx, ly = lateral(pose)
        roots = {
            side: (
                (hip[0] + sign * lx * HIP_HALF, hip[1] + sign * ly * HIP_HALF),
                (shoulder[0] + sign * lx * SHOULDER_HALF, shoulder[1] + sign * ly * SHOULDER_HALF),
            )
            for side, sign in ((SIDES[0], 1), (SIDES[1], -1))
        }
    for side in SIDES:
        hip_at, shoulder_at = roots[side]
        joints[f"{side}_hip"], joints[f"{side}_shoulder"] = hip_at, shoulder_at
        arm: Limb = pose.left_arm if side == "left" else pose.right_arm
        leg: Limb = pose.left_leg if side == "left" else pose.right_leg
        elbow, hand = _limb(pose, side, "arm", arm, shoulder_at, sense)
        knee, ankle = _limb(pose, side, "leg", leg, hip_at, sense)
        joints[f"{side}_elbow"], joints[f"{side}_hand"] = elbow, hand
        joints[f"{side}_knee"], joints[f"{side}_ankle"] = knee, ankle
        joints[f"{side}_toe"] = _toe(pose, side, leg, knee, ankle, sense)
    return Skeleton(pose.view, joints, sense, near)


def _limb(
    pose: Pose, side: Side, kind: LimbKind, limb: Limb, root: Point, sense: int
) -> tuple[Point, Point]:
    first, second = (UPPER_ARM, FOREARM) if kind == "arm" else (THIGH, SHIN)
    shorter = math.cos(math.radians(limb.depth))
    first, second = first * shorter, second * shorter
    if limb.angles is not None:
        middle = along(root, limb.angles[0], first)
        return middle, along(middle, limb.angles[1], second)
    assert limb.reach is not None
    target = (float(limb.reach[0]), float(limb.reach[1]))
    options = two_bone(root, target, first, second)
    return min(options, key=lambda middle: _wrongness(pose, side, kind, limb, root, middle, sense))


def two_bone(root: Point, target: Point, first: float, second: float) -> list[tuple[Point, Point]]:
    """The two ways a two-segment limb from ``root`` can reach toward ``target`` (straight
    toward it when it is out of reach): ``[(middle joint, end), ...]``."""
    span = distance(root, target)
    reach = min(max(span, abs(first - second) + 1e-6), first + second - 1e-6)
    heading = angle_of((target[0] - root[0], target[1] - root[1])) if span > 1e-9 else -90.0
    cosine = (first**2 + reach**2 - second**2) / (2 * first * reach)
    opening = math.degrees(math.acos(max(-1.0, min(1.0, cosine))))
    options = []
    for sign in (1, -1):
        middle = along(root, heading + sign * opening, first)
        end_heading = angle_of((target[0] - middle[0], target[1] - middle[1]))
        options.append((middle, along(middle, end_heading, second)))
    return options


def _wrongness(
    pose: Pose,
    side: Side,
    kind: LimbKind,
    limb: Limb,
    root: Point,
    option: tuple[Point, Point],
    sense: int,
) -> float:
    """How much a solution bends against the joint: 0 for the right way."""
    middle, end = option
    if pose.view == "side":
        upper = angle_of((middle[0] - root[0], middle[1] - root[1]))
        lower = angle_of((end[0] - middle[0], end[1] - middle[1]))
        bend = turn(upper - lower if kind == "leg" else lower - upper) * sense
        return max(0.0, -bend)
    lx, ly = lateral(pose)
    outward = limb.bend if limb.bend is not None else (1 if side == "left" else -1)
    offset = (middle[0] - (root[0] + end[0]) / 2) * lx + (middle[1] - (root[1] + end[1]) / 2) * ly
    return -offset * outward


def _toe(pose: Pose, side: Side, leg: Limb, knee: Point, ankle: Point, sense: int) -> Point:
    shin = angle_of((ankle[0] - knee[0], ankle[1] - knee[1]))
    if leg.foot is not None:
        return along(ankle, leg.foot, FOOT)
    if pose.view == "side":
        return along(ankle, shin + 90 * sense, FOOT)
    lx, ly = lateral(pose)
    outward = 1 if side == "left" else -1
    down = unit(shin)
    return (
        ankle[0] + (down[0] * 0.25 + lx * outward * 0.6) * FOOT * 0.6,
        ankle[1] + (down[1] * 0.25 + ly * outward * 0.6) * FOOT * 0.6,
    )
