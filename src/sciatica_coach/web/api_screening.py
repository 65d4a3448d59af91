"""``/api/screenings``: the safety check as JSON, with the same rules and journal as the page."""

from __future__ import annotations

from fastapi import APIRouter

from .api_models import CurrentScreeningOut, ScreeningIn, ScreeningOut
from .context import CoachDep
from .safety import (
    current_screening,
    save_screening,
    screen_answers,
    screening_view,
)

router = APIRouter(prefix="/api/screenings", tags=["screening"])


@router.post("", response_model=ScreeningOut, status_code=201)
def create_screening(body: ScreeningIn, coach: CoachDep) -> ScreeningOut:
    """Screen the answers, add what the journal calls for, and save the result.

    Unanswered questions that could make the result more serious get a 422 naming each one;
    an emergency "yes" decides at once."""
    result = screen_answers(coach, body.answers)
    return screening_view(coach.kb, result, save_screening(coach, result))


@router.get("/current", response_model=CurrentScreeningOut)
def current(coach: CoachDep) -> CurrentScreeningOut:
    """The check a plan or session would rest on now, if one was taken in the last hour."""
    checked = current_screening(coach)
    if checked is None:
        minutes = coach.kb.routine.timing.rescreen_after_minutes
        return CurrentScreeningOut(
            screening=None, message=f"No safety check in the last {minutes} minutes."
        )
    view = screening_view(coach.kb, checked.result, checked)
    message = "A session is allowed." if view.session_allowed else view.message
    return CurrentScreeningOut(screening=view, message=message)
