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
    "no_belly_pressure",
    "no_heat",
    "avoid_region",
]


class Level(Strict):
    """What a screening level means for the person, in words they read first.

    ``how_soon`` says when to act (``urgent``: today; ``see_professional``: within a week,
    sooner if it gets worse); the loader requires it on those two levels.
    """

    id: LevelId
    title: Name
    message: Prose
    what_to_do: Prose
    how_soon: Prose | None = None
    session_allowed: bool


class Restriction(Strict):
    """A limit the planner and session player enforce, explained in plain words."""

    id: RestrictionId
    label: Name
    description: Prose


class Rule(Strict):
    """When a question triggers, and what follows.

    ``yes_no`` questions trigger on yes (and on "not sure", see :class:`NotSure`); ``scale``
    and ``count`` at ``threshold`` or more; ``regions`` when any region is named (each becomes an
    ``avoid_region`` restriction). ``avoid_regions`` are regions kept off on both sides
    whenever the rule triggers (the calves after a blood clot, say).
    """

    level: Literal["emergency", "urgent", "see_professional", "not_today", "caution"]
    threshold: Annotated[int, Field(ge=1)] | None = None
    message: Prose
    what_to_do: Prose
    restrictions: list[RestrictionId] = Field(default_factory=list)
    avoid_regions: list[Id] = Field(default_factory=list)
    advice: Prose | None = None


class Question(Strict):
    """One safety question. ``from_journal`` questions are answered from the journal (how many
    sessions today) and asked only when there is no journal to answer them."""

    id: Id
    kind: QuestionKind
    question: Prose
    help: Prose
    maximum: Annotated[int, Field(ge=1)] | None = None
    from_journal: bool = False
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
        if self.from_journal and self.kind != "count":
            raise ValueError("only count questions can be answered from the journal")
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


class NotSure(Strict):
    """What a "not sure" answer to a yes/no question counts as, and why.

    Single warning signs miss many real cases (Dionne et al. 2019), so doubt never counts as
    "no": on an emergency question it counts as "yes"; on an urgent question it means a doctor
    today; on any other question it means getting checked before self-massage.
    """

    emergency: Prose
    urgent: Prose
    other: Prose
    sources: SourceIds


class SafetyNet(Strict):
    """The paragraph that ends every outcome that is not already an emergency.

    ``signs`` are the emergency signs in plain words; ``action`` says what to do if one
    appears; ``emergency_extra`` is added to an emergency result ("do not wait for a GP").
    ``disclaimer`` and ``signs_in_short`` are the app's disclaimer, at the foot of every web
    page and printout: not a diagnosis, and the commonest emergency signs in one sentence.
    """

    title: Name
    signs: Annotated[list[Prose], Field(min_length=3)]
    action: Prose
    emergency_extra: Prose
    disclaimer: Prose
    signs_in_short: Prose
    sources: SourceIds


class ScreeningContent(Strict):
    """The whole of ``screening.yaml``."""

    levels: Annotated[list[Level], Field(min_length=6, max_length=6)]
    restrictions: list[Restriction]
    not_sure: NotSure
    safety_net: SafetyNet
    questions: Annotated[list[Question], Field(min_length=1)]
    escalations: list[Escalation] = Field(default_factory=list)

    @model_validator(mode="after")
    def _how_soon_where_it_matters(self) -> ScreeningContent:
        for level in self.levels:
            if (level.id in ("urgent", "see_professional")) != (level.how_soon is not None):
                raise ValueError("urgent and see_professional, and only they, need how_soon")
        return self
