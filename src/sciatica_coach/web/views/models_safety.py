"""The API's shapes for what the safety check keeps between checks: red flags answered again,
a doctor's visit, the health history, and a clinician's clearance."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .models import FlagOut, InModel, Model

ReviewAnswer = Literal["wrong_answer", "still_have", "not_sure"]
Text = Annotated[str, StringConstraints(max_length=1000)]
"""A short text field; the service says when one is too long for its purpose."""


class ReviewIn(InModel):
    """One standing red flag answered again, on its own."""

    answer: ReviewAnswer = Field(
        description='"wrong_answer" (I pressed the wrong answer: lifts it), "still_have" or '
        '"not_sure" (both keep it).',
        examples=["still_have"],
    )


class ReviewOut(Model):
    lifted: bool = Field(description="Whether this answer lifted the flag.")
    message: str
    flags: list[FlagOut] = Field(description="The red flags that still stand.")


class LoggedSignOut(Model):
    """A sign logged in the journal (numbness, both legs, new places, ...) that counts as a
    reason to get checked until a doctor has seen the person about it."""

    id: str = Field(
        description='"journal:<sign>" ("journal:red_flag_words:<question>" for words that may '
        "be a warning sign), as a doctor's visit names it."
    )
    sign: str
    at: datetime
    text: str = Field(description="What it is, when, and which words in which entry raised it.")
    kind: str | None = Field(
        default=None, description="The entry it came from: note, pain_log, map, ..."
    )
    words: str | None = Field(default=None, description="The words that raised it, if any.")
    question: str | None = Field(
        default=None, description="For red flag words: the safety question they speak to."
    )
    question_level: str | None = Field(
        default=None, description="For red flag words: that question's level (emergency, ...)."
    )


class StandingOut(Model):
    """What stands between the person and a session beyond today's answers."""

    flags: list[FlagOut] = Field(description="Red flags that stand, most serious first.")
    signs: list[LoggedSignOut] = Field(
        description="Signs logged in the journal that a doctor has not seen the person about."
    )


class DoctorVisitIn(InModel):
    sign: Annotated[str, StringConstraints(max_length=80)] = Field(
        description="The sign a doctor has seen the person about since it was raised: a "
        "standing flag's question_id, or a logged sign's id (\"journal:numbness\").",
        examples=["saddle_numbness"],
    )


class DoctorVisitOut(StandingOut):
    """The visit is kept; what still stands."""


class KeptHistoryOut(Model):
    answers: dict[str, bool | int | list[str] | str]
    pain_began: date | None
    confirmed_at: datetime


class HistoryOut(Model):
    """The health history as last confirmed, and whether the next check must send it again."""

    history: KeptHistoryOut | None
    due: bool = Field(description="The next check must send every history question and pain_began.")
    confirm_every_days: int
    questions: list[str] = Field(description="The ids of the history questions.")


class ClearableOut(Model):
    id: str = Field(description="A reason id, as in a result's reasons (question_id).")
    label: str


class ClearanceIn(InModel):
    """A doctor or physiotherapist checked this pain since it began and said self-care is
    fine."""

    reason: Annotated[str, StringConstraints(max_length=80)] = Field(
        description="One of GET /api/screenings/clearances.", examples=["cancer_history"]
    )
    checked_on: Annotated[str, StringConstraints(max_length=40)] = Field(
        description="The day of that check, YYYY-MM-DD.", examples=["2026-11-20"]
    )
    who: Text | None = Field(default=None, description="Who checked it (optional).")


class ClearanceOut(Model):
    id: int
    reason: str
    checked_on: str
    who: str | None


class SafetyEventOut(Model):
    """One entry of the safety log: a red flag, a flag answered again, a doctor's visit or a
    clearance."""

    at: datetime
    kind: str
    text: str
    question_id: str | None = None
    level: str | None = None
    answer: str | None = None
