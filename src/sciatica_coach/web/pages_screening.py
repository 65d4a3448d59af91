"""The safety check page: the questions of ``screening.yaml`` as a form, emergency ones first.

A result that rules out a session (emergency, urgent, see a professional, not today) is shown
on its own, full width for the serious ones, with what to do and no way on to a plan. The form
can be sent at any point: an emergency "yes" is enough to decide, as in the CLI.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from .context import Coach, CoachDep
from .errors import InputProblem
from .forms import ANY_SUFFIX, FormProblem, place_groups, screening_answers
from .safety import current_screening, save_screening, screen_answers, screening_view
from .templating import render

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
    checked = current_screening(coach)
    return {
        "section": "screen",
        "groups": groups,
        "values": values,
        "errors": errors,
        "places": place_groups(coach.kb),
        "any_suffix": ANY_SUFFIX,
        "labels": {q.id: q.question for q in questions},
        "current": screening_view(coach.kb, checked.result, checked) if checked else None,
    }


@router.get("/screen", response_class=HTMLResponse)
def screen_form(request: Request, coach: CoachDep) -> HTMLResponse:
    return render(request, "screen_form.html", _form_context(coach, {}, {}))


@router.post("/screen", response_class=HTMLResponse)
async def screen_submit(request: Request, coach: CoachDep) -> HTMLResponse:
    form = await request.form()
    try:
        answers, _shown = screening_answers(coach.kb, form)
        result = screen_answers(coach, answers)
    except FormProblem as problem:
        return _again(request, coach, problem.shown, problem.problem)
    except InputProblem as problem:
        return _again(request, coach, _shown_again(coach, form), problem)
    checked = save_screening(coach, result)
    view = screening_view(coach.kb, result, checked)
    return render(request, "screen_result.html", {"section": "screen", "result": view})


def _shown_again(coach: Coach, form: Any) -> dict[str, Any]:
    try:
        return screening_answers(coach.kb, form)[1]
    except FormProblem as problem:
        return problem.shown


def _again(
    request: Request, coach: Coach, values: dict[str, Any], problem: InputProblem
) -> HTMLResponse:
    context = _form_context(coach, values, problem.messages())
    return render(request, "screen_form.html", context, status_code=422)
