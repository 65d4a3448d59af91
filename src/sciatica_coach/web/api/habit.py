"""``/api/status`` (where a returning person stands) and ``/api/journal/goal`` (the weekly
goal, this week against it, the streak, and pain just before and just after sessions; while
self-massage is paused, the goal is on hold and that pain is left out)."""

from __future__ import annotations

from fastapi import APIRouter, Query

from sciatica_coach.coach import adherence, status

from ..context import CoachDep
from ..views.models_habit import GoalIn, HabitOut, StatusOut
from ..views.status import habit_out, status_out

router = APIRouter(prefix="/api", tags=["journal"])


@router.get("/status", response_model=StatusOut)
def where_you_stand(coach: CoachDep) -> StatusOut:
    """The last safety check and whether it counts, sessions left today, a session still
    running, the last plan, this week's goal and the one next step."""
    return status_out(coach.kb, status.status(coach.kb, coach.journal, coach.now()))


@router.get("/journal/goal", response_model=HabitOut)
def weekly_goal(coach: CoachDep, weeks: int = Query(8, ge=1, le=52)) -> HabitOut:
    """The weekly goal, the last ``weeks`` weeks against it, the streak, and pain just before
    and just after sessions (none while self-massage is paused)."""
    return habit_out(coach.kb, adherence.habit(coach.kb, coach.journal, coach.now(), weeks))


@router.put("/journal/goal", response_model=HabitOut)
def set_weekly_goal(body: GoalIn, coach: CoachDep) -> HabitOut:
    """Set the weekly goal (at most 14 sessions: two a day; at most 1 PEG score, as it asks
    about the past week)."""
    adherence.set_goal(coach.kb, coach.journal, coach.now(), body.sessions, body.pegs)
    return habit_out(coach.kb, adherence.habit(coach.kb, coach.journal, coach.now()))
