"""``/api/sessions``: guided sessions kept in the journal, on the server's clock.

A player (the page, or any client) sends only what the person does — start, next, pause,
resume, spot found or not, how a hold felt, stop — and shows the state that comes back; it
counts the time left down itself and asks again (``GET``) when a countdown ends. No ticks:
holds end by the clock, so any number of tabs see the same session. An event that does not fit
the current phase, or that was sent while looking at an older version, gets 409 with the
session as it is now; "bad" ends the session at once.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from sciatica_coach.coach import sessions
from sciatica_coach.coach.errors import Conflict
from sciatica_coach.coach.maps import read_feels, read_places

from ..context import Coach, CoachDep, IdInPath
from ..errors import conflict_body, status_of
from ..views.models import NotFoundOut, RefusalOut
from ..views.models_session import (
    ContactIn,
    EventIn,
    FinishIn,
    SessionIn,
    SessionOut,
)
from ..views.sessions import after_warning, session_view

router = APIRouter(prefix="/api/sessions", tags=["sessions"])
ERRORS: dict[int | str, dict[str, object]] = {
    404: {"description": "No session with this id", "model": NotFoundOut},
    409: {
        "description": "The event does not fit the session now (wrong phase, older version)",
        "model": RefusalOut,
    },
}


@router.post(
    "",
    response_model=SessionOut,
    status_code=201,
    responses={
        403: {"description": "Not safe to play this plan now", "model": RefusalOut},
        409: {"description": "A safety check is needed first", "model": RefusalOut},
    },
)
def create_session(body: SessionIn, coach: CoachDep) -> SessionOut:
    """Open a session for a saved plan, after the same checks as the CLI: a current safety
    check that allows it, no new limits, and today's dose. It starts with a ``start`` event."""
    live = sessions.open_session(
        coach.kb, coach.journal, coach.now(), body.plan_id, body.before_map_id
    )
    return session_view(coach.kb, live)


@router.get("/{session_id}", response_model=SessionOut, responses=ERRORS)
def get_session(session_id: IdInPath, coach: CoachDep) -> SessionOut:
    """The session as it is now (a countdown that ran out has moved on); once the map after it
    is saved, ``after_warning`` says what it shows that needs a check."""
    live = sessions.get(coach.journal, coach.now(), session_id)
    return session_view(coach.kb, live, after_warning(coach.kb, coach.journal, live))


@router.post("/{session_id}/events", response_model=SessionOut, responses=ERRORS)
def session_event(session_id: IdInPath, body: EventIn, coach: CoachDep) -> Any:
    """Apply one event: start, next, pause, resume, spot, feeling, stop. A stop or a pause
    may say when it was pressed (``at``), for a player that was out of contact."""
    pressed_at = getattr(body, "at", None)
    try:
        live = sessions.act(
            coach.kb,
            coach.journal,
            coach.now(),
            session_id,
            body.event(),
            body.version,
            client_at=pressed_at,
        )
    except Conflict as error:
        return _conflict_with_state(coach, session_id, error)
    return session_view(coach.kb, live)


@router.post("/{session_id}/contact", response_model=SessionOut, responses=ERRORS)
def session_contact(session_id: IdInPath, body: ContactIn, coach: CoachDep) -> SessionOut:
    """A player showing the session says it is still there (every 10 s or so) or that it is
    back (``returning``). Back after more than 30 s without a word while a countdown ran, the
    session waits, paused, at that step's get-ready with its full time: nothing after the
    last word is counted, and no hold is taken as done."""
    now = coach.now()
    if body.returning:
        live = sessions.reopen(coach.journal, now, session_id)
    else:
        live = sessions.touch(coach.journal, now, session_id)
    return session_view(coach.kb, live)


@router.post("/{session_id}/finish", response_model=SessionOut, responses=ERRORS)
def finish_session(session_id: IdInPath, body: FinishIn, coach: CoachDep) -> SessionOut:
    """Once it is over: the pain score now and, if given, the body map marked again
    (``where``), so the journal shows before and after side by side. When that map shows
    numbness or new places, ``after_warning`` says at once what to do."""
    after = None
    if body.where is not None:
        after = (read_places(coach.kb, body.where), read_feels(body.feels))
    live = sessions.finish(coach.journal, coach.now(), session_id, body.pain_after, after)
    return session_view(coach.kb, live, after_warning(coach.kb, coach.journal, live))


def _conflict_with_state(coach: Coach, session_id: int, error: Conflict) -> JSONResponse:
    """409 (or 403) with the session as it is now, so the player can show it."""
    body = conflict_body(error)
    if error.code in ("wrong_phase", "stale_version"):
        live = sessions.get(coach.journal, coach.now(), session_id)
        body["detail"]["session"] = session_view(coach.kb, live).model_dump(mode="json")
    return JSONResponse(body, status_code=status_of(error))
