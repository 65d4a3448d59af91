"""``/api/screenings``: the safety check as JSON, with the same rules and journal as the page."""

from __future__ import annotations

from fastapi import APIRouter

from sciatica_coach.coach import safety

from ..context import CoachDep
from ..views.models import CurrentScreeningOut, RefusalOut, ScreeningIn, ScreeningOut
from ..views.screening import checked_view

router = APIRouter(prefix="/api/screenings", tags=["screening"])


@router.post(
    "",
    response_model=ScreeningOut,
    status_code=201,
    responses={409: {"description": "A red flag from the last hour stands", "model": RefusalOut}},
)
def create_screening(body: ScreeningIn, coach: CoachDep) -> ScreeningOut:
    """Screen the answers, add what the journal calls for, and save the result.

    Unanswered questions that could make the result more serious get a 422 naming each one;
    an emergency "yes" (or "not sure") decides at once. An emergency or urgent result stands
    for an hour: answers that would lift it get 409 unless ``answered_by_mistake``."""
    checked = safety.take_check(
        coach.kb, coach.journal, coach.now(), body.answers, body.answered_by_mistake
    )
    return checked_view(coach.kb, checked)


@router.get("/current", response_model=CurrentScreeningOut)
def current(coach: CoachDep) -> CurrentScreeningOut:
    """The check a plan or session would rest on now, or why a new one is needed."""
    status = safety.check_status(coach.kb, coach.journal, coach.now())
    if status.checked is None:
        return CurrentScreeningOut(screening=None, code=status.code, message=status.message)
    view = checked_view(coach.kb, status.checked)
    message = "A session is allowed." if view.session_allowed else view.message
    return CurrentScreeningOut(screening=view, code=status.code, message=message)
