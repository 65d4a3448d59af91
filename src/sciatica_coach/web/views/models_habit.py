"""The API's shapes for the weekly goal, the pain just before and just after sessions (under
its first name, ``what_helped``, for the clients that read it) and a returning person's status.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from .models import InModel, Model, SafetyNetOut


class GoalIn(InModel):
    sessions: int = Field(ge=0, le=14, description="Sessions a week (two a day at most count).")
    pegs: int = Field(
        description="PEG scores a week: 0 or 1 (it asks about the past week; more is refused "
        "with the reason)."
    )


class GoalOut(Model):
    sessions: int
    pegs: int
    since: date


class GoalWeekOut(Model):
    start: date = Field(description="The Monday the week starts.")
    sessions: int = Field(description="Sessions, at most two counted a day.")
    pegs: int
    met: bool
    on_hold: bool = Field(description="Self-massage was paused: neither met nor missed.")


class PauseOut(Model):
    level: str
    since: datetime
    title: str = Field(description="What the safety check that paused it said.")
    logged: list[str] = Field(
        default_factory=list,
        description="Paused by signs logged since the last check: each, with the words that "
        "raised it and in which entry.",
    )


class HelpedOut(Model):
    kind: str = Field(description="all (every session with both scores), muscle or tool")
    name: str
    sessions: int
    mean_change: float = Field(description="Mean pain after minus before (negative: lower).")
    too_few: bool = Field(description="Fewer than five sessions: too few to tell.")


class HabitOut(Model):
    goal: GoalOut | None
    weeks: list[GoalWeekOut] = Field(description="Oldest first; this week last.")
    streak: int = Field(description="Weeks in a row with the goal met.")
    sessions_left_this_week: int
    pegs_left_this_week: int
    reachable: bool = Field(description="This week's goal still fits within two a day.")
    pause: PauseOut | None = Field(description="Self-massage is paused: the goal is on hold.")
    words: list[str]
    what_helped_title: str = Field(description="Pain just before and just after sessions.")
    what_helped: list[HelpedOut] = Field(
        description="Pain just before and just after sessions, all first; empty while paused."
    )
    what_helped_caveat: str = Field(description="Short-term; may not last (Furlan et al. 2015).")


class CheckStatusOut(Model):
    last_taken_at: datetime | None
    counts: bool = Field(description="The last check still counts for a plan or session.")
    code: str
    message: str
    level: str | None
    screening_id: int | None
    session_allowed: bool
    valid_until: datetime | None


class LastPlanOut(Model):
    id: int
    created_at: datetime
    minutes: int
    muscles: list[str]


class StatusOut(Model):
    check: CheckStatusOut
    pause: PauseOut | None = Field(description="Self-massage is paused: no session now.")
    sessions_today: int
    today: str = Field(
        description="Sessions done and left now, in words (naming the last 24 hours when "
        "sessions late yesterday are what leave none)."
    )
    sessions_left: int = Field(
        description="Sessions that may still start: at most so many in any 24 hours and on "
        "one day of yours."
    )
    next_session_at: datetime | None = Field(
        description="When none may start now because of that limit: the first moment one may."
    )
    next_session: str | None = Field(
        description="That moment and why, in words; null while a session may start."
    )
    session_allowed_now: bool
    running_session: int | None
    last_plan: LastPlanOut | None
    habit: HabitOut
    next_step: str
    next_link: str
    safety_net: SafetyNetOut | None = Field(
        description="The emergency signs, unless the check itself says emergency."
    )
