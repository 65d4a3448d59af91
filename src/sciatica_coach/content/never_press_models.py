"""The places never to press, as one validated list (``never_press.yaml``).

The planner reads a place's ``regions`` (nothing is pressed in them), the close-ups draw its
``marks``, and the tests walk every plan and picture against the marks' geometry, so the
words, the plan and the pictures cannot disagree about where not to press.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .models import Id, Name, Prose, SourceIds, Strict
from .pose_models import Fraction, MapPoint, Segment, Toward


class Mark(Strict):
    """Where a place is on the body map's frame: a whole ``region``, a point ``at``, or a line
    ``along`` points; ``radius`` is how far around a point or line counts as the place."""

    view: Literal["back", "front"]
    region: Id | None = None
    at: MapPoint | None = None
    along: list[MapPoint] = Field(default_factory=list)
    radius: Annotated[float, Field(gt=0, le=20)] | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> Mark:
        shapes = sum([self.region is not None, self.at is not None, bool(self.along)])
        if shapes != 1:
            raise ValueError("a mark is a region, a point (at) or a line (along): exactly one")
        if (self.region is None) != (self.radius is not None):
            raise ValueError("a point or a line needs a radius; a region has none")
        if self.along and len(self.along) < 2:
            raise ValueError("a line needs two points or more")
        return self


class Near(Strict):
    """Spots within ``radius`` of the place's marks must carry the region flag ``flag``."""

    radius: Annotated[float, Field(gt=0, le=30)]
    flag: Literal["nerve_path"]


class PoseSpan(Strict):
    """Where a place lies on a position drawing (``poses.yaml``): a stretch ``at`` from one
    fraction to another along a ``segment``, on the face it names (``toward``). ``across``
    says where across that face, in a side view: its ``middle`` (a prop drawn straight under
    the limb), its ``outer`` side (a prop drawn into the near edge: ``inset``), or ``any``."""

    segment: Segment
    at: tuple[Fraction, Fraction]
    toward: Toward
    across: Literal["any", "middle", "outer"] = "any"

    @model_validator(mode="after")
    def _ordered(self) -> PoseSpan:
        if self.at[0] >= self.at[1]:
            raise ValueError("a span runs from a smaller fraction (at) to a larger one")
        return self


class NeverPress(Strict):
    """A place never to press: what it is, why, where, and who says so."""

    id: Id
    name: Name
    why: Prose
    regions: list[Id] = Field(default_factory=list)
    inside: list[Id] = Field(default_factory=list)
    marks: Annotated[list[Mark], Field(min_length=1)]
    near: Near | None = None
    poses: list[PoseSpan] = Field(default_factory=list)
    """Where the place lies on the position drawings, for the places a side or front view can
    show; every prop that presses is checked against these spans."""
    sources: SourceIds
