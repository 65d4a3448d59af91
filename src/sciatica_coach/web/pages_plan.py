"""The plan pages: choose tools, minutes and experience; see the routine with its steps and the
safety limits it keeps to. No plan without an allowing safety check from the last hour."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sciatica_coach.content.models import SIDES

from .context import Coach, CoachDep
from .errors import Conflict, InputProblem, NotFound
from .forms import text, texts
from .maps import find_map, map_feels, map_places, matches_for
from .plans import PlanRequest, allowing_screening, find_plan, make_plan, plan_view
from .safety import current_screening, place_label, screening_view
from .templating import render

router = APIRouter(include_in_schema=False)
HANDS = "thumb_fingers"


def _blocked(request: Request, coach: Coach, error: Conflict) -> HTMLResponse:
    checked = current_screening(coach)
    result = screening_view(coach.kb, checked.result, checked) if checked else None
    context = {"section": "plan", "error": error, "result": result}
    return render(request, "plan_blocked.html", context, status_code=error.status_code)


def _form(
    request: Request,
    coach: Coach,
    map_id: int | None,
    values: dict[str, Any],
    errors: dict[str, str],
    status: int = 200,
) -> HTMLResponse:
    try:
        checked = allowing_screening(coach)
    except Conflict as error:
        return _blocked(request, coach, error)
    kb = coach.kb
    marked: list[str] = []
    targets: list[Any] = []
    if map_id is not None:
        try:
            entry = find_map(coach, map_id)
            marked = map_places(entry)
            targets = matches_for(coach, marked, map_feels(entry)).targets
        except (NotFound, InputProblem):
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
        "values": values,
        "errors": errors,
        "screening": screening_view(kb, checked.result, checked),
    }
    return render(request, "plan_form.html", context, status_code=status)


@router.get("/plan", response_class=HTMLResponse)
def plan_form(
    request: Request, coach: CoachDep, map_id: int | None = Query(None, alias="map")
) -> HTMLResponse:
    values = {"minutes": "15", "experience": "new", "tools": [], "muscles": []}
    return _form(request, coach, map_id, values, {})


@router.post("/plan", response_model=None)
async def plan_submit(request: Request, coach: CoachDep) -> Response:
    form = await request.form()
    raw_map, raw_minutes = text(form, "map"), text(form, "minutes")
    map_id = int(raw_map) if raw_map.isdigit() else None
    values: dict[str, Any] = {
        "minutes": raw_minutes,
        "experience": text(form, "experience"),
        "tools": texts(form, "tools"),
        "muscles": texts(form, "muscles"),
    }
    if not raw_minutes.isdigit():
        errors = {"minutes": "Give the minutes you have as a whole number, such as 15."}
        return _form(request, coach, map_id, values, errors, 422)
    muscles = [m.split(":", 1) for m in values["muscles"] if ":" in m]
    plan_request = PlanRequest(
        map_id=map_id,
        muscles=[(m[0], m[1]) for m in muscles],
        tools=values["tools"],
        minutes=int(raw_minutes),
        experience=values["experience"] or "new",
    )
    try:
        _plan, plan_id, _created = make_plan(coach, plan_request)
    except InputProblem as problem:
        return _form(request, coach, map_id, values, problem.messages(), 422)
    except Conflict as error:
        return _blocked(request, coach, error)
    suffix = f"?map={map_id}" if map_id is not None else ""
    return RedirectResponse(f"/plan/{plan_id}{suffix}", status_code=303)


@router.get("/plan/{plan_id}", response_class=HTMLResponse)
def plan_page(
    request: Request,
    plan_id: int,
    coach: CoachDep,
    map_id: int | None = Query(None, alias="map"),
) -> HTMLResponse:
    plan, stored = find_plan(coach, plan_id)
    view = plan_view(coach.kb, plan, stored.id, stored.created_at, map_id)
    return render(request, "plan.html", {"section": "plan", "plan": view})
