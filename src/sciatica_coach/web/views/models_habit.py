"""The API's shapes for the weekly goal, "what helped" and a returning person's status."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from .models import InModel, Model, SafetyNetOut


class GoalIn(InModel):
    sessions: int = Field(ge=0, le=14, description="Sessions a week (two a day at most count).")
    pegs: int = Field(ge=0, le=7, description="PEG scores a week.")


class GoalOut(Model):
    sessions: int
    pegs: int
    since: date


class GoalWeekOut(Model):
    start: date = Field(description="The Monday the week starts.")
    sessions: int = Field(description="Sessions, at most two counted a day.")
    pegs: int
    met: bool


class HelpedOut(Model):
    kind: str = Field(description="muscle or tool")
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
    words: list[str]
    what_helped: list[HelpedOut]
    what_helped_caveat: str


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
    sessions_today: int
    sessions_left: int
    session_allowed_now: bool
    running_session: int | None
    last_plan: LastPlanOut | None
    habit: HabitOut
    next_step: str
    next_link: str
    safety_net: SafetyNetOut | None = Field(
        description="The emergency signs, unless the check itself says emergency."
    )
