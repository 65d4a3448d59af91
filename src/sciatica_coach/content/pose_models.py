"""Typed models of the pictures' data: the position of every technique and exercise
(``poses.yaml``) and the outline of every muscle (``muscle_outlines.yaml``).

A pose is a skeleton seen from one side, from the front or from the back: where the hips are,
the angle of the trunk and of each limb segment (or the point a hand or foot reaches), and the
props around the person (floor, wall, ball, chair...). A technique's pose may be drawn another
way for each tool (``tools``): the hands, a roller or a massage gun are held differently from
a ball. Segment lengths, line weights and colours live in the renderer
(:mod:`sciatica_coach.figures.poses`), so every picture has the same proportions; here are
only the angles and places that make one position differ from another. Angles are in
degrees as on a clock face turned the mathematical way: 0 points to the right of the picture,
90 straight up, 180 to the left, -90 straight down.

This is drawing data, not clinical content: what to do is said in ``techniques.yaml`` and
``exercises.yaml``; a pose only has to show the same thing.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .models import Id, Name, Prose, Side, Strict

Angle = Annotated[float, Field(ge=-360, le=360)]
Coordinate = Annotated[float, Field(ge=-40, le=400)]
Point = tuple[Coordinate, Coordinate]
MapPoint = tuple[Annotated[float, Field(ge=-100, le=100)], Annotated[float, Field(ge=0, le=540)]]
Fraction = Annotated[float, Field(ge=0, le=1)]

View = Literal["side", "front", "back"]
Direction = Literal["left", "right", "up", "down"]
Segment = Literal[
    "torso",
    "head",
    "left_upper_arm",
    "left_forearm",
    "right_upper_arm",
    "right_forearm",
    "left_thigh",
    "left_shin",
    "left_foot",
    "right_thigh",
    "right_shin",
    "right_foot",
]
Toward = Literal["front", "back", "left", "right", "middle"]
"""Which face of a segment a mark or prop sits on. ``front``/``back`` are the person's own
(chest side and back side), for side views; ``left``/``right`` are the person's own sides, for
front and back views; ``middle`` is the segment's axis."""
Part = Literal["torso", "left_arm", "right_arm", "left_leg", "right_leg"]


class Limb(Strict):
    """One arm or leg: either the angle of its two segments, or the point its end reaches
    (the renderer bends the middle joint the way that joint bends). ``foot`` is the angle of
    the foot, for legs; without it the foot points forward at a right angle to the shin."""

    angles: tuple[Angle, Angle] | None = None
    reach: Point | None = None
    foot: Angle | None = None
    depth: Annotated[float, Field(ge=0, le=60)] = 0
    """Front and back views: how many degrees the limb points toward or away from us (a bent
    knee seen from the front). It is drawn shorter by that much, as the eye sees it."""
    bend: Literal[1, -1] | None = None
    """Front and back views only: which way the middle joint goes when it cannot be told from
    the body's own bend (1: toward the person's left, -1: toward the right)."""

    @model_validator(mode="after")
    def _one_way(self) -> Limb:
        if (self.angles is None) == (self.reach is None):
            raise ValueError("give a limb either angles or reach, not both or neither")
        return self


class Place(Strict):
    """A place on the body: along a ``segment`` (``at`` 0 is its start, 1 its end), on one face."""

    segment: Segment
    at: Fraction = 0.5
    toward: Toward = "middle"


class Mark(Place):
    """The part being worked or stretched, drawn as a coloured patch on the body."""

    size: Annotated[float, Field(ge=4, le=30)] = 12


PropKind = Literal[
    "wall", "ball", "peanut_ball", "roller", "gun", "strap", "press", "chair", "cushion", "pillow"
]
PRESSING: tuple[PropKind, ...] = ("ball", "peanut_ball", "roller", "gun", "press")
"""The props that press on the body: each names the body-map region it presses (``presses``)."""


class Prop(Strict):
    """Something the person uses or rests on.

    ``wall`` stands at ``x``; a ``ball``, ``peanut_ball`` or ``roller`` rests against the body
    at ``place`` (drawn touching it); a massage ``gun``'s head touches the body at ``place``;
    ``strap`` runs from ``place`` to the hands; ``press`` marks the spot fingertips press at
    ``place`` with an arrow; ``chair`` stands with its seat front at ``x`` and faces ``facing``;
    ``cushion`` and ``pillow`` lie on the floor at ``x`` (a pillow may be lifted by ``y``).

    A prop that presses (a ball, peanut ball, roller, gun or press) names the body-map region
    it presses, ``presses``: one where the technique's muscles have a trigger point. The tests hold
    it to the region's flags, the tool's ``keep_off`` and the never-press list."""

    kind: PropKind
    presses: Id | None = None
    x: Coordinate | None = None
    y: Coordinate | None = None
    place: Place | None = None
    facing: Literal["left", "right"] | None = None
    inset: Annotated[float, Field(ge=0, le=6)] = 0
    """Side views: how far a ball is drawn into the body's edge, so it shows on the near side
    of a limb (its outer side, when the worked side is nearer to us) rather than straight
    under it."""
    arrow: Literal["in", "out", "across"] = "in"
    """A press's arrow: ``in`` points into the body from outside, at the face ``place`` names;
    ``out`` is drawn on the body and points out toward that face (fingertips that curl outward
    against the inside of a bone); ``across`` starts outside that face and crosses the edge
    toward the middle (pressing in toward the spine)."""

    @model_validator(mode="after")
    def _needs(self) -> Prop:
        needs_place = self.kind in (*PRESSING, "strap")
        if needs_place and self.place is None:
            raise ValueError(f"a {self.kind} needs a place on the body")
        if (self.kind in PRESSING) != (self.presses is not None):
            raise ValueError("a prop that presses, and only it, names the region it presses")
        if self.arrow != "in" and self.kind != "press":
            raise ValueError("only a press has an arrow")
        if self.kind in ("wall", "chair", "cushion", "pillow") and self.x is None:
            raise ValueError(f"a {self.kind} needs x")
        if self.kind == "chair" and self.facing is None:
            raise ValueError("a chair needs facing")
        return self


class Bone(Place):
    """A bony landmark the words name, drawn on the body so the picture can show where a prop
    is from it: a ``point`` (the bony point at the front of the hip, a small bone-coloured
    knob just inside the face named) or a ``rim`` (the top of the hip bone, a thin arc across
    the trunk)."""

    kind: Literal["point", "rim"] = "point"
    name: Name


class PoseVariant(Strict):
    """The pose drawn for one tool (``Pose.tools``): what it changes. The words and the props
    always change with the tool; the body may too (lying on the side for the hands)."""

    description: Prose
    props: list[Prop]
    view: View | None = None
    front: Direction | None = None
    hip: Point | None = None
    torso: Angle | None = None
    neck: Angle | None = None
    left_arm: Limb | None = None
    right_arm: Limb | None = None
    left_leg: Limb | None = None
    right_leg: Limb | None = None
    order: list[Part] | None = None
    floor: Coordinate | None = None
    ground: bool | None = None
    zoom: Annotated[float, Field(ge=1, le=2.5)] | None = None
    center: Point | None = None
    worked: Annotated[list[Mark], Field(min_length=1)] | None = None
    no_press: list[Place] | None = None
    bones: list[Bone] | None = None


class Pose(Strict):
    """The picture of one technique's or exercise's position (``id`` is that item's id).

    ``side`` is the person's side being worked as drawn (mirrored for the other side); poses of
    exercises that work both sides at once have none. In a side view, ``front`` is the way the
    chest faces; the side nearer to us follows from it, and it must be the worked side.
    ``description`` says in plain words what the picture shows, for people who cannot see it;
    it may say ``{side}`` and ``{other_side}``.

    ``tools`` draws the position another way for a tool (by tool id): a plan that chose the
    hands shows the hands, not a ball. Without an entry, the tool gets the pose as given.
    ``ground: false`` is a person seen from above (lying on the back, from the front view):
    no floor is drawn.
    """

    id: Id
    view: View
    side: Side | None = None
    front: Direction | None = None
    description: Prose
    hip: Point
    torso: Angle
    neck: Angle | None = None
    left_arm: Limb
    right_arm: Limb
    left_leg: Limb
    right_leg: Limb
    order: list[Part] | None = None
    """The order the parts are drawn, back to front, when the default for the view is wrong."""
    floor: Coordinate = 220
    ground: bool = True
    zoom: Annotated[float, Field(ge=1, le=2.5)] = 1
    center: Point | None = None
    """A close-up: the picture shows the part of the frame around ``center``, ``zoom`` times
    larger (the hips of a person lying on their back, seen from above)."""
    props: list[Prop] = Field(default_factory=list)
    worked: Annotated[list[Mark], Field(min_length=1)]
    no_press: list[Place] = Field(default_factory=list)
    """Places near the worked part never to press (the groin crease, where the big artery and
    nerve of the leg run), drawn with the close-ups' mark: a red ring with a slash."""
    bones: list[Bone] = Field(default_factory=list)
    tools: dict[Id, PoseVariant] = Field(default_factory=dict)

    def for_tool(self, tool_id: str | None) -> Pose:
        """The pose as drawn for ``tool_id``: its variant's changes over this pose, or this pose
        when the tool has none (or no tool is given)."""
        variant = self.tools.get(tool_id) if tool_id is not None else None
        if variant is None:
            return self
        return self.model_validate(_merged(self, variant))

    @model_validator(mode="after")
    def _tool_variants_are_poses(self) -> Pose:
        for tool_id, variant in self.tools.items():
            try:
                Pose.model_validate(_merged(self, variant))
            except ValueError as error:
                raise ValueError(f"the pose for tool '{tool_id}': {error}") from error
        return self

    @model_validator(mode="after")
    def _front_for_side_views(self) -> Pose:
        if (self.view == "side") != (self.front is not None):
            raise ValueError("side views, and only they, say which way the chest faces (front)")
        if self.order is not None and sorted(self.order) != sorted(
            ["torso", "left_arm", "right_arm", "left_leg", "right_leg"]
        ):
            raise ValueError("order must name the torso and each arm and leg once")
        text = self.description
        if self.side is None and ("{side}" in text or "{other_side}" in text):
            raise ValueError("a pose without a side cannot say {side}")
        if (self.zoom > 1) != (self.center is not None):
            raise ValueError("a close-up (zoom) says where its center is, and only it")
        return self


def _merged(pose: Pose, variant: PoseVariant) -> dict[str, object]:
    """A pose's fields with a tool variant's changes over them (the variant keeps no tools)."""
    data = pose.model_dump(exclude={"tools"})
    data.update(variant.model_dump(exclude_none=True))
    if variant.view is not None and variant.view != "side" and variant.front is None:
        data["front"] = None  # a front or back view says no chest direction
    if variant.zoom == 1:
        data["center"] = None  # the whole frame, not the close-up of the tool-less pose
    return data


class MuscleOutline(Strict):
    """A muscle's shape on the body map, for its close-up: polygons of ``(d, y)`` points in the
    body map's frame (``d`` out from the midline, ``y`` down from the top of the head; see
    :mod:`sciatica_coach.figures.body_shapes`), drawn on the person's left and mirrored for the
    right. ``deep`` muscles are drawn with a dashed edge, since they lie under others.

    ``drawn`` places a trigger point (by id) at a ``(d, y)`` point of this view instead of where
    ``drawn_at`` puts it in its region, for a muscle better seen from the other side (the
    tensor fasciae latae is at the front of the hip; its region is drawn on the back view).
    Places never to press come from the muscle's ``never_press`` list, not from here."""

    id: Id
    view: Literal["back", "front"]
    deep: bool = False
    shapes: Annotated[list[Annotated[list[MapPoint], Field(min_length=3)]], Field(min_length=1)]
    drawn: dict[Id, MapPoint] = Field(default_factory=dict)
