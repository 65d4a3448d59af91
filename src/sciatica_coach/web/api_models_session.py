"""Request and response models of the JSON API for guided sessions and the journal."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .api_models import Model, SafetyNetOut

PainScore = Annotated[int, Field(ge=0, le=10)]
NoteText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


# --- sessions -----------------------------------------------------------------------------


class SessionIn(Model):
    plan_id: int = Field(ge=1, description="A plan id from POST /api/plans")
    before_map_id: int | None = Field(default=None, ge=1)


class StartEvent(Model):
    type: Literal["start"]
    pain_before: PainScore | None = None


class TickEvent(Model):
    type: Literal["tick"]
    seconds: float = Field(ge=0, le=3600, allow_inf_nan=False)


class NextEvent(Model):
    type: Literal["next"]


class PauseEvent(Model):
    type: Literal["pause"]


class ResumeEvent(Model):
    type: Literal["resume"]


class SpotEvent(Model):
    type: Literal["spot"]
    found: bool


class FeelingEvent(Model):
    type: Literal["feeling"]
    feeling: Literal["good", "no_change", "bad"]


class StopEvent(Model):
    """Stop now; ``bad_pain`` when the reason is sharp, electric or shooting pain mid-hold."""

    type: Literal["stop"]
    bad_pain: bool = False


EventIn = Annotated[
    StartEvent
    | TickEvent
    | NextEvent
    | PauseEvent
    | ResumeEvent
    | SpotEvent
    | FeelingEvent
    | StopEvent,
    Field(discriminator="type"),
]


class FinishIn(Model):
    """After the session: the pain score now and, if you like, the body map marked again."""

    pain_after: PainScore | None = None
    where: list[str] | None = Field(
        default=None, description="Where you still feel it; [] for nowhere, null to skip"
    )
    feels: list[str] = Field(default_factory=list)


class StepNowOut(Model):
    number: int
    total: int
    id: str
    kind: str
    title: str
    instructions: list[str]
    seconds: int
    timed: bool


class SessionOut(Model):
    id: str
    version: int
    phase: str
    over: bool
    status: str
    step: StepNowOut | None
    remaining: float
    countdown_total: float
    breathing: Literal["in", "out"] | None
    cue: str
    steps_done: int
    steps_total: int
    holds_done: int
    elapsed: float
    pain_before: int | None
    pain_after: int | None
    stop_reason: str | None
    bad_pain: bool
    end_message: str | None
    what_to_do: list[str]
    saved: bool
    journal_id: int | None
    after_map_id: int | None
    plan_id: int | None
    safety_net: SafetyNetOut | None = Field(
        default=None, description="The emergency signs, once the session is over."
    )


# --- journal ------------------------------------------------------------------------------


class PainIn(Model):
    now: PainScore
    worst: PainScore | None = None
    average: PainScore | None = None
    note: NoteText | None = None


class PegIn(Model):
    pain: PainScore = Field(description="Average pain in the past week")
    enjoyment: PainScore = Field(description="How much pain got in the way of enjoying life")
    activity: PainScore = Field(description="How much pain got in the way of daily activity")


class PainMapIn(Model):
    where: list[str]
    feels: list[str] = Field(default_factory=list)
    intensity: PainScore
    moment: Literal["before", "after", "other"] = "before"


class SavedOut(Model):
    id: int


class PainEntryOut(Model):
    id: int
    recorded_at: datetime
    day: date
    now: int
    worst: int | None
    average: int | None
    note: str | None


class PegEntryOut(Model):
    id: int
    recorded_at: datetime
    pain: int
    enjoyment: int
    activity: int
    score: float


class MapOut(Model):
    id: int
    recorded_at: datetime
    moment: str
    where: list[str]
    labels: list[str]
    picture_url: str


class StoredSessionOut(Model):
    id: int
    started_at: datetime
    ended_at: datetime | None
    status: str
    outcome: str
    stop_reason: str | None
    pain_before: int | None
    pain_after: int | None
    duration_seconds: float
    holds: int
    muscles: list[str]
    plan_id: int | None
    before_map: MapOut | None
    after_map: MapOut | None


class WeekOut(Model):
    start: date
    sessions: int
    pain: float | None
    peg: float | None


class ChangeOut(Model):
    first: float
    last: float
    kind: str


class EscalationOut(Model):
    id: str
    message: str
    what_to_do: str
    advice: str | None = None


class ProgressOut(Model):
    weeks: list[WeekOut]
    sessions: int
    session_effect: float | None
    pain_change: ChangeOut | None
    peg_change: ChangeOut | None
    escalations: list[EscalationOut]
    summary: list[str]
    safety_net: SafetyNetOut | None = Field(
        default=None, description="The emergency signs, whenever the journal raises a concern."
    )
