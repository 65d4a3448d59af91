"""The Reminders page: choose session times, days and the weekly PEG score, and download a
calendar file (.ics) for any calendar app; the reminders stop after a few weeks, with one to
review with a GP or physio. The rules are the service layer's
(:func:`sciatica_coach.coach.reminders.reminder_calendar`), the same as ``sciatica-coach remind``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from sciatica_coach.coach.errors import Invalid
from sciatica_coach.coach.person_time import zone_in_use
from sciatica_coach.coach.reminders import reminder_calendar
from sciatica_coach.domain.reminders import DAYS

from ..context import Coach, CoachDep
from ..forms import text, texts
from ..templating import render

router = APIRouter(include_in_schema=False)
FILENAME = "sciatica-coach-reminders.ics"
DAY_NAMES = dict(zip(DAYS, ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), strict=True))
FIELDS = ("time1", "time2", "peg_day", "peg_time", "zone")


def _page(
    request: Request, coach: Coach, values: dict[str, Any], errors: dict[str, str], status: int
) -> HTMLResponse:
    context: dict[str, Any] = {
        "section": "journal",
        "values": values,
        "errors": errors,
        "day_names": DAY_NAMES,
        "most": coach.kb.routine.limits.sessions_per_day,
        "weeks": coach.kb.routine.reminders.review_after_weeks,
    }
    return render(request, "reminders.html", context, status_code=status)


@router.get("/reminders", response_class=HTMLResponse)
def reminders_page(request: Request, coach: CoachDep) -> HTMLResponse:
    values = {
        "time1": "08:00", "time2": "", "days": list(DAYS), "peg_day": "sun",
        "peg_time": "19:00", "zone": zone_in_use(coach.user) or "",
    }  # fmt: skip
    return _page(request, coach, values, {}, 200)


@router.post("/reminders", response_model=None)
async def reminders_file(request: Request, coach: CoachDep) -> Response:
    form = await request.form()
    values: dict[str, Any] = {name: text(form, name) for name in FIELDS}
    values["days"] = [day for day in texts(form, "days") if day in DAYS]
    times = ",".join(t for t in (values["time1"], values["time2"]) if t)
    errors: dict[str, str] = {}
    if not values["days"]:
        errors["days"] = "Choose at least one day."
    try:
        made = reminder_calendar(
            coach.kb, coach.now(), times, ",".join(values["days"]) or "daily",
            values["peg_day"], values["peg_time"], values["zone"],
        )  # fmt: skip
    except Invalid as problem:
        errors = problem.messages() | errors
    if errors:
        if "times" in errors:
            errors["time1"] = errors.pop("times")
        return _page(request, coach, values, errors, 422)
    return Response(
        made.ics,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{FILENAME}"'},
    )
