"""Typed models of the pictures' data: the position of every technique and exercise
(``poses.yaml``) and the outline of every muscle (``muscle_outlines.yaml``).

A pose is a skeleton seen from one side, from the front or from the back: where the hips are,
the angle of the trunk and of each limb segment (or the point a hand or foot reaches), and the
props around the person (floor, wall, ball, chair...). Segment lengths, line weights and
colours live in the renderer (:mod:`sciatica_coach.figures.poses`), so every picture has the
same proportions; here are only the angles and places that make one position differ from
another. Angles are in degrees as on a clock face turned the mathematical way: 0 points to the
right of the picture, 90 straight up, 180 to the left, -90 straight down.

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


class Prop(Strict):
    """Something the person uses or rests on.

    ``wall`` stands at ``x``; a ``ball``, ``peanut_ball`` or ``roller`` rests against the body
    at ``place`` (drawn touching it); ``strap`` runs from ``place`` to the hands; ``press`` marks
    the spot fingertips press at ``place``; ``chair``
    stands with its seat front at ``x`` and faces ``facing``; ``cushion`` and ``pillow`` lie on
    the floor at ``x`` (a pillow may be lifted by ``y``)."""

    kind: Literal[
        "wall", "ball", "peanut_ball", "roller", "strap", "press", "chair", "cushion", "pillow"
    ]
    x: Coordinate | None = None
    y: Coordinate | None = None
    place: Place | None = None
    facing: Literal["left", "right"] | None = None
    inset: Annotated[float, Field(ge=0, le=6)] = 0
    """Side views: how far a ball is drawn into the body's edge, so it shows on the near side
    of a limb (its outer side, when the worked side is nearer to us) rather than straight
    under it."""

    @model_validator(mode="after")
    def _needs(self) -> Prop:
        needs_place = self.kind in ("ball", "peanut_ball", "roller", "strap", "press")
        if needs_place and self.place is None:
            raise ValueError(f"a {self.kind} needs a place on the body")
        if self.kind in ("wall", "chair", "cushion", "pillow") and self.x is None:
            raise ValueError(f"a {self.kind} needs x")
        if self.kind == "chair" and self.facing is None:
            raise ValueError("a chair needs facing")
        return self


class Pose(Strict):
    """The picture of one technique's or exercise's position (``id`` is that item's id).

    ``side`` is the person's side being worked as drawn (mirrored for the other side); poses of
    exercises that work both sides at once have none. In a side view, ``front`` is the way the
    chest faces; the side nearer to us follows from it, and it must be the worked side.
    ``description`` says in plain words what the picture shows, for people who cannot see it;
    it may say ``{side}`` and ``{other_side}``.
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
    props: list[Prop] = Field(default_factory=list)
    worked: Annotated[list[Mark], Field(min_length=1)]
    no_press: list[Place] = Field(default_factory=list)
    """Places near the worked part never to press (the groin crease, where the big artery and
    nerve of the leg run), drawn with the close-ups' mark: a red ring with a slash."""

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
        return self


class NoPressMark(Strict):
    """A place on a close-up never to press, besides the muscle's own ``do_not_press`` spots:
    a red ring with a slash at a body-map ``region``'s middle or at a point ``at``, and, with
    ``along``, a dashed red line (a nerve's course, say) from point to point."""

    name: Name
    region: Id | None = None
    at: MapPoint | None = None
    along: list[MapPoint] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_place(self) -> NoPressMark:
        if (self.region is None) == (self.at is None):
            raise ValueError("give a no-press mark either a region or a point (at), not both")
        return self


class MuscleOutline(Strict):
    """A muscle's shape on the body map, for its close-up: polygons of ``(d, y)`` points in the
    body map's frame (``d`` out from the midline, ``y`` down from the top of the head; see
    :mod:`sciatica_coach.figures.body_shapes`), drawn on the person's left and mirrored for the
    right. ``deep`` muscles are drawn with a dashed edge, since they lie under others.

    ``drawn`` places a trigger point (by id) at a ``(d, y)`` point of this view instead of where
    ``drawn_at`` puts it in its region, for a muscle better seen from the other side (the
    tensor fasciae latae is at the front of the hip; its region is drawn on the back view).
    ``no_press`` adds drawn places never to press."""

    id: Id
    view: Literal["back", "front"]
    deep: bool = False
    shapes: Annotated[list[Annotated[list[MapPoint], Field(min_length=3)]], Field(min_length=1)]
    drawn: dict[Id, MapPoint] = Field(default_factory=dict)
    no_press: list[NoPressMark] = Field(default_factory=list)
