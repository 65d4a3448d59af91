"""Typed model of ``screening.yaml``: the safety questions, their rules and their messages.

The screening engine (``domain/screening.py``) is generic: what is asked, what triggers, how
serious it is and what to say all live here as cited data. Question ids are a public
interface (saved answers and the API use them), so tests pin them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .models import Id, Name, Prose, SourceIds, Strict

LevelId = Literal["emergency", "urgent", "see_professional", "not_today", "caution", "ok"]
QuestionKind = Literal["yes_no", "scale", "count", "regions"]
RestrictionId = Literal[
    "no_massage_gun",
    "no_hard_ball",
    "no_hard_ball_near_bone",
    "light_pressure_only",
    "no_heat",
    "avoid_region",
]


class Level(Strict):
    """What a screening level means for the person, in words they read first."""

    id: LevelId
    title: Name
    message: Prose
    what_to_do: Prose
    session_allowed: bool


class Restriction(Strict):
    """A limit the planner and session player enforce, explained in plain words."""

    id: RestrictionId
    label: Name
    description: Prose


class Rule(Strict):
    """When a question triggers, and what follows.

    ``yes_no`` questions trigger on yes; ``scale`` and ``count`` at ``threshold`` or more;
    ``regions`` when any region is named (each becomes an ``avoid_region`` restriction).
    """

    level: Literal["emergency", "urgent", "see_professional", "not_today", "caution"]
    threshold: Annotated[int, Field(ge=1)] | None = None
    message: Prose
    what_to_do: Prose
    restrictions: list[RestrictionId] = Field(default_factory=list)
    advice: Prose | None = None


class Question(Strict):
    id: Id
    kind: QuestionKind
    question: Prose
    help: Prose
    maximum: Annotated[int, Field(ge=1)] | None = None
    rule: Rule
    sources: SourceIds

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        numeric = self.kind in ("scale", "count")
        if numeric != (self.rule.threshold is not None):
            raise ValueError("scale and count questions need rule.threshold; others must not")
        if (self.kind == "count") != (self.maximum is not None):
            raise ValueError("count questions need a maximum; others must not")
        if (self.kind == "regions") != ("avoid_region" in self.rule.restrictions):
            raise ValueError("regions questions, and only they, restrict with avoid_region")
        return self


class Escalation(Strict):
    """A reason the journal adds to the next screening, such as sessions stopped for bad pain.

    The domain decides when one applies (from stored history); this says how serious it is
    and what to tell the person.
    """

    id: Id
    level: Literal["see_professional", "caution"]
    message: Prose
    what_to_do: Prose
    advice: Prose | None = None
    restrictions: list[RestrictionId] = Field(default_factory=list)
    sources: SourceIds

    @model_validator(mode="after")
    def _no_regions(self) -> Escalation:
        if "avoid_region" in self.restrictions:
            raise ValueError("escalations cannot name avoid_region: they have no regions")
        return self


class ScreeningContent(Strict):
    """The whole of ``screening.yaml``."""

    levels: Annotated[list[Level], Field(min_length=6, max_length=6)]
    restrictions: list[Restriction]
    questions: Annotated[list[Question], Field(min_length=1)]
    escalations: list[Escalation] = Field(default_factory=list)
