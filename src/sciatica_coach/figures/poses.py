"""Draw the position of a technique or exercise: a person as rounded strokes, with props.

One renderer for every pose in ``poses.yaml``, so the pictures are one family: the same
segment lengths (:mod:`.skeleton`), line weight and colours. The side of the body farther
from us is drawn a shade darker and behind; the part being worked is a purple patch (the
colour the body map uses for where a muscle sends pain), a ball is yellow (the colour of a
trigger point), the fingertips' press is a dark arrow (no yellow dot, which would read as a
ball), a massage gun is drawn in the props' colour with its round head on the body, a bony
landmark the words name is a small bone-coloured knob or a thin arc (the top of the hip bone),
and a place never to press is the close-ups' red ring with a slash. A technique is drawn with
the tool the plan chose. Colours are SVG attributes, not a stylesheet, so the picture looks the
same inline in a page or on its own. Pure string building, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import Side
from sciatica_coach.content.pose_models import Bone, Part, Place, Pose, Prop

from .palette import (
    FLOOR_FILL,
    LINE,
    MARKED,
    MUSCLE,
    OUTLINE,
    PROP,
    PROP_FILL,
    REGION_EDGE,
    ROLLER,
    SKIN,
    SKIN_FAR,
    SPINE,
    SPOT,
    SPOT_EDGE,
    STRAP,
)
from .skeleton import (
    HEAD_RADIUS,
    SIDES,
    TRUNK_CORE,
    WIDTHS,
    Point,
    Skeleton,
    along,
    angle_of,
    build,
    distance,
    lateral,
    unit,
)

WIDTH = 320.0
HEIGHT = 240.0
PALETTE = frozenset(
    {
        OUTLINE,
        SKIN,
        SKIN_FAR,
        MUSCLE,
        MARKED,
        SPOT,
        SPOT_EDGE,
        PROP,
        PROP_FILL,
        FLOOR_FILL,
        ROLLER,
        STRAP,
        REGION_EDGE,
        SPINE,
    }
)
"""Every colour a position drawing may use (a test holds them to it)."""

BALL_RADIUS = {"ball": 5.5, "peanut_ball": 6.5, "roller": 12.0}
"""A little larger than life, so a ball still shows on a phone: two thirds of a thigh's
thickness."""
GUN_HEAD = 4.0
GUN_BARREL = 20.0
"""A massage gun: the radius of its round head, and how far its barrel reaches from the body."""
NO_PRESS_RADIUS = 5.0
PRESS_ARROW = (13.0, 25.0)
"""How far out from the body the fingertips' arrow starts and ends (its tip nearer the body)."""
INSET_OUTER = 2.0
"""A ball drawn at least this far into the body's edge sits on the near (outer) side of a limb
in a side view, not straight under its middle (``Prop.inset``)."""
SEAT_HEIGHT = 48.0
SEAT_DEPTH = 42.0
CHAIR_BACK = 58.0

LIMB_SEGMENTS = {"arm": ("upper_arm", "forearm"), "leg": ("thigh", "shin", "foot")}
OTHER: dict[Side, Side] = {"left": "right", "right": "left"}


def pose_svg(
    kb: KnowledgeBase, pose_id: str, side: str | None = None, tool: str | None = None
) -> str:
    """The picture of a technique's or exercise's position, as standalone SVG text.

    ``pose_id`` is a technique or exercise id. ``side`` ("left" or "right") is the side being
    worked: the picture is mirrored when the pose was drawn for the other one. Poses that
    work both sides at once ignore it. ``tool`` is the tool a plan chose for a technique: the
    picture shows it (the hands, a ball, a roller, a massage gun). Raises ``UnknownIdError``
    for an unknown id or tool, and ``ValueError`` for a side that is neither, or a tool the
    technique does not use.
    """
    pose = pose_for(kb, pose_id, tool)
    item = kb.techniques[pose_id] if pose_id in kb.techniques else kb.exercises[pose_id]
    if side not in (None, "left", "right"):
        raise ValueError(f"side must be 'left' or 'right', not {side!r}")
    shown: Side | None = pose.side
    if pose.side is not None and side is not None and side != pose.side:
        shown = OTHER[pose.side]
    title = item.name if shown is None else f"{item.name} ({shown} side)"
    return render_pose(pose, title, mirrored=shown != pose.side, tool=tool)


def pose_text(
    kb: KnowledgeBase, pose_id: str, side: str | None = None, tool: str | None = None
) -> str:
    """What :func:`pose_svg` shows, in words (for an ``<img>``'s ``alt``)."""
    pose = pose_for(kb, pose_id, tool)
    shown: Side | None = pose.side
    if pose.side is not None and side in ("left", "right"):
        shown = "left" if side == "left" else "right"
    return describe(pose, shown)


def pose_for(kb: KnowledgeBase, pose_id: str, tool: str | None = None) -> Pose:
    """The pose of a technique or exercise as drawn for ``tool`` (None: as given). Raises
    ``UnknownIdError`` for an unknown id or tool, ``ValueError`` for a tool the item does not
    use (an exercise uses none)."""
    pose = kb.poses[pose_id]
    if tool is None:
        return pose
    chosen = kb.tools[tool]
    if pose_id not in kb.techniques or chosen.id not in kb.techniques[pose_id].tools:
        raise ValueError(f"'{pose_id}' is not done with the {chosen.name.lower()}")
    return pose.for_tool(chosen.id)


def prop_across(prop: Prop) -> str:
    """Where across the face a prop presses, in a side view: ``outer`` for a ball drawn into
    the near edge, or a peanut ball (its two balls straddle the middle line), else
    ``middle``."""
    if prop.kind == "peanut_ball" or prop.inset >= INSET_OUTER:
        return "outer"
    return "middle"


def describe(pose: Pose, shown: Side | None) -> str:
    """The picture in words, for the side it shows."""
    if shown is None:
        return pose.description
    return pose.description.replace("{other_side}", OTHER[shown]).replace("{side}", shown)


def render_pose(pose: Pose, title: str, mirrored: bool = False, tool: str | None = None) -> str:
    """Draw one pose; ``mirrored`` flips it left to right, so it shows the other side.
    ``tool`` is only named on the picture (``data-tool``): pass the pose drawn for it."""
    skeleton = build(pose)
    shown: Side | None = pose.side
    if mirrored and pose.side is not None:
        shown = OTHER[pose.side]
    pen = _Pen(mirrored)
    body: list[str] = []
    for part in _order(pose, skeleton):
        body.extend(_part(pen, skeleton, pose, part, mirrored))
    label = f"{title}: {describe(pose, shown)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box(pose, mirrored)}" '
        f'width="{WIDTH:g}" height="{HEIGHT:g}" role="img" class="pose-picture" '
        f'data-pose="{pose.id}" data-view="{pose.view}"'
        + (f' data-side="{shown}"' if shown else "")
        + (f' data-tool="{tool}"' if tool else "")
        + f" aria-label={quoteattr(label)}>",
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(describe(pose, shown))}</desc>",
        *_ground(pen, pose),
        *_props_behind(pen, pose, skeleton),
        *body,
        *_spine(pen, skeleton, pose),
        *_marks(pen, skeleton, pose),
        *_bones(pen, skeleton, pose),
        *_props_in_front(pen, pose, skeleton),
        *_no_press(pen, skeleton, pose),
        "</svg>",
    ]
    return "\n".join(parts)


def view_box(pose: Pose, mirrored: bool = False) -> str:
    """The part of the frame shown: all of it, or a close-up around the pose's center."""
    if pose.center is None:
        return f"0 0 {WIDTH:g} {HEIGHT:g}"
    width, height = WIDTH / pose.zoom, HEIGHT / pose.zoom
    x = WIDTH - pose.center[0] if mirrored else pose.center[0]
    return f"{x - width / 2:.1f} {pose.center[1] - height / 2:.1f} {width:.1f} {height:.1f}"


class _Pen:
    """Writes SVG shapes, mirrored left to right when asked."""

    def __init__(self, mirrored: bool) -> None:
        self.mirrored = mirrored

    def x(self, x: float) -> float:
        return WIDTH - x if self.mirrored else x

    def xy(self, point: Point) -> str:
        return f"{self.x(point[0]):.1f},{point[1]:.1f}"

    def line(self, a: Point, b: Point, width: float, color: str, extra: str = "") -> str:
        return (
            f'<line x1="{self.x(a[0]):.1f}" y1="{a[1]:.1f}" x2="{self.x(b[0]):.1f}" '
            f'y2="{b[1]:.1f}" stroke="{color}" stroke-width="{width:g}" '
            f'stroke-linecap="round"{extra}/>'
        )

    def circle(self, c: Point, r: float, fill: str, stroke: str | None, extra: str = "") -> str:
        edge = f' stroke="{stroke}" stroke-width="{LINE:g}"' if stroke else ' stroke="none"'
        return (
            f'<circle cx="{self.x(c[0]):.1f}" cy="{c[1]:.1f}" r="{r:g}" fill="{fill}"{edge}'
            f"{extra}/>"
        )

    def path(self, points: Iterable[Point], stroke: str, width: float, fill: str = "none") -> str:
        d = " L ".join(self.xy(p) for p in points)
        return (
            f'<path d="M {d}" fill="{fill}" stroke="{stroke}" stroke-width="{width:g}" '
            'stroke-linecap="round" stroke-linejoin="round"/>'
        )


def _order(pose: Pose, skeleton: Skeleton) -> list[Part]:
    if pose.order is not None:
        return list(pose.order)
    if skeleton.near is not None:
        far = OTHER[skeleton.near]
        return [f"{far}_arm", f"{far}_leg", "torso", f"{skeleton.near}_leg", f"{skeleton.near}_arm"]  # type: ignore[list-item]
    return ["left_leg", "right_leg", "torso", "left_arm", "right_arm"]


def _segments(skeleton: Skeleton, part: Part) -> list[tuple[Point, Point, float]]:
    if part == "torso":
        return [
            (skeleton.joints["shoulder"], skeleton.joints["head"], WIDTHS["neck"]),
            skeleton.segment("torso"),
        ]
    side, _, kind = part.partition("_")
    return [skeleton.segment(f"{side}_{name}") for name in LIMB_SEGMENTS[kind]]


def _part(pen: _Pen, skeleton: Skeleton, pose: Pose, part: Part, mirrored: bool) -> list[str]:
    """One part as an outlined shape: every segment's outline first, then its fill on top, so
    the segments of one part join into one silhouette."""
    far = skeleton.near is not None and part.startswith(OTHER[skeleton.near])
    fill = SKIN_FAR if far else SKIN
    segments = _segments(skeleton, part)
    outlines: list[str] = []
    fills: list[str] = []
    if part == "torso" and pose.view != "side":
        outlines, fills = _wide_torso(pen, skeleton, fill)
        segments = segments[:1]
    for a, b, width in segments:
        outlines.append(pen.line(a, b, width + 2 * LINE, OUTLINE))
        fills.append(pen.line(a, b, width, fill))
    if part == "torso":
        head = skeleton.joints["head"]
        outlines.append(pen.circle(head, HEAD_RADIUS + LINE / 2, OUTLINE, None))
        fills.append(pen.circle(head, HEAD_RADIUS - LINE / 2, fill, None))
        if pose.view == "side":
            fills.append(_nose(pen, skeleton, pose))
    elif part.endswith("_arm"):
        hand = skeleton.joints[part.replace("arm", "hand")]
        outlines.append(pen.circle(hand, 5.5 + LINE / 2, OUTLINE, None))
        fills.append(pen.circle(hand, 5.5 - LINE / 2, fill, None))
    shown: str = part
    if mirrored and part != "torso":
        side, _, kind = part.partition("_")
        shown = f"{'right' if side == 'left' else 'left'}_{kind}"
    depth = ""
    if skeleton.near is not None and part != "torso":
        depth = f' data-depth="{"far" if far else "near"}"'
    return [f'<g class="body-part" data-part="{shown}"{depth}>', *outlines, *fills, "</g>"]


def _wide_torso(pen: _Pen, skeleton: Skeleton, fill: str) -> tuple[list[str], list[str]]:
    """The trunk seen from the front or back: a rounded shape from hips to shoulders."""
    j = skeleton.joints
    corners = [j["left_hip"], j["left_shoulder"], j["right_shoulder"], j["right_hip"]]
    ring = [*corners, corners[0]]
    core = TRUNK_CORE
    return (
        [pen.path(ring, OUTLINE, core + 2 * LINE, OUTLINE)],
        [pen.path(ring, fill, core, fill)],
    )


def _nose(pen: _Pen, skeleton: Skeleton, pose: Pose) -> str:
    """A small bump on the face side of the head, so one can tell which way the person faces."""
    head = skeleton.joints["head"]
    shoulder = skeleton.joints["shoulder"]
    neck = angle_of((head[0] - shoulder[0], head[1] - shoulder[1]))
    face = unit(neck - 90 * skeleton.sense)
    down = unit(neck + 180)
    tip = (
        head[0] + face[0] * (HEAD_RADIUS + 1.5) + down[0] * 1.5,
        head[1] + face[1] * (HEAD_RADIUS + 1.5) + down[1] * 1.5,
    )
    base = (head[0] + face[0] * (HEAD_RADIUS - 2), head[1] + face[1] * (HEAD_RADIUS - 2))
    return pen.line(base, tip, 4.5, OUTLINE)


def face_normal(skeleton: Skeleton, pose: Pose, place: Place) -> Point:
    """The direction out of the body from a segment's axis toward the face named by ``place``
    (zero for ``middle``)."""
    start, end, _ = skeleton.segment(place.segment)
    heading = angle_of((end[0] - start[0], end[1] - start[1]))
    if place.toward == "middle":
        return (0.0, 0.0)
    if pose.view == "side":
        if place.toward not in ("front", "back"):
            raise ValueError(f"pose '{pose.id}': in a side view, say front or back")
        # The chest faces 90 degrees clockwise of the trunk when sense is +1; a limb, which
        # points away from the trunk when straight, has its front the other way round.
        rotate = 90.0 * skeleton.sense
        if place.segment in ("torso", "head"):
            rotate = -rotate
        if place.toward == "back":
            rotate = -rotate
        return unit(heading + rotate)
    if place.toward not in ("left", "right"):
        raise ValueError(f"pose '{pose.id}': in a front or back view, say left or right")
    lx, ly = lateral(pose)
    sign = 1 if place.toward == "left" else -1
    return (lx * sign, ly * sign)


def surface(skeleton: Skeleton, pose: Pose, place: Place, gap: float = 0.0) -> Point:
    """The point on the body's surface at ``place``, moved ``gap`` further out."""
    start, end, _ = skeleton.segment(place.segment)
    axis = (start[0] + (end[0] - start[0]) * place.at, start[1] + (end[1] - start[1]) * place.at)
    nx, ny = face_normal(skeleton, pose, place)
    out = skeleton.half_width(place.segment, place.at) + LINE + gap
    return (axis[0] + nx * out, axis[1] + ny * out)


def _marks(pen: _Pen, skeleton: Skeleton, pose: Pose) -> list[str]:
    """The worked part: a patch on the segment, against the face it names, inside the body.
    It is see-through, so a limb in front of it still shows."""
    marks = pose.worked
    drawn = ['<g class="worked">']
    for mark in marks:
        start, end, _ = skeleton.segment(mark.segment)
        width = 2 * skeleton.half_width(mark.segment, mark.at)
        length = max(distance(start, end), 1.0)
        half = min(mark.size / length / 2, 0.5)
        patch = min(width * 0.62, mark.size)
        nx, ny = face_normal(skeleton, pose, mark)
        out = (width - patch) / 2 - 0.5
        a0, a1 = max(mark.at - half, 0.0), min(mark.at + half, 1.0)
        points = [
            (
                start[0] + (end[0] - start[0]) * t + nx * out,
                start[1] + (end[1] - start[1]) * t + ny * out,
            )
            for t in (a0, a1)
        ]
        drawn.append(pen.line(points[0], points[1], patch, MUSCLE, ' stroke-opacity="0.65"'))
    drawn.append("</g>")
    return drawn


def _ground(pen: _Pen, pose: Pose) -> list[str]:
    if not pose.ground:  # seen from above: the floor is behind the person, not under them
        return []
    floor = pose.floor
    below = HEIGHT - floor + (HEIGHT if pose.center is not None else 0)  # to a close-up's edge
    return [
        f'<rect x="0" y="{floor:g}" width="{WIDTH:g}" height="{below:g}" '
        f'fill="{FLOOR_FILL}" stroke="none"/>',
        pen.line((4, floor), (WIDTH - 4, floor), LINE, PROP),
    ]


def _props_behind(pen: _Pen, pose: Pose, skeleton: Skeleton) -> list[str]:
    drawn: list[str] = []
    for prop in pose.props:
        if prop.kind == "wall":
            drawn.extend(_wall(pen, pose, prop))
        elif prop.kind == "chair":
            drawn.extend(_chair(pen, pose, prop))
        elif prop.kind in ("cushion", "pillow"):
            drawn.append(_pad(pen, pose, prop))
    return drawn


def _props_in_front(pen: _Pen, pose: Pose, skeleton: Skeleton) -> list[str]:
    drawn: list[str] = []
    for prop in pose.props:
        if prop.kind in BALL_RADIUS:
            drawn.append(_ball(pen, pose, skeleton, prop))
        elif prop.kind == "gun":
            drawn.extend(_gun(pen, pose, skeleton, prop))
        elif prop.kind == "strap":
            drawn.extend(_strap(pen, pose, skeleton, prop))
        elif prop.kind == "press":
            drawn.extend(_press(pen, pose, skeleton, prop))
    return drawn


def _press(pen: _Pen, pose: Pose, skeleton: Skeleton, prop: Prop) -> list[str]:
    """The fingertips' press: an arrow at the spot, drawn over the hand that rests there."""
    tail, tip = press_arrow(skeleton, pose, prop)
    heading = angle_of((tip[0] - tail[0], tip[1] - tail[1]))
    barbs = [along(tip, heading + 180 + turn, 5.0) for turn in (-35, 35)]
    return [
        f'<g class="prop" data-prop="press" data-presses="{prop.presses}" '
        f'data-arrow="{prop.arrow}">',
        pen.line(tail, tip, 2.2, SPOT_EDGE),
        *(pen.line(tip, barb, 2.2, SPOT_EDGE) for barb in barbs),
        "</g>",
    ]


def press_arrow(skeleton: Skeleton, pose: Pose, prop: Prop) -> tuple[Point, Point]:
    """A press's arrow as ``(tail, tip)``: ``in`` points into the body from outside, at the
    face its place names; ``out`` lies on the body and points out toward that face
    (fingertips curling against the inside of a bone); ``across`` crosses the edge toward
    the middle (pressing in toward the spine)."""
    assert prop.place is not None
    nx, ny = face_normal(skeleton, pose, prop.place)
    spot = surface(skeleton, pose, prop.place)
    start, end, _ = skeleton.segment(prop.place.segment)
    t = prop.place.at
    axis = (start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t)
    half = skeleton.half_width(prop.place.segment, t)

    def out(depth: float, origin: Point = axis) -> Point:
        return (origin[0] + nx * depth, origin[1] + ny * depth)

    if prop.arrow == "out":  # it stops short of the bony point it curls toward
        return out(half - 19), out(half - 7.5)
    if prop.arrow == "across":
        return out(9, spot), out(half * 0.3)
    near, far = PRESS_ARROW
    return out(far, spot), out(near, spot)


def _gun(pen: _Pen, pose: Pose, skeleton: Skeleton, prop: Prop) -> list[str]:
    """A massage gun: its round head on the body at the spot, its barrel out from the body and
    a handle where the hand holds it."""
    head, neck, back, handle = gun_points(skeleton, pose, prop)
    return [
        f'<g class="prop" data-prop="gun" data-presses="{prop.presses}">',
        pen.line(neck, back, 9.0, PROP),
        pen.line(back, handle, 6.0, PROP),
        pen.line(head, neck, 3.0, PROP),
        pen.circle(head, GUN_HEAD, PROP_FILL, PROP),
        "</g>",
    ]


def gun_points(skeleton: Skeleton, pose: Pose, prop: Prop) -> tuple[Point, Point, Point, Point]:
    """A massage gun's head (touching the body), the base of its head, the back of its barrel
    and the end of its handle, which the hand holds: the handle turns toward the shoulders."""
    assert prop.place is not None
    nx, ny = face_normal(skeleton, pose, prop.place)
    head = surface(skeleton, pose, prop.place, GUN_HEAD + LINE / 2)
    neck = (head[0] + nx * 5, head[1] + ny * 5)
    back = (head[0] + nx * GUN_BARREL, head[1] + ny * GUN_BARREL)
    shoulder = skeleton.joints["shoulder"]
    options = [along(back, angle_of((nx, ny)) + turn, 14.0) for turn in (90, -90)]
    handle = min(options, key=lambda end: distance(end, shoulder))  # toward the hand
    return head, neck, back, handle


def _bones(pen: _Pen, skeleton: Skeleton, pose: Pose) -> list[str]:
    """Bony landmarks the words name: a small bone-coloured knob just inside the body's edge
    (a ``point``), or the top of the hip bone as a thin arc across the trunk, highest in its
    middle (a ``rim``)."""
    drawn = []
    for bone in pose.bones:
        drawn.append(f'<g class="bone" data-bone="{bone.kind}">')
        drawn.append(f"<title>{escape(bone.name)}</title>")
        if bone.kind == "point":
            drawn.append(pen.circle(bone_point(skeleton, pose, bone), 2.6, REGION_EDGE, OUTLINE))
        else:
            start, end, _ = skeleton.segment(bone.segment)
            t = bone.at
            axis = (start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t)
            edge = bone_point(skeleton, pose, bone)
            far = (2 * axis[0] - edge[0], 2 * axis[1] - edge[1])
            up = unit(angle_of((end[0] - start[0], end[1] - start[1])))
            bulge = (axis[0] + up[0] * 4, axis[1] + up[1] * 4)
            drawn.append(
                f'<path d="M {pen.xy(edge)} Q {pen.xy(bulge)} {pen.xy(far)}" fill="none" '
                f'stroke="{OUTLINE}" stroke-width="1.4" stroke-linecap="round"/>'
            )
        drawn.append("</g>")
    return drawn


def bone_point(skeleton: Skeleton, pose: Pose, bone: Bone) -> Point:
    """Where a bony landmark is drawn: just inside the body's edge at its place."""
    return surface(skeleton, pose, bone, -LINE - 3.5)


def _spine(pen: _Pen, skeleton: Skeleton, pose: Pose) -> list[str]:
    """A back view shows the spine: a faint dashed line up the middle of the trunk."""
    if pose.view != "back":
        return []
    start, end, _ = skeleton.segment("torso")
    low = (start[0] + (end[0] - start[0]) * 0.06, start[1] + (end[1] - start[1]) * 0.06)
    return [pen.line(low, end, 1.5, SPINE, ' stroke-dasharray="4 3"')]


def _no_press(pen: _Pen, skeleton: Skeleton, pose: Pose) -> list[str]:
    """Places never to press: a red ring with a slash, as on the close-ups, centred just
    inside the body's edge."""
    drawn = []
    for place in pose.no_press:
        x, y = surface(skeleton, pose, place, -NO_PRESS_RADIUS * 0.6)
        r = NO_PRESS_RADIUS
        cut = r * 0.65
        drawn += [
            f'<g class="no-press" data-segment="{place.segment}">',
            f'<circle cx="{pen.x(x):.1f}" cy="{y:.1f}" r="{r:g}" fill="none" '
            f'stroke="{MARKED}" stroke-width="1.8"/>',
            pen.line((x - cut, y - cut), (x + cut, y + cut), 1.8, MARKED),
            "</g>",
        ]
    return drawn


def ball_center(pose: Pose, skeleton: Skeleton, prop: Prop) -> Point:
    """Where a ball or roller sits: touching the body at its place."""
    assert prop.place is not None
    return surface(skeleton, pose, prop.place, BALL_RADIUS[prop.kind] + LINE / 2 - prop.inset)


def _ball(pen: _Pen, pose: Pose, skeleton: Skeleton, prop: Prop) -> str:
    center = ball_center(pose, skeleton, prop)
    radius = BALL_RADIUS[prop.kind]
    fill = ROLLER if prop.kind == "roller" else SPOT
    extra = f' class="prop" data-prop="{prop.kind}" data-presses="{prop.presses}"'
    drawn = pen.circle(center, radius, fill, SPOT_EDGE, extra)
    if prop.kind == "peanut_ball":
        drawn += pen.circle(center, radius * 0.45, "none", SPOT_EDGE)
    return drawn


def _strap(pen: _Pen, pose: Pose, skeleton: Skeleton, prop: Prop) -> list[str]:
    assert prop.place is not None
    loop = surface(skeleton, pose, prop.place, 1.0)
    hands = [skeleton.joints[f"{side}_hand"] for side in SIDES]
    return [
        '<g class="prop" data-prop="strap">',
        *(pen.line(loop, hand, 3.0, STRAP) for hand in hands),
        "</g>",
    ]


def _wall(pen: _Pen, pose: Pose, prop: Prop) -> list[str]:
    assert prop.x is not None
    x = prop.x
    away = 1 if x > pose.hip[0] else -1
    hatch = [
        pen.line((x, y), (x + away * 7, y - 7), 1.0, PROP) for y in range(24, int(pose.floor), 14)
    ]
    return [
        '<g class="prop" data-prop="wall">',
        pen.line((x, 8), (x, pose.floor), LINE * 1.5, PROP),
        *hatch,
        "</g>",
    ]


def _chair(pen: _Pen, pose: Pose, prop: Prop) -> list[str]:
    """A chair seen from the side: ``x`` is the front edge of the seat."""
    assert prop.x is not None
    front = prop.x
    back = front - SEAT_DEPTH if prop.facing == "right" else front + SEAT_DEPTH
    seat = pose.floor - SEAT_HEIGHT
    return [
        '<g class="prop" data-prop="chair">',
        pen.line((front, seat), (back, seat), 5.0, PROP),
        pen.line((back, seat), (back, seat - CHAIR_BACK), 4.0, PROP),
        pen.line((front, seat), (front, pose.floor), 3.0, PROP),
        pen.line((back, seat), (back, pose.floor), 3.0, PROP),
        "</g>",
    ]


def _pad(pen: _Pen, pose: Pose, prop: Prop) -> str:
    assert prop.x is not None
    width, height = (26.0, 7.0) if prop.kind == "cushion" else (34.0, 11.0)
    lift = prop.y or 0.0
    left = pen.x(prop.x) - width / 2
    top = pose.floor - lift - height
    return (
        f'<rect class="prop" data-prop="{prop.kind}" x="{left:.1f}" y="{top:.1f}" '
        f'width="{width:g}" height="{height:g}" rx="{height / 2:g}" fill="{PROP_FILL}" '
        f'stroke="{PROP}" stroke-width="{LINE:g}"/>'
    )


def ball_contacts(pose: Pose) -> list[tuple[Prop, float]]:
    """For each ball or roller, how far it is from resting on something (the floor, a wall or
    a chair seat): 0 when it touches. A ball in the air cannot press on anything."""
    skeleton = build(pose)
    seat = pose.floor - SEAT_HEIGHT
    results = []
    for prop in pose.props:
        if prop.kind not in BALL_RADIUS:
            continue
        cx, cy = ball_center(pose, skeleton, prop)
        radius = BALL_RADIUS[prop.kind]
        gaps = [abs(pose.floor - cy - radius - LINE / 2)] if pose.ground else []
        gaps += [abs(abs(w.x - cx) - radius - LINE) for w in pose.props if w.kind == "wall" and w.x]
        gaps += [abs(seat - 2.5 - cy - radius) for w in pose.props if w.kind == "chair"]
        results.append((prop, min(gaps, default=float("inf"))))
    return results
