"""The safety check page: the questions of ``screening.yaml`` as a form, emergency ones first.

Sending the form saves the check and redirects to its result (POST, redirect, GET), so a
reload shows the result again instead of saving a second check. A result that rules out a
session is shown on its own, full width for the serious ones, with what to do and no way on to
a plan. The form can be sent at any point: an emergency "yes" is enough to decide.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sciatica_coach.coach import safety
from sciatica_coach.coach.errors import Conflict, Invalid

from ..context import Coach, CoachDep, IdInPath
from ..forms import ANY_SUFFIX, FormProblem, place_groups, screening_answers
from ..templating import render
from ..views.screening import checked_view

router = APIRouter(include_in_schema=False)

GROUPS = (
    ("emergency", "Signs that need help right away"),
    ("urgent", "Signs a doctor should check today"),
    ("see_professional", "Reasons to get checked first"),
    ("not_today", "About today"),
    ("caution", "Things that change how you massage"),
)


def _form_context(coach: Coach, values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    questions = coach.kb.screening.questions
    groups = [
        (level, title, [q for q in questions if q.rule.level == level and not q.from_journal])
        for level, title in GROUPS
    ]
    status = safety.check_status(coach.kb, coach.journal, coach.now())
    return {
        "section": "screen",
        "groups": groups,
        "values": values,
        "errors": errors,
        "places": place_groups(coach.kb),
        "any_suffix": ANY_SUFFIX,
        "labels": {q.id: q.question for q in questions},
        "current": checked_view(coach.kb, status.checked) if status.checked else None,
        "needs_again": status.message if status.code not in ("current", "none") else None,
    }


@router.get("/screen", response_class=HTMLResponse)
def screen_form(request: Request, coach: CoachDep) -> HTMLResponse:
    """The questions; for a returning person, all but the emergency signs (always asked
    fresh) and today's pain come filled in from their last check, to confirm or change."""
    last = coach.journal.latest_screening(until=coach.now())
    values = _last_answers(coach, last.answers) if last is not None else {}
    context = _form_context(coach, values, {})
    context["filled_from"] = last.taken_at if last is not None and values else None
    return render(request, "screen_form.html", context)


ASKED_FRESH_LEVELS = ("emergency",)
ASKED_FRESH = ("pain_now", "flare")
"""Never filled in from last time: the emergency signs, and how today is."""


def _last_answers(coach: Coach, answers: Mapping[str, object]) -> dict[str, Any]:
    """Last check's answers as the form shows them (yes/no/not sure, areas, numbers)."""
    values: dict[str, Any] = {}
    for question in coach.kb.screening.questions:
        given = answers.get(question.id)
        fresh = question.rule.level in ASKED_FRESH_LEVELS or question.id in ASKED_FRESH
        if fresh or question.from_journal or given is None:
            continue
        if question.kind == "regions" and isinstance(given, list):
            values[question.id] = [str(place) for place in given]
            values[question.id + ANY_SUFFIX] = "yes" if given else "no"
        elif isinstance(given, bool):
            values[question.id] = "yes" if given else "no"
        elif given == "not_sure" or (isinstance(given, int) and question.kind != "yes_no"):
            values[question.id] = str(given)
    return values


@router.post("/screen", response_model=None)
async def screen_submit(request: Request, coach: CoachDep) -> Response:
    form = await request.form()
    mistake = form.get("answered_by_mistake") == "yes"
    try:
        answers, _shown = screening_answers(coach.kb, form)
        checked = safety.take_check(coach.kb, coach.journal, coach.now(), answers, mistake)
    except FormProblem as problem:
        return _again(request, coach, problem.shown, problem.problem)
    except Invalid as problem:
        return _again(request, coach, _shown_again(coach, form), problem)
    except Conflict as refusal:  # a red flag from the last hour stands
        context = _form_context(coach, _shown_again(coach, form), {})
        context["red_flag_stands"] = refusal.message
        return render(request, "screen_form.html", context, status_code=409)
    return RedirectResponse(f"/screen/{checked.journal_id}", status_code=303)


@router.get("/screen/{screening_id}", response_class=HTMLResponse)
def screen_result(request: Request, screening_id: IdInPath, coach: CoachDep) -> HTMLResponse:
    checked = safety.saved_check(coach.kb, coach.journal, screening_id)
    current = safety.current_check(coach.kb, coach.journal, coach.now())
    context = {
        "section": "screen",
        "result": checked_view(coach.kb, checked),
        "still_current": current is not None and current.journal_id == checked.journal_id,
    }
    return render(request, "screen_result.html", context)


def _shown_again(coach: Coach, form: Any) -> dict[str, Any]:
    try:
        return screening_answers(coach.kb, form)[1]
    except FormProblem as problem:
        return problem.shown


def _again(
    request: Request, coach: Coach, values: dict[str, Any], problem: Invalid
) -> HTMLResponse:
    context = _form_context(coach, values, problem.messages())
    return render(request, "screen_form.html", context, status_code=422)
