"""Typed models of the knowledge base.

Every YAML file under ``content/`` is validated against these models on load. They forbid
unknown fields and require every field without a default, so a typo in the content fails the
load instead of silently hiding a safety note. Cross-references between files (a technique
naming a tool, a muscle naming an exercise) are checked by :mod:`sciatica_coach.content.loader`.

Fields a person reads are typed :data:`Prose`; the readability test finds them by that marker.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator


class ProseMarker:
    """Marks a string field as patient-facing text (checked for reading level)."""

    def __repr__(self) -> str:
        return "Prose"


PROSE = ProseMarker()

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Prose = Annotated[str, StringConstraints(min_length=2, strip_whitespace=True), PROSE]
Name = Annotated[str, StringConstraints(min_length=2, max_length=80, strip_whitespace=True)]
SourceIds = Annotated[list[Id], Field(min_length=1)]

Side = Literal["left", "right"]
SIDES: tuple[Side, ...] = ("left", "right")


class Strict(BaseModel):
    """Base for all content: immutable, and unknown keys are an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """A reference that content cites by id."""

    id: Id
    kind: Literal["guide", "book", "guideline", "journal_article", "website"]
    title: str
    authors: str | None = None
    year: int | None = None
    published_in: str | None = None
    url: str | None = None
    used_for: str

    @property
    def citation(self) -> str:
        """The reference as a reader looks it up: who, what, where, when, and the address."""
        parts = [self.authors, self.title, self.published_in]
        said = ". ".join(p.strip().rstrip(".") for p in parts if p)
        if self.year:
            said += f" ({self.year})"
        return f"{said}. {self.url}" if self.url else f"{said}."


class Region(Strict):
    """One area of the body map. Sided regions exist once per side; midline ones once.

    The flags tell the planner where pressure must never go (``no_pressure``: the bones of the
    spine, the hollow of the knee) and where some tools must keep off: the sciatic nerve's
    path, the area beside the spine, and spots close to bone. ``belly`` places are left out
    when screening rules out pressure into the belly (blood thinners).
    """

    id: Id
    label: Name
    sided: bool
    view: Literal["back", "front"]
    description: Prose
    no_pressure: bool = False
    """Set by the loader for the regions a place in ``never_press.yaml`` covers, never by hand:
    that list is the one place that says where never to press."""
    nerve_path: bool = False
    beside_spine: bool = False
    near_bone: bool = False
    belly: bool = False
    leg: bool = False
    """Part of the leg, from the thigh down: marks on both legs are a sign to get checked."""
    saddle_area: bool = False
    """Around the groin or the tailbone: marks here after a check need a fresh check."""
    sources: SourceIds


class SpotPosition(Strict):
    """Where a spot sits inside its body-map region, for the picture: ``across`` runs from the
    region's edge nearest the midline (0) to its outer edge (1), ``down`` from its top (0) to
    its bottom (1). It follows the ``where`` text, so the dot is drawn where the words say."""

    across: Annotated[float, Field(ge=0, le=1)]
    down: Annotated[float, Field(ge=0, le=1)]


class TriggerPoint(Strict):
    """A spot in a muscle where trigger points are commonly found, and where it is drawn."""

    id: Id
    name: Name
    region: Id
    where: Prose
    drawn_at: SpotPosition
    nerve_path: bool = False
    """The spot lies close to the sciatic nerve although its region does not (the piriformis by
    the sciatic notch): the region flag's rules apply to it, as do a nerve caution and light
    pressure for people new to self-massage."""
    tools: list[Id] | None = None
    """Only these tools may press this spot (hands only, where a ball against a wall would
    push straight in toward the kidney, say); None lets the technique's tools decide."""


class ReferralPattern(Strict):
    """Where a muscle's trigger points send pain, on the same side as the muscle.

    ``essential`` regions are where the referred pain usually is; ``spillover`` regions are
    where some people also feel it.
    """

    essential: Annotated[list[Id], Field(min_length=1)]
    spillover: list[Id]
    description: Prose

    @model_validator(mode="after")
    def _no_overlap(self) -> ReferralPattern:
        both = set(self.essential) & set(self.spillover)
        if both:
            raise ValueError(f"regions listed as both essential and spillover: {sorted(both)}")
        return self


class Muscle(Strict):
    """A muscle with trigger points that can refer pain into the back, buttock or leg.

    ``large`` muscles are the only ones a massage gun or foam roller may be planned on.
    """

    id: Id
    name: Name
    other_names: list[Name] = []
    in_guide: bool
    summary: Prose
    location: Prose
    landmarks: Annotated[list[Prose], Field(min_length=1)]
    trigger_points: Annotated[list[TriggerPoint], Field(min_length=1)]
    never_press: list[Id] = []
    """Places of ``never_press.yaml`` close to this muscle: named on its page, drawn on its
    close-up and told in its find-the-spot step."""
    skip_if: list[Prose] = []
    """Reasons to leave this muscle out altogether; a plan shows them before its first step."""
    referral: ReferralPattern
    large: bool = False
    technique: Id
    stretches: Annotated[list[Id], Field(min_length=1)]
    strengthening: Annotated[list[Id], Field(min_length=1)]
    cautions: Annotated[list[Prose], Field(min_length=1)]
    sources: SourceIds


class TechniqueStep(Strict):
    """One step of a technique. ``tools`` limits it to those tools (empty: whatever the tool),
    so a plan never says "thumb" when it chose a ball. ``in_plan: false`` steps are shown on
    the Learn page only, such as advice on pressure or timing that a plan states itself."""

    id: Id
    text: Prose
    tools: list[Id] = []
    in_plan: bool = True


class HoldSeconds(Strict):
    """How long to hold pressure on one spot."""

    min: Annotated[int, Field(ge=5, le=120)]
    max: Annotated[int, Field(ge=5, le=120)]

    @model_validator(mode="after")
    def _ordered(self) -> HoldSeconds:
        if self.min > self.max:
            raise ValueError(f"hold min {self.min} s is more than max {self.max} s")
        return self


Pressure = Literal["light", "moderate", "firm"]


class Technique(Strict):
    """How to release one muscle group. ``position`` is where the body is; ``positions`` gives
    a tool its own (a ball against a wall, hands lying on the side), so a plan that chose one
    tool never describes two positions."""

    id: Id
    name: Name
    muscles: Annotated[list[Id], Field(min_length=1)]
    position: Prose
    positions: dict[Id, Prose] = {}
    steps: Annotated[list[TechniqueStep], Field(min_length=2)]
    tools: Annotated[list[Id], Field(min_length=1)]
    pressure: Pressure
    hold_seconds: HoldSeconds
    avoid: Annotated[list[Prose], Field(min_length=1)]
    sources: SourceIds

    def position_for(self, tool_id: str) -> str:
        """The position to take with this tool."""
        return self.positions.get(tool_id, self.position)


class Tool(Strict):
    """A massage aid. ``keep_off`` names region flags the tool must never be used on;
    ``large_muscles_only`` tools are offered only for muscles marked ``large``."""

    id: Id
    name: Name
    kind: Literal["hands", "ball", "roller", "percussion", "heat", "topical"]
    intensity: Literal["gentle", "moderate", "deep", "adjustable"]
    hard: bool
    beginner_friendly: bool
    keep_off: list[Literal["nerve_path", "beside_spine", "near_bone"]] = []
    large_muscles_only: bool = False
    max_seconds_per_muscle: Annotated[int, Field(ge=20, le=600)] | None = None
    """The most time on one muscle in one session (a massage gun: 1 to 2 minutes)."""
    summary: Prose
    how_to_use: Annotated[list[Prose], Field(min_length=1)]
    cautions: Annotated[list[Prose], Field(min_length=1)]
    sources: SourceIds


class Dose(Strict):
    """How much of an exercise to do. ``summary`` says it in words a person reads."""

    sets: Annotated[int, Field(ge=1, le=5)]
    reps: Annotated[int, Field(ge=1, le=30)] | None = None
    hold_seconds: Annotated[int, Field(ge=5, le=120)] | None = None
    per_side: bool
    times_per_day: Annotated[int, Field(ge=1, le=3)] | None = None
    days_per_week: Annotated[int, Field(ge=1, le=7)]
    summary: Prose

    @model_validator(mode="after")
    def _reps_or_hold(self) -> Dose:
        if self.reps is None and self.hold_seconds is None:
            raise ValueError("a dose needs reps, hold_seconds, or both")
        return self


SIDE_WORDS = ("{side}", "{other_side}")
"""Placeholders in a one-sided exercise's text: the side being worked, and the other one."""


class Exercise(Strict):
    """A stretch or strengthening exercise.

    A ``sided`` exercise works one side at a time: its text says ``{side}`` and
    ``{other_side}`` where a left or right goes, so a plan for the left side reads "left"
    (:func:`sciatica_coach.domain.library.for_side`). Other exercises carry no side.
    """

    id: Id
    name: Name
    kind: Literal["stretch", "strengthening"]
    sided: bool = False
    muscles: Annotated[list[Id], Field(min_length=1)]
    left_out_with: list[Id] = []
    """Screening restrictions that leave this exercise out of a plan (after a hip
    replacement, stretches that bend the hip up and across the body)."""
    summary: Prose
    steps: Annotated[list[Prose], Field(min_length=2)]
    dose: Dose
    easier: Prose | None = None
    cautions: Annotated[list[Prose], Field(min_length=1)]
    sources: SourceIds

    @model_validator(mode="after")
    def _side_words_only_when_sided(self) -> Exercise:
        text = " ".join([*self.steps, self.easier or ""])
        uses = any(word in text for word in SIDE_WORDS)
        if self.sided != uses:
            raise ValueError("sided exercises, and only they, write {side} / {other_side}")
        stray = sorted(set(re.findall(r"\b(left|right)\b", text.lower())))
        if self.sided and stray:
            raise ValueError(f"a sided exercise names a side itself: {stray}")
        return self


class Habit(Strict):
    id: Id
    name: Name
    summary: Prose
    tips: Annotated[list[Prose], Field(min_length=1)]
    sources: SourceIds


WarningKind = Literal["emergency", "stop_now", "see_professional"]
WARNING_KINDS: tuple[WarningKind, ...] = ("emergency", "stop_now", "see_professional")
"""In the order every front end shows them: emergency signs first."""


class EmergencySign(Strict):
    """One sign that needs emergency care now, in the words every front end shows it."""

    id: Id
    text: Prose
    sources: SourceIds


class WarningSign(Strict):
    """A sign to get emergency care, to stop self-massage, or to get help instead of doing it
    alone.

    The ``emergency`` one, and only it, lists ``signs``: the one list of emergency signs that
    Learn, the safety net, every page's footer and the printed routine show."""

    id: Id
    name: Name
    kind: WarningKind
    description: Prose
    signs: list[EmergencySign] = []
    what_to_do: Prose
    professionals: list[Id] = []
    sources: SourceIds

    @model_validator(mode="after")
    def _signs_for_emergency_only(self) -> WarningSign:
        if (self.kind == "emergency") != bool(self.signs):
            raise ValueError("the emergency warning sign, and only it, lists its signs")
        ids = [s.id for s in self.signs]
        if len(ids) != len(set(ids)):
            raise ValueError(f"signs: an id is used twice: {ids}")
        return self


class Professional(Strict):
    id: Id
    name: Name
    what_they_do: Prose
    when_to_see: Prose
    sources: SourceIds


class Topic(Strict):
    id: Id
    title: Name
    summary: Prose
    body: Annotated[list[Prose], Field(min_length=1)]
    key_points: list[Prose] = []
    emergency_signs: bool = False
    """Shows the one list of emergency signs (``warning_signs.yaml``) after its body, instead
    of saying them in its own words."""
    related_topics: list[Id] = []
    related_muscles: list[Id] = []
    sources: SourceIds


class FaqEntry(Strict):
    id: Id
    question: Prose
    answer: Prose
    related_topics: list[Id] = []
    sources: SourceIds


class MatchNote(Strict):
    """A note the muscle matcher adds to its ranking, such as signs that point to a nerve."""

    id: Id
    text: Prose
    sources: SourceIds
