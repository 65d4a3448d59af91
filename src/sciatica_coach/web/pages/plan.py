"""The plan pages: choose tools, minutes and experience; see the routine with its steps and the
safety limits it keeps to. No plan without a current safety check that allows a session."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sciatica_coach.coach import preferences, safety, sessions
from sciatica_coach.coach.errors import Conflict, Invalid, NotFound
from sciatica_coach.coach.last_time import EXPERIENCED_AFTER, last_time, same_again
from sciatica_coach.coach.maps import find_map, map_feels, map_places, match_places
from sciatica_coach.coach.plans import PlanRequest, find_plan, make_plan
from sciatica_coach.content.models import SIDES
from sciatica_coach.domain.days import zone_of
from sciatica_coach.domain.planning import targets_from_matches
from sciatica_coach.domain.screening import safety_net

from ..context import Coach, CoachDep, IdInPath
from ..downloads import pdf_download
from ..errors import status_of
from ..forms import form_id, text, texts, whole_number
from ..templating import render
from ..views.plans import plan_view
from ..views.screening import checked_view, place_label, safety_net_view

router = APIRouter(include_in_schema=False)
HANDS = "thumb_fingers"


def blocked(request: Request, coach: Coach, error: Conflict, section: str) -> HTMLResponse:
    """Why there is no plan or session now, with the safety check if that is the reason."""
    checked = safety.current_check(coach.kb, coach.journal, coach.now())
    result = checked_view(coach.kb, checked) if checked else None
    context = {
        "section": section,
        "error": error,
        "result": result,
        "flag_words": coach.kb.screening.flags,
    }
    return render(request, "plan_blocked.html", context, status_code=status_of(error))


def _form(
    request: Request,
    coach: Coach,
    map_id: int | None,
    values: dict[str, Any],
    errors: dict[str, str],
    status: int = 200,
) -> HTMLResponse:
    kb = coach.kb
    try:
        checked = safety.allowing_check(kb, coach.journal, coach.now())
    except Conflict as error:
        return blocked(request, coach, error, "plan")
    marked: list[str] = []
    targets: list[Any] = []
    if map_id is not None:
        try:
            entry = find_map(coach.journal, map_id)
            marked = map_places(entry)
            targets = targets_from_matches(match_places(kb, marked, map_feels(entry)).result)
        except (NotFound, Invalid):
            map_id, marked = None, []
    context = {
        "section": "plan",
        "map_id": map_id,
        "marked": [place_label(kb, k) for k in marked],
        "map_query": urlencode([("where", k) for k in marked]),
        "targets": [(kb.muscles[t.muscle_id].name, t) for t in targets],
        "tools": [t for t in kb.tools.all() if t.id != HANDS],
        "muscles": kb.muscles.all(),
        "sides": SIDES,
        "timing": kb.routine.timing,
        "limits": kb.routine.limits,
        "experienced_after": EXPERIENCED_AFTER,
        "values": values,
        "errors": errors,
        "screening": checked_view(kb, checked),
    }
    return render(request, "plan_form.html", context, status_code=status)


@router.get("/plan", response_class=HTMLResponse)
def plan_form(
    request: Request, coach: CoachDep, map_id: int | None = Query(None, alias="map")
) -> HTMLResponse:
    defaults = preferences.plan_defaults(coach.kb)  # 'sciatica-coach config set ...'
    values: dict[str, Any] = {
        "minutes": str(defaults.minutes),
        "experience": defaults.experience,
        "tools": list(defaults.tools),
        "muscles": [],
    }
    last = last_time(coach.kb, coach.journal)
    if last is not None:  # what the person chose last time wins over the settings file
        values |= {
            "minutes": str(last.minutes),
            "experience": last.experience,
            "tools": list(last.tools),
            "eased": last.experience != last.chosen_experience,
            "ready_for_more": last.ready_for_more,
        }
    return _form(request, coach, map_id, values, {})


@router.post("/plan/same-again", response_model=None)
async def same_again_submit(request: Request, coach: CoachDep) -> Response:
    """ "Same as last time": last time's choices made into a plan now, through the plan
    service with all its checks, and its session opened (ready to start) in one tap."""
    await request.form()
    last = last_time(coach.kb, coach.journal)
    if last is None:
        return RedirectResponse("/plan", status_code=303)
    try:
        saved = same_again(coach.kb, coach.journal, coach.now(), last)
        live = sessions.open_session(coach.kb, coach.journal, coach.now(), saved.id)
    except Invalid as problem:  # last time's map or tools no longer make a plan
        values = {
            "minutes": str(last.minutes),
            "experience": last.experience,
            "tools": list(last.tools),
            "muscles": [],
        }
        return _form(request, coach, last.map_id, values, problem.messages(), 422)
    except Conflict as error:
        return blocked(request, coach, error, "plan")
    return RedirectResponse(f"/session/{live.id}", status_code=303)


@router.post("/plan", response_model=None)
async def plan_submit(request: Request, coach: CoachDep) -> Response:
    form = await request.form()
    map_id = form_id(form, "map")
    minutes = whole_number(text(form, "minutes"))
    values: dict[str, Any] = {
        "minutes": text(form, "minutes"),
        "experience": text(form, "experience"),
        "tools": texts(form, "tools"),
        "muscles": texts(form, "muscles"),
    }
    if minutes is None:
        raw = values["minutes"]
        said = f"'{raw[:20]}' is not a whole number. " if raw else ""  # the field shows it no more
        errors = {"minutes": f"{said}Give the minutes you have as a whole number, such as 15."}
        return _form(request, coach, map_id, values, errors, 422)
    muscles = [m.split(":", 1) for m in values["muscles"] if ":" in m]
    plan_request = PlanRequest(
        map_id=map_id,
        muscles=[(m[0], m[1]) for m in muscles],
        tools=values["tools"],
        minutes=minutes,
        experience=values["experience"] or "new",
    )
    try:
        saved = make_plan(coach.kb, coach.journal, coach.now(), plan_request)
    except Invalid as problem:
        return _form(request, coach, map_id, values, problem.messages(), 422)
    except Conflict as error:
        return blocked(request, coach, error, "plan")
    suffix = f"?map={map_id}" if map_id is not None else ""
    return RedirectResponse(f"/plan/{saved.id}{suffix}", status_code=303)


@router.get("/plan/{plan_id}", response_class=HTMLResponse)
def plan_page(
    request: Request,
    plan_id: IdInPath,
    coach: CoachDep,
    map_id: int | None = Query(None, alias="map"),
) -> HTMLResponse:
    plan, stored = find_plan(coach.journal, plan_id)
    view = plan_view(coach.kb, plan, stored.id, stored.created_at, map_id)
    net = safety_net_view(safety_net(coach.kb))  # printed at the top (see app.css)
    return render(request, "plan.html", {"section": "plan", "plan": view, "net": net})


@router.get("/plan/{plan_id}/routine.pdf", response_class=Response)
def plan_printout(plan_id: IdInPath, coach: CoachDep) -> Response:
    """The routine to print, as ``sciatica-coach plan --print`` writes it."""
    from sciatica_coach.exports.program_pdf import program_pdf  # late: fpdf2 loads in 0.3 s

    plan, stored = find_plan(coach.journal, plan_id)
    made = stored.created_at.astimezone(zone_of(coach.now()))
    return pdf_download(program_pdf(coach.kb, plan, made), f"routine-{plan_id}.pdf")
