"""The guided session page: one step at a time, large text, a countdown ring, spoken cues.

The page's script keeps the clock and sends events to ``/api/sessions/{id}/events``; all the
rules (what comes next, when to stop) are the domain's. After the session the person can give
the pain score now and mark the body map again; both go to the journal.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sciatica_coach.domain.screening import safety_net

from .context import Coach, CoachDep
from .errors import Conflict, InputProblem, NotFound
from .forms import score, text, texts
from .maps import find_map, map_feels, map_places
from .pages_map import picker_context
from .plans import plan_summaries
from .session_store import ActiveSession
from .sessions import finish, session_view, start
from .templating import render

router = APIRouter(include_in_schema=False)


@router.get("/session", response_class=HTMLResponse)
def session_index(request: Request, coach: CoachDep) -> HTMLResponse:
    running = [session_view(coach.kb, s) for s in coach.sessions.unfinished()]
    latest = plan_summaries(coach)[:1]
    context = {"section": "session", "running": running, "latest": latest}
    return render(request, "session_index.html", context)


@router.post("/session", response_model=None)
async def session_start(request: Request, coach: CoachDep) -> Response:
    form = await request.form()
    raw_plan, raw_map = text(form, "plan"), text(form, "map")
    if not raw_plan.isdigit():
        raise InputProblem.one(("plan",), "Choose a plan to play.")
    try:
        active = start(coach, int(raw_plan), int(raw_map) if raw_map.isdigit() else None)
    except Conflict as error:
        context = {"section": "session", "error": error, "result": None}
        return render(request, "plan_blocked.html", context, status_code=error.status_code)
    return RedirectResponse(f"/session/{active.id}", status_code=303)


def _page(
    request: Request,
    coach: Coach,
    active: ActiveSession,
    errors: dict[str, str],
    pain_after: str = "",
    status: int = 200,
) -> HTMLResponse:
    where: list[str] = []
    feels: list[str] = []
    if active.before_map_id is not None:
        try:
            entry = find_map(coach, active.before_map_id)
            where, feels = map_places(entry), map_feels(entry)
        except NotFound:
            pass
    script = coach.kb.routine.script
    texts_for_page = {
        "good": script.good,
        "bad": script.bad,
        "no_change": script.no_change,
        "not_found": script.not_found,
        "check_in_question": script.check_in_question,
    }
    context = {
        "section": "session",
        "state": session_view(coach.kb, active),
        "texts": texts_for_page,
        "net": safety_net(coach.kb),
        "errors": errors,
        "pain_after": pain_after,
        **picker_context(coach, where, feels),
    }
    return render(request, "session.html", context, status_code=status)


@router.get("/session/{session_id}", response_class=HTMLResponse)
def session_page(request: Request, session_id: str, coach: CoachDep) -> HTMLResponse:
    return _page(request, coach, coach.sessions.get(session_id), {})


@router.post("/session/{session_id}/finish", response_model=None)
async def session_finish(request: Request, session_id: str, coach: CoachDep) -> Response:
    active = coach.sessions.get(session_id)
    form = await request.form()
    errors: dict[str, str] = {}
    skip = text(form, "action") == "skip"
    pain_after = None if skip else score(form, "pain_after", errors, required=True)
    if errors:
        return _page(request, coach, active, errors, text(form, "pain_after"), 422)
    try:
        where = None if skip else texts(form, "where")
        done = finish(coach, session_id, pain_after, where, [] if skip else texts(form, "feels"))
    except InputProblem as problem:
        return _page(request, coach, active, problem.messages(), text(form, "pain_after"), 422)
    except Conflict as error:
        if error.code != "already_saved":
            raise
        done = active
    return RedirectResponse(f"/journal#session-{done.journal_id}", status_code=303)
