"""The home page: a welcome for someone new (what this is and is not, the emergency signs,
the way through), and for someone with a journal where they stand, as ``sciatica-coach
status`` says it, with the one next step."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from sciatica_coach.coach import adherence, safety, status
from sciatica_coach.coach.last_time import last_time
from sciatica_coach.coach.pain_now import recent_pain
from sciatica_coach.domain.screening import safety_net

from ..context import Coach, CoachDep
from ..templating import render
from ..views.last_time import SameOffer, days_ago, same_offer
from ..views.status import next_step

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, coach: CoachDep) -> HTMLResponse:
    """The welcome for someone new; for someone with a journal, where they stand (the same
    summary as ``sciatica-coach status``) and the one next step."""
    signed_out = coach.accounts is not None and coach.user is None
    found = None if signed_out else status.status(coach.kb, coach.journal, coach.now())
    if found is None or not found.returning:
        return render(request, "home.html", {"section": "home"})
    context = {
        "section": "home",
        "status": found,
        "next": next_step(found),
        "today_words": status.today_words(found),
        "goal_words": adherence.goal_words(found.habit) + adherence.streak_words(found.habit),
        "net": safety_net(coach.kb),
        "flag_words": coach.kb.screening.flags,
        "banner": {
            "message": safety.RED_FLAG_STANDS,
            "restated": [f.restated for f in found.pause.flags],
            "emergency": any(f.flag.level == "emergency" for f in found.pause.flags),
        }
        if found.pause is not None and found.pause.flags
        else None,
        "same": offer(coach, found),
        "check_ago": days_ago(found.last_check_at, coach.now()) if found.last_check_at else "",
    }
    return render(request, "home_back.html", context)


def offer(coach: Coach, found: status.Status) -> SameOffer | None:
    """ "Same as last time", for someone with a plan: to start now when a session may start
    (the home page's next step would be a session), else to say the check comes first. None
    while a check, a pause or a red flag says no, or a session runs: those lead elsewhere."""
    if found.next_step not in ("session", "check"):
        return None
    last = last_time(coach.kb, coach.journal)
    if last is None:
        return None
    now = coach.now()
    pain = recent_pain(coach.kb, coach.journal, now)
    return same_offer(coach.kb, last, now, pain, found.next_step == "session")
