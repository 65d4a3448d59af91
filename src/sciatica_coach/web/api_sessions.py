"""``/api/sessions``: guided sessions driven by events; the state lives on the server.

A page (or any client) sends what happens — clock ticks, next, pause, resume, spot found or
not, how a hold felt, stop — and shows the state that comes back. An event that does not fit
the current phase gets 409 with the phase; "bad" ends the session at once.
"""

from __future__ import annotations

from fastapi import APIRouter

from .api_models import RefusalOut
from .api_models_session import EventIn, FinishIn, SessionIn, SessionOut
from .context import CoachDep
from .sessions import domain_event, finish, session_view, start

router = APIRouter(prefix="/api/sessions", tags=["sessions"])
ERRORS: dict[int | str, dict[str, object]] = {
    404: {"description": "No session with this id"},
    409: {"description": "The event does not fit the session's phase", "model": RefusalOut},
}


@router.post(
    "",
    response_model=SessionOut,
    status_code=201,
    responses={
        403: {"description": "Not safe to play this plan now", "model": RefusalOut},
        409: {"description": "No safety check in the last hour", "model": RefusalOut},
    },
)
def create_session(body: SessionIn, coach: CoachDep) -> SessionOut:
    """Open a session for a saved plan, after the same checks as the CLI: a safety check from
    the last hour that allows it, no new limits, and today's dose limits."""
    return session_view(coach.kb, start(coach, body.plan_id, body.before_map_id))


@router.get("/{session_id}", response_model=SessionOut, responses=ERRORS)
def get_session(session_id: str, coach: CoachDep) -> SessionOut:
    return session_view(coach.kb, coach.sessions.get(session_id))


@router.post("/{session_id}/events", response_model=SessionOut, responses=ERRORS)
def session_event(session_id: str, body: EventIn, coach: CoachDep) -> SessionOut:
    """Apply one event: start, tick (seconds passed), next, pause, resume, spot, feeling, stop."""
    active = coach.sessions.apply(session_id, domain_event(body), coach.now())
    return session_view(coach.kb, active)


@router.post("/{session_id}/finish", response_model=SessionOut, responses=ERRORS)
def finish_session(session_id: str, body: FinishIn, coach: CoachDep) -> SessionOut:
    """Once it is over: save the session with the pain score after and, if given, the body map
    marked again (``where``), so the journal shows before and after side by side."""
    active = finish(coach, session_id, body.pain_after, body.where, body.feels)
    return session_view(coach.kb, active)
