"""The guided session page: one step at a time, large text, a countdown ring, spoken cues.

The page shows the session as the server has it and counts the time left down on its own; it
sends only what the person does to ``/api/sessions/{id}/events`` (with the version it was
looking at) and asks again when a countdown ends. All the rules are the domain's; the state is
in the journal, so a reload, a second tab or a restarted server shows the same session. After
the session the person can give the pain score now and mark the body map again.
"""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sciatica_coach.coach import flags, plans, safety, sessions
from sciatica_coach.coach.errors import Conflict, Invalid, NotFound
from sciatica_coach.coach.maps import find_map, map_feels, map_places, read_feels, read_places
from sciatica_coach.coach.pain_now import recent_pain
from sciatica_coach.domain.plan_model import PlanStep
from sciatica_coach.domain.screening import safety_net
from sciatica_coach.domain.session import STOPPED_BY_USER

from ..context import Coach, CoachDep, IdInPath
from ..forms import form_id, score, text, texts
from ..templating import render
from ..views.plans import summary_view
from ..views.screening import checked_view
from ..views.sessions import STOP_WORDS, after_warning, session_view
from .body_map import picker_context
from .plan import blocked

router = APIRouter(include_in_schema=False)
LATEST_LOOKED_AT = 20
"""How many of the newest plans are looked through for the latest one that can be read."""
PAUSED_HERE = "Paused on this phone. Your pause is sent as soon as the connection is back."
NO_PAIN_AND_PLACES = (
    "You ticked “No pain now” and marked places too. Untick one of them: the map is saved "
    "as you leave it."
)


@router.get("/session", response_class=HTMLResponse)
def session_index(request: Request, coach: CoachDep) -> HTMLResponse:
    now = coach.now()
    running = [session_view(coach.kb, s) for s in sessions.unfinished(coach.journal, now)]
    newest = plans.plan_summaries(coach.kb, coach.journal, LATEST_LOOKED_AT).entries
    latest = [summary_view(s) for s in newest[:1]]
    checked = safety.current_check(coach.kb, coach.journal, now)
    check = checked_view(coach.kb, checked) if checked and checked.result.session_allowed else None
    standing = flags.standing_flags(coach.kb, coach.journal, now)
    banner = (
        {
            "message": safety.RED_FLAG_STANDS,
            "restated": [f.restated for f in standing],
            "emergency": any(f.flag.level == "emergency" for f in standing),
        }
        if standing
        else None
    )
    context = {
        "section": "session",
        "running": running,
        "latest": latest,
        "check": check,
        "banner": banner,
        "flag_words": coach.kb.screening.flags,
    }
    return render(request, "session_index.html", context)


@router.post("/session", response_model=None)
async def session_open(request: Request, coach: CoachDep) -> Response:
    form = await request.form()
    plan_id = form_id(form, "plan")
    if plan_id is None:
        raise Invalid.one(("plan",), "Choose a plan to play.")
    map_id = form_id(form, "map")
    try:
        live = sessions.open_session(coach.kb, coach.journal, coach.now(), plan_id, map_id)
    except Conflict as error:
        return blocked(request, coach, error, "session")
    return RedirectResponse(f"/session/{live.id}", status_code=303)


def _page(
    request: Request,
    coach: Coach,
    live: sessions.LiveSession,
    errors: dict[str, str],
    pain_after: str = "",
    status: int = 200,
    no_pain: bool = False,
) -> HTMLResponse:
    where: list[str] = []
    feels: list[str] = []
    if live.before_map_id is not None:
        try:
            entry = find_map(coach.journal, live.before_map_id)
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
    # What the player says and shows when it stops or pauses with no contact: the same words
    # the server would send (pending.js, session.js).
    words = {
        "bad_pain_stop": script.bad_pain_stop,
        "what_to_do": list(script.bad_pain_what_to_do),
        "stopped": STOP_WORDS[STOPPED_BY_USER],
        "paused_here": PAUSED_HERE,
    }
    context = {
        "section": "session",
        "state": session_view(coach.kb, live, after_warning(coach.kb, coach.journal, live)),
        "texts": texts_for_page,
        "net": safety_net(coach.kb),
        "errors": errors,
        "pain_after": pain_after,
        "no_pain": no_pain,
        "words": words,
        "step_title": step_title(live.state.plan.steps, live.state.index),
        "pain_given": recent_pain(coach.kb, coach.journal, coach.now())
        if live.state.phase == "ready"
        else None,
        **picker_context(coach, where, feels),
    }
    return render(request, "session.html", context, status_code=status)


def step_title(steps: Sequence[PlanStep], index: int) -> str:
    """The heading of the step panel before a step is under way (the script fills it after):
    the step the session is at, or the first one, so the heading is never empty."""
    if not steps:
        return "Your session"
    return steps[min(max(index, 0), len(steps) - 1)].title


@router.get("/session/{session_id}", response_class=HTMLResponse)
def session_page(request: Request, session_id: IdInPath, coach: CoachDep) -> HTMLResponse:
    """Opening the page is coming back to the session (a reload, a tab closed and opened
    again): after a break it waits at the get-ready of the step it was on."""
    return _page(request, coach, sessions.reopen(coach.journal, coach.now(), session_id), {})


@router.post("/session/{session_id}/finish", response_model=None)
async def session_finish(request: Request, session_id: IdInPath, coach: CoachDep) -> Response:
    live = sessions.get(coach.journal, coach.now(), session_id)
    form = await request.form()
    errors: dict[str, str] = {}
    skip = text(form, "action") == "skip"
    pain_after = None if skip else score(form, "pain_after", errors, required=True)
    if errors:
        return _page(request, coach, live, errors, text(form, "pain_after"), 422)
    no_pain = text(form, "no_pain") == "yes"
    where = texts(form, "where")
    if no_pain and where and not skip:
        errors["no_pain"] = NO_PAIN_AND_PLACES
        return _page(request, coach, live, errors, text(form, "pain_after"), 422, no_pain)
    try:
        after = None
        # An empty map after the session says "no pain anywhere": saved only when the person
        # says so, never because nothing was marked (web review, major 3).
        if not skip and (where or no_pain):
            after = (read_places(coach.kb, where), read_feels(texts(form, "feels")))
        live = sessions.finish(coach.journal, coach.now(), session_id, pain_after, after)
    except Invalid as problem:
        messages = problem.messages()
        return _page(request, coach, live, messages, text(form, "pain_after"), 422, no_pain)
    except Conflict as error:
        if error.code != "already_saved":
            raise
    if after_warning(coach.kb, coach.journal, live):  # said at once, on the session's page
        return RedirectResponse(f"/session/{session_id}#after-warning", status_code=303)
    return RedirectResponse(f"/journal#session-{session_id}", status_code=303)
