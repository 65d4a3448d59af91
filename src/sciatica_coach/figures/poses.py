"""Draw the position of a technique or exercise: a person as rounded strokes, with props.

One renderer for every pose in ``poses.yaml``, so the pictures are one family: the same
segment lengths (:mod:`.skeleton`), line weight and colours. The side of the body farther
from us is drawn a shade darker and behind; the part being worked is a purple patch (the
colour the body map uses for where a muscle sends pain), a ball is yellow (the colour of a
trigger point), the fingertips' press is a dark arrow into the body (no yellow dot, which would
read as a ball), and a place never to press is the close-ups' red ring with a slash. Colours
are SVG attributes, not a stylesheet, so the picture looks the same inline in a page or on its
own. Pure string building, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import Side
from sciatica_coach.content.pose_models import Part, Place, Pose, Prop

from .palette import (
    FLOOR_FILL,
    LINE,
    MARKED,
    MUSCLE,
    OUTLINE,
    PROP,
    PROP_FILL,
    ROLLER,
    SKIN,
    SKIN_FAR,
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
    }
)
"""Every colour a position drawing may use (a test holds them to it)."""

BALL_RADIUS = {"ball": 5.0, "peanut_ball": 6.5, "roller": 12.0}
"""Near life size: a massage ball is about as wide as a third of a thigh is thick."""
NO_PRESS_RADIUS = 5.0
PRESS_ARROW = (13.0, 25.0)
"""How far out from the body the fingertips' arrow starts and ends (its tip nearer the body)."""
SEAT_HEIGHT = 48.0
SEAT_DEPTH = 42.0
CHAIR_BACK = 58.0

LIMB_SEGMENTS = {"arm": ("upper_arm", "forearm"), "leg": ("thigh", "shin", "foot")}
OTHER: dict[Side, Side] = {"left": "right", "right": "left"}


def pose_svg(kb: KnowledgeBase, pose_id: str, side: str | None = None) -> str:
    """The picture of a technique's or exercise's position, as standalone SVG text.

    ``pose_id`` is a technique or exercise id. ``side`` ("left" or "right") is the side being
    worked: the picture is mirrored when the pose was drawn for the other one. Poses that
    work both sides at once ignore it. Raises ``UnknownIdError`` for an unknown id, and
    ``ValueError`` for a side that is neither.
    """
    pose = kb.poses[pose_id]
    item = kb.techniques[pose_id] if pose_id in kb.techniques else kb.exercises[pose_id]
    if side not in (None, "left", "right"):
        raise ValueError(f"side must be 'left' or 'right', not {side!r}")
    shown: Side | None = pose.side
    if pose.side is not None and side is not None and side != pose.side:
        shown = OTHER[pose.side]
    title = item.name if shown is None else f"{item.name} ({shown} side)"
    return render_pose(pose, title, mirrored=shown != pose.side)


def pose_text(kb: KnowledgeBase, pose_id: str, side: str | None = None) -> str:
    """What :func:`pose_svg` shows, in words (for an ``<img>``'s ``alt``)."""
    pose = kb.poses[pose_id]
    shown: Side | None = pose.side
    if pose.side is not None and side in ("left", "right"):
        shown = "left" if side == "left" else "right"
    return describe(pose, shown)


def describe(pose: Pose, shown: Side | None) -> str:
    """The picture in words, for the side it shows."""
    if shown is None:
        return pose.description
    return pose.description.replace("{other_side}", OTHER[shown]).replace("{side}", shown)


def render_pose(pose: Pose, title: str, mirrored: bool = False) -> str:
    """Draw one pose; ``mirrored`` flips it left to right, so it shows the other side."""
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
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" '
        f'width="{WIDTH:g}" height="{HEIGHT:g}" role="img" class="pose-picture" '
        f'data-pose="{pose.id}" data-view="{pose.view}"'
        + (f' data-side="{shown}"' if shown else "")
        + f" aria-label={quoteattr(label)}>",
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(describe(pose, shown))}</desc>",
        *_ground(pen, pose),
        *_props_behind(pen, pose, skeleton),
        *body,
        *_marks(pen, skeleton, pose),
        *_props_in_front(pen, pose, skeleton),
        *_no_press(pen, skeleton, pose),
        "</svg>",
    ]
    return "\n".join(parts)


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
    floor = pose.floor
    return [
        f'<rect x="0" y="{floor:g}" width="{WIDTH:g}" height="{HEIGHT - floor:g}" '
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
        elif prop.kind == "strap":
            drawn.extend(_strap(pen, pose, skeleton, prop))
        elif prop.kind == "press":
            drawn.extend(_press(pen, pose, skeleton, prop))
    return drawn


def _press(pen: _Pen, pose: Pose, skeleton: Skeleton, prop: Prop) -> list[str]:
    """The fingertips' press: an arrow pointing into the body at the spot, from beyond the
    hand that rests on it."""
    assert prop.place is not None
    nx, ny = face_normal(skeleton, pose, prop.place)
    spot = surface(skeleton, pose, prop.place)
    near, far = PRESS_ARROW
    tip = (spot[0] + nx * near, spot[1] + ny * near)
    tail = (spot[0] + nx * far, spot[1] + ny * far)
    heading = angle_of((-nx, -ny))
    barbs = [along(tip, heading + 180 + turn, 5.0) for turn in (-35, 35)]
    return [
        '<g class="prop" data-prop="press">',
        pen.line(tail, tip, 2.2, SPOT_EDGE),
        *(pen.line(tip, barb, 2.2, SPOT_EDGE) for barb in barbs),
        "</g>",
    ]


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
    extra = f' class="prop" data-prop="{prop.kind}"'
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
        gaps = [abs(pose.floor - cy - radius - LINE / 2)]
        gaps += [abs(abs(w.x - cx) - radius - LINE) for w in pose.props if w.kind == "wall" and w.x]
        gaps += [abs(seat - 2.5 - cy - radius) for w in pose.props if w.kind == "chair"]
        results.append((prop, min(gaps)))
    return results
