"""Request and response models of the JSON API for safety: screening, matching and plans.

Pages render these same models, so what a person sees and what a program reads cannot drift
apart. Content items (sources, notes) reuse the knowledge base's own pydantic models.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from sciatica_coach.content.models import MatchNote, Source

MAX_PLACES = 200
"""More places than the body map has (both sides of every region) is never a real request."""
MAX_CHOICES = 20
"""Feelings, muscles or tools in one request: each vocabulary is far smaller."""
Key = Annotated[str, StringConstraints(max_length=80)]
Places = Annotated[list[Key], Field(max_length=MAX_PLACES)]
Choices = Annotated[list[Key], Field(max_length=MAX_CHOICES)]
Day = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
"""A date as ``YYYY-MM-DD`` (the service says what is wrong with one that is not a real day)."""
AnswerValue = bool | Literal["not_sure"] | int | Places | Day | None
MAX_ID = 2**31 - 1
"""The largest id any journal row can have, on SQLite and PostgreSQL alike."""
JournalId = Annotated[int, Field(ge=1, le=MAX_ID)]
Score = int
ExperienceIn = Literal["new", "experienced"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InModel(Model):
    """A request body: unknown fields refused, and types strict (``true`` or ``"5"`` is not a
    pain score), so a program's mistake is named instead of guessed at."""

    model_config = ConfigDict(extra="forbid", strict=True)


# --- screening ----------------------------------------------------------------------------


class ScreeningIn(InModel):
    """Answers by question id (see ``GET /api/content/screening-questions``).

    ``null`` or a missing id means "not answered", which never counts as "no"."""

    answers: dict[Key, AnswerValue] = Field(
        max_length=200,
        description=(
            'Yes/no questions take true, false or "not_sure" (never counted as no). '
            "sessions_today is filled from the journal when left out. The health history "
            "questions (part history, see GET /api/screenings/history) and pain_began "
            "(YYYY-MM-DD, the day this spell of pain began) are needed when the kept history "
            "is due; otherwise the kept answers are used. Every other question is asked "
            "afresh each time."
        ),
        examples=[{"saddle_numbness": False, "fever": "not_sure", "pain_now": 4}],
    )


class ReasonOut(Model):
    question_id: str
    question: str | None
    level: str
    message: str
    what_to_do: str
    advice: str | None
    sources: list[Source]
    unsure: bool = Field(default=False, description='The answer was "not sure".')


class SafetyNetOut(Model):
    """The signs that mean emergency care now, and what to do; beside them the signs that mean
    a doctor today. On every non-emergency result."""

    title: str
    signs: list[str]
    action: str
    today_title: str = ""
    today_signs: list[str] = Field(default_factory=list)
    today_action: str = ""


class FlagOut(Model):
    """A red flag (a "yes" or "not sure" to an emergency or urgent sign), restated."""

    question_id: str
    question: str
    level: str
    answer: Literal["yes", "not_sure"]
    taken_at: datetime = Field(description="When the check that raised it was taken.")
    screening_id: int
    restated: str = Field(description='"At 10:30 you said "not sure" to: ..."')
    until: datetime | None = Field(
        default=None, description="When it stops standing, unless lifted before."
    )


class RestrictionOut(Model):
    id: str
    label: str
    description: str
    where: str | None = None


class ScreeningOut(Model):
    id: int | None
    saved: bool = Field(
        True,
        description="False when the journal is damaged and read-only: the result stands "
        "(an emergency above all) but was not kept, and no plan or session can rest on it.",
    )
    taken_at: datetime | None
    valid_until: datetime | None
    level: str
    title: str
    message: str
    what_to_do: str
    session_allowed: bool
    reasons: list[ReasonOut]
    restrictions: list[RestrictionOut]
    advice: list[str]
    how_soon: str | None = Field(description="When to be seen, for urgent and see_professional.")
    emergency_extra: str | None = Field(description="Set on an emergency result only.")
    safety_net: SafetyNetOut | None = Field(description="Set on every result but an emergency.")
    unsure: list[str] = Field(description='Questions answered "not sure".')
    answers: dict[str, bool | int | list[str] | str]
    see_gp: str | None = Field(
        default=None,
        description="When to see a GP or physio if it does not get better (ok, caution, "
        "not_today).",
    )
    flags: list[FlagOut] = Field(
        default_factory=list,
        description="Red flags standing when the check was taken (each also a reason, "
        "flag:<question>).",
    )
    corrected: list[FlagOut] = Field(
        default_factory=list,
        description='Red flags of the last day the person said were "the wrong answer": '
        "shown first, with the safety net.",
    )


class CurrentScreeningOut(Model):
    """The safety check a plan or session would rest on now, or why a new one is needed:
    ``code`` is ``current``, ``none``, ``after_bad_pain``, ``new_concern``, ``new_signs``
    (signs logged in the journal since) or ``questions_changed``."""

    screening: ScreeningOut | None
    code: str
    message: str


# --- matching -----------------------------------------------------------------------------


class MatchIn(InModel):
    where: Places = Field(
        description="Places as side:region keys, your own left and right",
        examples=[["left:buttock_center", "left:thigh_posterior"]],
    )
    feels: Choices = Field(default_factory=list, examples=[["ache"]])


class TriggerPointOut(Model):
    name: str
    where: str
    place: str


class MatchOut(Model):
    muscle_id: str
    name: str
    side: str
    score: float
    explanation: str
    covered: list[str]
    uncovered: list[str]
    zones: dict[str, str]
    trigger_points: list[TriggerPointOut]
    other_side: bool
    picture_url: str
    learn_url: str


class TargetOut(Model):
    muscle_id: str
    side: str
    why: str


class MatchResultOut(Model):
    where: list[str]
    feels: list[str]
    matches: list[MatchOut]
    notes: list[MatchNote]
    targets: list[TargetOut]


# --- plans --------------------------------------------------------------------------------


class MuscleChoiceIn(InModel):
    muscle_id: Key
    side: Literal["left", "right"]


class PlanIn(InModel):
    """What to plan for: a saved body map (``map_id``), or places, or muscles you choose."""

    map_id: JournalId | None = None
    where: Places = Field(default_factory=list)
    feels: Choices = Field(default_factory=list)
    muscles: list[MuscleChoiceIn] = Field(default_factory=list, max_length=MAX_CHOICES)
    tools: Choices = Field(default_factory=list, examples=[["tennis_ball"]])
    minutes: int = Field(default=15, examples=[15])
    experience: ExperienceIn = "new"


class PlanTargetOut(Model):
    muscle_id: str
    muscle_name: str
    side: str
    tool_id: str
    tool_name: str
    pressure: str
    spots: int
    hold_seconds: int
    why: str


class PlanStepOut(Model):
    number: int
    picture: str | None = Field(default=None, description="The position, drawn (an SVG URL)")
    picture_alt: str | None = Field(default=None, description="The picture in words")
    id: str
    kind: str
    title: str
    instructions: list[str]
    seconds: int
    timed: bool
    sets: int = 1
    set_seconds: int = Field(default=0, description="One timed set of an exercise (0: untimed)")
    rest_seconds: int = 0
    reps: int | None = None
    dose: str | None = Field(
        default=None, description='In words: "3 sets of 30 seconds, left side"'
    )


class PlanOut(Model):
    id: int
    created_at: datetime
    map_id: int | None
    minutes: int
    estimated_minutes: int
    experience: str
    screening_level: str
    restrictions: list[RestrictionOut]
    targets: list[PlanTargetOut]
    steps: list[PlanStepOut]
    dropped: list[str]
    notes: list[str]
    sources: list[Source]
    plan: dict[str, Any] = Field(description="The plan as the CLI saves it (plan --out).")


class PlanSummaryOut(Model):
    id: int
    created_at: datetime
    minutes: int
    muscles: list[str]


class ProblemOut(BaseModel):
    """What went wrong: ``code`` names the case for a program, ``message`` says it in words.
    Some cases add more (the session as it now is, the reasons a plan is refused)."""

    model_config = ConfigDict(extra="allow")
    code: str
    message: str


class RefusalDetail(ProblemOut):
    reasons: list[str] = Field(default_factory=list)
    level: str | None = None


class ErrorOut(Model):
    detail: ProblemOut


class RefusalOut(Model):
    """Safety says no (403) or not now (409), with the reasons."""

    detail: RefusalDetail


class NotFoundOut(Model):
    detail: str = Field(description="What was not found, and where to look")


class UnavailableOut(Model):
    detail: str = Field(description="Why the journal could not be used; nothing was changed")


API_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Sent to a Host name this app does not answer", "model": ErrorOut},
    401: {"description": "Accounts are on and no one is signed in", "model": ErrorOut},
    403: {
        "description": "From another website, or without the CSRF token (X-CSRF-Token)",
        "model": ErrorOut,
    },
    404: {"description": "Not in your journal (or no such address)", "model": NotFoundOut},
    413: {"description": "The body is over 1 MB", "model": ErrorOut},
    503: {"description": "The journal cannot be used just now", "model": UnavailableOut},
}
"""Answers any API route can give, before or around its own (see web/errors.py)."""
