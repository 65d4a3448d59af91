"""The Settings page: the country whose emergency number the call button on an emergency
result dials. Chosen once, kept with the person's account (each person their own, with
accounts), the same setting as ``sciatica-coach config set country``. With accounts, also the
person's time zone, which "today" and the times shown follow (with none, the computer's)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sciatica_coach.coach import person_time, preferences
from sciatica_coach.coach.errors import Invalid

from ..context import Coach, CoachDep
from ..forms import text
from ..templating import render
from ..views.settings import settings_view

router = APIRouter(include_in_schema=False)
NONE_CHOSEN = ""
"""The choice's value for "not chosen": the app then says "your emergency number"."""
SAVED = ("country", "time_zone")
"""What a ``?saved=`` can say was just saved."""


def _page(
    request: Request,
    coach: Coach,
    saved: str,
    errors: dict[str, str],
    status: int = 200,
) -> HTMLResponse:
    number = preferences.emergency_number(coach.kb, coach.journal)
    zone = coach.zone()
    kept = zone.key if zone is not None else None
    context: dict[str, Any] = {
        "section": "settings",
        "settings": settings_view(coach.kb, number, kept, person_time.zone_in_use(coach.user)),
        "saved": saved,
        "errors": errors,
        "none_chosen": NONE_CHOSEN,
        "zone_per_person": coach.accounts is not None,
        "zone_names": person_time.zone_names(),
        "computer_zone": person_time.computer_zone_words(),
    }
    return render(request, "settings.html", context, status_code=status)


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, coach: CoachDep, saved: str = "") -> HTMLResponse:
    return _page(request, coach, saved if saved in SAVED else "", {})


@router.post("/settings", response_model=None)
async def settings_submit(request: Request, coach: CoachDep) -> Response:
    form = await request.form()
    chosen = text(form, "country")
    try:
        if chosen == NONE_CHOSEN:
            preferences.unset_country(coach.journal)
        else:
            preferences.set_country(coach.kb, coach.journal, chosen)
    except Invalid as problem:
        return _page(request, coach, "", problem.messages(), status=422)
    return RedirectResponse("/settings?saved=country#country", status_code=303)


@router.post("/settings/time-zone", response_model=None)
async def time_zone_submit(request: Request, coach: CoachDep) -> Response:
    form = await request.form()
    chosen = text(form, person_time.FIELD)
    try:
        person_time.choose_zone(coach.accounts, coach.user, chosen)
    except Invalid as problem:
        return _page(request, coach, "", problem.messages(), status=422)
    return RedirectResponse("/settings?saved=time_zone#time-zone", status_code=303)
