"""Request and response models of the JSON API for guided sessions and the journal."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, StringConstraints

from sciatica_coach.domain import session as domain
from sciatica_coach.domain.text_limits import NOTE_LIMIT

from .models import Choices, InModel, JournalId, Model, Places, PlanStepOut, SafetyNetOut

PainScore = Annotated[int, Field(ge=0, le=10)]
NoteText = Annotated[str, StringConstraints(max_length=NOTE_LIMIT)]
"""A note as sent: at most NOTE_LIMIT (2000) characters counting every one, as the schema says (the
service trims it and keeps a blank one as no note)."""


# --- sessions -----------------------------------------------------------------------------
# Each event model knows the domain event it stands for (``event()``), so the route only
# has to hand it on.


class SessionIn(InModel):
    plan_id: JournalId = Field(description="A plan id from POST /api/plans")
    before_map_id: JournalId | None = None


Version = Annotated[
    int | None,
    Field(
        default=None,
        ge=0,
        description=(
            "The session version the person was looking at. If the session changed since "
            "(another tab, another device), the event is refused with 409 and the current state."
        ),
    ),
]


class StartEvent(InModel):
    type: Literal["start"]
    pain_before: PainScore | None = None
    version: Version = None

    def event(self) -> domain.Event:
        return domain.Start(self.pain_before)


class NextEvent(InModel):
    type: Literal["next"]
    version: Version = None

    def event(self) -> domain.Event:
        return domain.Next()


PressedAt = Annotated[
    AwareDatetime | None,
    Field(
        default=None,
        strict=False,  # sent as ISO 8601 text
        description=(
            "When the person pressed it, with its UTC offset, from a player that may have "
            "been out of contact: the session stops or pauses at that moment, kept between "
            "the session's last saved moment and now. Only stop and pause carry it."
        ),
    ),
]


class PauseEvent(InModel):
    type: Literal["pause"]
    version: Version = None
    at: PressedAt = None

    def event(self) -> domain.Event:
        return domain.Pause()


class ResumeEvent(InModel):
    type: Literal["resume"]
    version: Version = None

    def event(self) -> domain.Event:
        return domain.Resume()


class SpotEvent(InModel):
    type: Literal["spot"]
    found: bool
    version: Version = None

    def event(self) -> domain.Event:
        return domain.ReportSpot(self.found)


class FeelingEvent(InModel):
    type: Literal["feeling"]
    feeling: Literal["good", "no_change", "bad"]
    version: Version = None

    def event(self) -> domain.Event:
        return domain.ReportFeeling(self.feeling)


class StopEvent(InModel):
    """Stop now; ``bad_pain`` when it is because of burning, tingling, numb, electric or
    shooting pain (it then counts exactly as a "bad" check-in)."""

    type: Literal["stop"]
    bad_pain: bool = False
    version: Version = Field(
        default=None, ge=0, description="Sent as with other events; a stop is never refused for it."
    )
    at: PressedAt = None

    def event(self) -> domain.Event:
        return domain.Stop(domain.BAD_PAIN) if self.bad_pain else domain.Stop()


EventIn = Annotated[
    StartEvent | NextEvent | PauseEvent | ResumeEvent | SpotEvent | FeelingEvent | StopEvent,
    Field(discriminator="type"),
]


class ContactIn(InModel):
    """A player showing the session says it is still there (every 10 s or so), or that it is
    back (``returning``: a page opened again, a tab shown again, contact regained)."""

    returning: bool = False


class FinishIn(InModel):
    """After the session: the pain score now and, if you like, the body map marked again."""

    pain_after: PainScore | None = None
    where: Places | None = Field(
        default=None, description="Where you still feel it; [] for nowhere, null to skip"
    )
    feels: Choices = Field(default_factory=list)


class StepNowOut(PlanStepOut):
    """A plan step as the session shows it: with how many steps there are in all."""

    total: int
    closeup: str | None = Field(
        default=None,
        description="On a find-the-spot step: the muscle's close-up, with its trigger points "
        "and where not to press (an SVG URL)",
    )
    closeup_alt: str | None = Field(default=None, description="The close-up in words")


class SessionOut(Model):
    """A session as it is at ``as_of`` (the server's clock). ``remaining`` is the time left in
    the countdown under way; a player counts it down itself and asks again when it ends."""

    id: int
    version: int
    as_of: datetime
    phase: str
    over: bool
    status: str
    step: StepNowOut | None
    remaining: float
    countdown_total: float
    breathing: Literal["in", "out"] | None
    cue: str
    set_words: str | None = Field(
        default=None,
        description='Where a timed exercise is: "Set 2 of 3", "Rest, then set 3 of 3".',
    )
    movement: int | None = Field(
        default=None, description="The slow movement under way in a strengthening set, from 1."
    )
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
    after_given: bool = Field(description="The pain score or map after has been given.")
    interrupted: bool = Field(
        default=False,
        description="Paused at the step's get-ready because no player was there for a while "
        "(a tab closed, contact lost): the step starts again with its full time.",
    )
    plan_id: int | None
    before_map_id: int | None
    after_map_id: int | None
    safety_net: SafetyNetOut | None = Field(
        default=None, description="The emergency signs, once the session is over."
    )
    after_warning: str | None = Field(
        default=None,
        description="Said at once when the body map marked after the session shows numbness "
        "or pain in new places (or both legs, or the groin or bottom area).",
    )


# --- journal ------------------------------------------------------------------------------


class PainIn(InModel):
    now: PainScore
    worst: PainScore | None = None
    average: PainScore | None = None
    note: NoteText | None = None


class PegIn(InModel):
    pain: PainScore = Field(description="Average pain in the past week")
    enjoyment: PainScore = Field(description="How much pain got in the way of enjoying life")
    activity: PainScore = Field(description="How much pain got in the way of daily activity")


class PainMapIn(InModel):
    where: Places
    feels: Choices = Field(default_factory=list)
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
    resume_url: str | None = Field(default=None, description="Set while it can still run.")


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
