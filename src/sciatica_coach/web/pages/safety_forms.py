"""The small forms around the safety check: answer a standing red flag again, record a
doctor's visit, record a clinician's clearance.

Each is its own POST (with the CSRF token, as every form) to one service call, then back to
the check page, which says what became of it. Included in the check page's router (see
:mod:`.screening`), so ``/screen/clearance`` comes before ``/screen/{screening_id}``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sciatica_coach.coach import clearances, flags
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.content import KnowledgeBase

from ..context import CoachDep
from ..forms import text
from ..templating import render

router = APIRouter(include_in_schema=False)
FIELDS = ("reason", "checked_on", "who")


@router.post("/screen/flags/{question_id}", response_model=None)
async def review_flag(request: Request, question_id: str, coach: CoachDep) -> Response:
    """One standing flag answered again: "I pressed the wrong answer" lifts it; "I still have
    it" and "I am still not sure" keep it. The check page then says which."""
    form = await request.form()
    lifted = flags.review_flag(
        coach.kb, coach.journal, coach.now(), question_id, text(form, "answer")
    )
    return RedirectResponse(
        f"/screen?reviewed={'lifted' if lifted else 'kept'}#flags", status_code=303
    )


@router.post("/screen/doctor-visit", response_model=None)
async def doctor_visit(request: Request, coach: CoachDep) -> Response:
    """A doctor has seen the person about one sign since it was raised (a standing flag, or a
    sign logged in the journal)."""
    sign = text(await request.form(), "sign")
    if not sign:
        raise Invalid.one(("sign",), "Say which sign a doctor has seen you about.")
    flags.seen_doctor(coach.kb, coach.journal, coach.now(), sign)
    return RedirectResponse("/screen?reviewed=doctor#flags", status_code=303)


def clearance_context(
    kb: KnowledgeBase,
    now: datetime,
    offered: list[tuple[str, str]],
    values: dict[str, str],
    errors: dict[str, str],
) -> dict[str, Any]:
    """What ``_clearance_form.html`` needs: the reasons offered, the words, what was typed."""
    return {
        "reasons": offered,
        "words": kb.screening.clearances,
        "given": values,
        "errors": errors,
        "today": now.date().isoformat(),
    }


def _page(
    request: Request,
    kb: KnowledgeBase,
    now: datetime,
    values: dict[str, str],
    errors: dict[str, str],
    status: int = 200,
) -> HTMLResponse:
    offered = [(c.id, c.label) for c in clearances.clearable(kb)]
    context = {
        "section": "screen",
        "clearance": clearance_context(kb, now, offered, values, errors),
    }
    return render(request, "clearance.html", context, status_code=status)


@router.get("/screen/clearance", response_class=HTMLResponse)
def clearance_page(request: Request, coach: CoachDep, reason: str = "") -> HTMLResponse:
    """Record that a doctor or physiotherapist checked this pain and said self-care is fine."""
    return _page(request, coach.kb, coach.now(), {"reason": reason[:80]}, {})


@router.post("/screen/clearance", response_model=None)
async def clearance_submit(request: Request, coach: CoachDep) -> Response:
    form = await request.form()
    values = {name: text(form, name) for name in FIELDS}
    now = coach.now()
    try:
        clearances.record_clearance(
            coach.kb, coach.journal, now, values["reason"], values["checked_on"], values["who"]
        )
    except Invalid as problem:
        return _page(request, coach.kb, now, values, problem.messages(), 422)
    return RedirectResponse("/screen?reviewed=cleared", status_code=303)
