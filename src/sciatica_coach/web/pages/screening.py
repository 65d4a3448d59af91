"""The safety check page: the daily questions of ``screening.yaml`` as a form, one group per
topic (the first holds every emergency sign), and the health history when it is due (or the
person asks to change it).

Every daily question is asked afresh each time, never filled in from an earlier check (the
one exception: the pain score given in the last hour, which is the same moment). The health
history is kept and shown for the person to look over and confirm about once a week; in
between, the page only says when it was confirmed, with a way to change it.

Sending the form saves the check and redirects to its result (POST, redirect, GET), so a
reload shows the result again instead of saving a second check. A result that rules out a
session is shown on its own, full width for the serious ones, with what to do and no way on to
a plan. The form can be sent at any point: an emergency "yes" is enough to decide.

Red flags that stand are restated at the top of the page and of each result, each with its
own buttons to answer it again (:mod:`.safety_forms`).

"Describe it in your own words" (``POST /screen/describe``, from this form or the map's) shows
the form again with each question the words speak to answered with the words' answer ("yes" or
"not sure", never lower than the one given) and the words beside it, for the person to confirm
or change; a question the words deny stays unanswered. Nothing is saved: the answers sent go
through the check as any others.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sciatica_coach.coach import clearances, safety, safety_records, status
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.coach.health_history import (
    PAIN_BEGAN,
    PAIN_BEGAN_MISSING,
    history_questions,
    is_due,
)
from sciatica_coach.coach.pain_now import recent_pain
from sciatica_coach.coach.safety_records import KeptHistory
from sciatica_coach.coach.setup import JournalDamaged
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.screening_models import Question
from sciatica_coach.domain.screening import safety_net, severity

from ..context import Coach, CoachDep, IdInPath
from ..forms import ANY_SUFFIX, HISTORY_SHOWN, FormProblem, place_groups, screening_answers
from ..templating import render
from ..views import describe as words
from ..views.last_time import SameOffer
from ..views.models import ScreeningOut
from ..views.safety import standing_view
from ..views.screening import checked_view, place_label, safety_net_view
from . import home, safety_forms

router = APIRouter(include_in_schema=False)

PAIN_NOW = "pain_now"
REVIEWED = ("lifted", "kept", "doctor", "cleared")


def _form_values(kb: KnowledgeBase, answers: dict[str, Any]) -> dict[str, Any]:
    """Kept history answers as the form shows them (yes/no/not sure, areas, numbers)."""
    values: dict[str, Any] = {}
    for question in history_questions(kb):
        given = answers.get(question.id)
        if given is None:
            continue
        if question.kind == "regions" and isinstance(given, list):
            values[question.id] = [str(place) for place in given]
            values[question.id + ANY_SUFFIX] = "yes" if given else "no"
        elif isinstance(given, bool):
            values[question.id] = "yes" if given else "no"
        elif given == "not_sure" or (isinstance(given, int) and question.kind != "yes_no"):
            values[question.id] = str(given)
    return values


def _kept_values(kb: KnowledgeBase, kept: KeptHistory | None) -> dict[str, Any]:
    if kept is None:
        return {}
    values = _form_values(kb, kept.answers)
    if kept.pain_began is not None:
        values[PAIN_BEGAN] = kept.pain_began.isoformat()
    return values


@dataclass(frozen=True)
class Group:
    """The daily questions of one topic (``screening.yaml`` topics), under a heading that names
    the topic and never the consequence (a heading such as "signs that need help right away"
    invites a "no"). ``level`` is the most serious level a question of the group has alone: the
    page's script asks an ``emergency`` group one question at a time, with no "None of
    these"."""

    topic: str
    title: str
    level: str
    questions: list[Question]


def groups(kb: KnowledgeBase) -> list[Group]:
    """The daily questions asked on the page, topic by topic, in the content's order."""
    daily = [q for q in kb.screening.questions if q.part == "daily" and not q.from_journal]
    found = []
    for topic in kb.screening.topics:
        questions = [q for q in daily if q.topic == topic.id]
        if questions:
            level = max((q.rule.level for q in questions), key=severity)
            found.append(Group(topic.id, topic.title, level, questions))
    return found


def _form_context(
    coach: Coach,
    values: dict[str, Any],
    errors: dict[str, str],
    show_history: bool = False,
    reviewed: str = "",
) -> dict[str, Any]:
    kb, journal, now = coach.kb, coach.journal, coach.now()
    questions = kb.screening.questions
    kept = safety_records.read(journal, now).history
    due = is_due(kb, kept, now)
    shown = due or show_history
    if shown:
        values = {**_kept_values(kb, kept), **values}
    status = safety.check_status(kb, journal, now)
    words = kb.screening.health_history
    labels = {q.id: q.question for q in questions} | {PAIN_BEGAN: words.pain_began_question}
    return {
        "section": "screen",
        "groups": groups(kb),
        "values": values,
        "errors": errors,
        "places": place_groups(kb),
        "any_suffix": ANY_SUFFIX,
        "labels": labels,
        "current": checked_view(kb, status.checked) if status.checked else None,
        "needs_again": status.message if status.code not in ("current", "none") else None,
        "history": {
            "shown": shown,
            "due": due,
            "kept": kept,
            "questions": history_questions(kb),
            "words": words,
            "shown_field": HISTORY_SHOWN,
            "pain_began": PAIN_BEGAN,
        },
        "today": now.date().isoformat(),
        "standing": _standing(coach),
        "flag_words": kb.screening.flags,
        "reviewed": reviewed if reviewed in REVIEWED else "",
        "describe": "",
        "reading": None,
    }


@router.get("/screen", response_class=HTMLResponse)
def screen_form(
    request: Request, coach: CoachDep, history: str = "", reviewed: str = ""
) -> HTMLResponse:
    """The daily questions, all unanswered; the health history when it is due or asked for
    (``?history=change``); the red flags that stand, to answer again."""
    values: dict[str, Any] = {}
    pain = recent_pain(coach.kb, coach.journal, coach.now())
    if pain is not None:  # pain is asked once per sitting: the score given a moment ago
        values[PAIN_NOW] = str(pain.score)
    context = _form_context(coach, values, {}, history == "change", reviewed)
    context["pain_given"] = pain
    return render(request, "screen_form.html", context)


@router.post("/screen", response_model=None)
async def screen_submit(request: Request, coach: CoachDep) -> Response:
    form = await request.form()
    try:
        answers, _shown = screening_answers(coach.kb, form)
        checked = safety.take_check(coach.kb, coach.journal, coach.now(), answers)
    except FormProblem as problem:
        return _again(request, coach, problem.shown, problem.problem)
    except Invalid as problem:
        return _again(request, coach, _shown_again(coach, form), problem)
    if not checked.saved:  # a damaged journal: the result is shown here, as it stands
        return _result_page(request, coach, checked)
    return RedirectResponse(f"/screen/{checked.journal_id}", status_code=303)


@router.post("/screen/describe", response_class=HTMLResponse)
async def screen_describe(request: Request, coach: CoachDep) -> HTMLResponse:
    """The form again, with the questions the words speak to answered for the person to check
    (nothing saved); a text that cannot be read keeps every answer given as it was."""
    kb = coach.kb
    form = await request.form()
    values = _shown_again(coach, form)
    said = words.typed(form)
    pain = recent_pain(kb, coach.journal, coach.now())
    if not values.get(PAIN_NOW) and pain is not None:
        values[PAIN_NOW] = str(pain.score)
    with_history = values.get(HISTORY_SHOWN) == "yes"
    try:
        found = words.read(kb, said)
    except Invalid as problem:
        errors = {words.FIELD: problem.messages().get("text", str(problem))}
        context = _form_context(coach, values, errors, with_history)
        context.update(describe=said, pain_given=pain)
        return render(request, "screen_form.html", context, status_code=422)
    reading = words.reading(kb, said, found)
    history = {q.id for q in history_questions(kb)}
    with_history = with_history or any(flag.id in history for flag in reading.flags)
    context = _form_context(coach, values, {}, with_history)
    context["values"] = words.pre_answer(kb, context["values"], reading)
    context.update(describe=said, reading=reading, pain_given=pain)
    return render(request, "screen_form.html", context)


# Answering a flag again, a doctor's visit and the clearance page live beside the result, in
# this router: "/screen/clearance" must be tried before "/screen/{screening_id}".
router.include_router(safety_forms.router)


@router.get("/screen/{screening_id}", response_class=HTMLResponse)
def screen_result(request: Request, screening_id: IdInPath, coach: CoachDep) -> HTMLResponse:
    return _result_page(request, coach, safety.saved_check(coach.kb, coach.journal, screening_id))


def _result_page(request: Request, coach: Coach, checked: safety.Checked) -> HTMLResponse:
    """A check's result; one that could not be saved (a damaged journal) says so, and
    counts for nothing after it, but is shown whole: an emergency is said either way."""
    kb, journal, now = coach.kb, coach.journal, coach.now()
    current = safety.current_check(kb, journal, now) if checked.saved else None
    result = checked_view(kb, checked)
    context = {
        "section": "screen",
        "result": result,
        "not_saved": not checked.saved,
        "still_current": current is not None and current.journal_id == checked.journal_id,
        "answers": answer_rows(kb, result),
        "standing": _standing(coach),
        "flag_words": kb.screening.flags,
        "corrected_net": safety_net_view(safety_net(kb)) if result.corrected else None,
        "clearance": clearance_offer(kb, result, now),
    }
    if result.session_allowed and context["still_current"]:
        context["same"] = _same_offer(coach)
    return render(request, "screen_result.html", context)


def _standing(coach: Coach) -> Any:
    """The red flags standing now, as the journal keeps them; None when a damaged journal
    cannot be read (the result above them is shown all the same)."""
    try:
        return standing_view(coach.kb, coach.journal, coach.now())
    except JournalDamaged:
        return None


def _same_offer(coach: Coach) -> SameOffer | None:
    """ "Same as last time" under a result that allows a session, when one may start now (no
    session running, room today): the person's choices, never an answer to the check."""
    found = status.status(coach.kb, coach.journal, coach.now())
    return home.offer(coach, found) if found.next_step == "session" else None


def answer_rows(kb: KnowledgeBase, result: ScreeningOut) -> list[tuple[str, str, bool]]:
    """Each answer given (or kept, or filled in from the journal), in the order asked, as a
    person reads it: to take to a clinician. The third item marks a "yes" or "not sure"."""
    words = {True: "Yes", False: "No", "not_sure": "Not sure"}
    rows = []
    for question in kb.screening.questions:
        given = result.answers.get(question.id)
        if given is None:
            continue
        if isinstance(given, list):
            said = ", ".join(place_label(kb, str(p)) for p in given) or (question.no_label or "No")
        elif isinstance(given, bool) or given == "not_sure":
            said = words[given]
        else:
            said = str(given)
        rows.append((question.question, said, given is True or given == "not_sure"))
    return rows


def clearance_offer(
    kb: KnowledgeBase, result: ScreeningOut, now: datetime
) -> dict[str, Any] | None:
    """The clearance form for a result that says to get checked first because of a reason a
    clinician's check can clear (never for a "not sure", an urgent or an emergency sign)."""
    if result.level != "see_professional":
        return None
    labels = {c.id: c.label for c in clearances.clearable(kb)}
    offered = [
        (r.question_id, labels[r.question_id])
        for r in result.reasons
        if r.question_id in labels and r.level == "see_professional" and not r.unsure
    ]
    if not offered:
        return None
    chosen = offered[0][0] if len(offered) == 1 else ""
    return safety_forms.clearance_context(kb, now, offered, {"reason": chosen}, {})


def _shown_again(coach: Coach, form: Any) -> dict[str, Any]:
    try:
        return screening_answers(coach.kb, form)[1]
    except FormProblem as problem:
        return problem.shown


def _again(
    request: Request, coach: Coach, values: dict[str, Any], problem: Invalid
) -> HTMLResponse:
    errors = problem.messages()
    history = {q.id for q in history_questions(coach.kb)} | {PAIN_BEGAN}
    shown = values.get(HISTORY_SHOWN) == "yes" or bool(history & set(errors))
    weeks = errors.pop(coach.kb.screening.health_history.weeks_from, None)
    if weeks is not None:  # not asked on the page: the weeks come from the day the pain began
        errors.setdefault(PAIN_BEGAN, PAIN_BEGAN_MISSING)
    context = _form_context(coach, values, errors, shown)
    return render(request, "screen_form.html", context, status_code=422)
