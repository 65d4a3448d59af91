"""The journal page: log pain and the weekly PEG score, see progress, the weekly goal and
the pain just before and just after sessions (not while self-massage is paused), every
session with its body maps before and after; download the clinician's summary (PDF) and
everything (JSON, a ZIP of CSV tables, or FHIR). Each list shows its newest entries and
links to older ones, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sciatica_coach.coach import adherence, journal_log, pages, progress
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.coach.report import MAX_WEEKS, MIN_WEEKS, clinician_summary
from sciatica_coach.extras import installed, needed, plain_words

from ..context import Coach, CoachDep
from ..downloads import pdf_download
from ..forms import score, text, whole
from ..templating import render
from ..views.journal import pain_views, peg_views, progress_view, session_views
from ..views.models import MAX_ID
from ..views.safety import safety_log_views

router = APIRouter(include_in_schema=False)
OlderThan = Annotated[int | None, Query(ge=1, le=MAX_ID)]
WEEKS = 8
SHOWN = 20
SAVED = {
    "pain": "Your pain score is saved.",
    "peg": "Your PEG score is saved.",
    "goal": "Your weekly goal is saved.",
}
SUMMARY_WEEKS = (4, 8, 12)
"""The choices the journal page offers for the clinician's summary (any 1-12 works)."""


@dataclass(frozen=True)
class Older:
    """Where each list on the page starts: its newest entries, or those older than an id."""

    sessions: int | None = None
    pain: int | None = None
    peg: int | None = None

    def link(self, **moved: int | None) -> str:
        """The journal page with one list moved on to its next page (the others kept)."""
        chosen = {f"{name}_before": value for name, value in {**vars(self), **moved}.items()}
        return "/journal?" + urlencode({k: v for k, v in chosen.items() if v is not None})


def _page(
    request: Request,
    coach: Coach,
    values: dict[str, str],
    errors: dict[str, str],
    saved: str = "",
    status: int = 200,
    older: Older = Older(),
) -> HTMLResponse:
    journal, now = coach.journal, coach.now()
    found = pages.sessions_page(journal, SHOWN, older.sessions)
    pain = pages.page(journal.newest_pain_entries, SHOWN, older.pain)
    peg = pages.page(journal.newest_peg_entries, SHOWN, older.peg)
    habit = adherence.habit(coach.kb, journal, now, WEEKS)
    context: dict[str, Any] = {
        "habit": habit,
        "goal_words": adherence.goal_words(habit),
        "helped": adherence.helped_lines(coach.kb, habit),
        "helped_title": coach.kb.routine.before_after.title,
        "helped_caveat": adherence.helped_caveat(coach.kb),
        "section": "journal",
        "progress": progress_view(coach.kb, progress.progress(coach.kb, journal, now, WEEKS)),
        "weeks": WEEKS,
        "chart_missing": None if installed("charts") else plain_words("charts"),
        "sessions": session_views(coach.kb, found.sessions.entries, found.maps),
        "pain": pain_views(pain.entries),
        "peg": peg_views(peg.entries),
        "older": older,
        "more": {
            "sessions": older.link(sessions=found.sessions.next_before)
            if found.sessions.next_before
            else None,
            "pain": older.link(pain=pain.next_before) if pain.next_before else None,
            "peg": older.link(peg=peg.next_before) if peg.next_before else None,
        },
        "peg_items": coach.kb.peg.items,
        "values": values,
        "errors": errors,
        "saved": SAVED.get(saved, ""),
        "saved_what": saved if saved in SAVED else "",
        "summary_weeks": SUMMARY_WEEKS,
        "safety_log": safety_log_views(coach.kb, journal, now, WEEKS),
    }
    return render(request, "journal.html", context, status_code=status)


@router.get("/journal", response_class=HTMLResponse)
def journal_page(
    request: Request,
    coach: CoachDep,
    saved: str = "",
    sessions_before: OlderThan = None,
    pain_before: OlderThan = None,
    peg_before: OlderThan = None,
) -> HTMLResponse:
    older = Older(sessions_before, pain_before, peg_before)
    return _page(request, coach, {}, {}, saved, older=older)


@router.post("/journal/pain", response_model=None)
async def journal_pain(request: Request, coach: CoachDep) -> Response:
    form = await request.form()
    values = {name: text(form, name) for name in ("now", "worst", "average", "note")}
    errors: dict[str, str] = {}
    now = score(form, "now", errors, required=True)
    worst, average = score(form, "worst", errors), score(form, "average", errors)
    if now is not None and not errors:
        try:
            journal_log.log_pain(
                coach.kb, coach.journal, coach.now(), now, worst, average,
                note=values["note"] or None,
            )  # fmt: skip
        except Invalid as problem:
            errors.update(problem.messages())
    if errors:
        return _page(request, coach, values, errors, status=422)
    return RedirectResponse("/journal?saved=pain#log", status_code=303)


@router.post("/journal/peg", response_model=None)
async def journal_peg(request: Request, coach: CoachDep) -> Response:
    form = await request.form()
    names = ("pain", "enjoyment", "activity")
    values = {f"peg_{name}": text(form, f"peg_{name}") for name in names}
    errors: dict[str, str] = {}
    pain, enjoyment, activity = (score(form, f"peg_{n}", errors, required=True) for n in names)
    if pain is None or enjoyment is None or activity is None or errors:
        return _page(request, coach, values, errors, status=422)
    try:
        journal_log.log_peg(coach.journal, coach.now(), pain, enjoyment, activity)
    except Invalid as problem:  # too soon after the last one: said beside the form
        return _page(request, coach, values, {"peg": problem.message}, status=422)
    return RedirectResponse("/journal?saved=peg#peg", status_code=303)


@router.post("/journal/goal", response_model=None)
async def journal_goal(request: Request, coach: CoachDep) -> Response:
    form = await request.form()
    values = {name: text(form, name) for name in ("sessions", "pegs")}
    errors: dict[str, str] = {}
    sessions, pegs = (whole(form, name, errors) for name in ("sessions", "pegs"))
    if sessions is not None and pegs is not None and not errors:
        try:
            adherence.set_goal(coach.kb, coach.journal, coach.now(), sessions, pegs)
        except Invalid as problem:
            errors.update(problem.messages())
    if errors:
        return _page(request, coach, values, errors, status=422)
    return RedirectResponse("/journal?saved=goal#goal", status_code=303)


@router.get("/journal/chart.svg", response_class=Response)
def journal_chart(
    coach: CoachDep,
    weeks: int = Query(WEEKS, ge=1, le=52),
    size: Literal["wide", "narrow"] = "wide",
) -> Response:
    """The progress chart, drawn by the same code as ``sciatica-coach progress --chart``."""
    with needed("charts"):  # late: matplotlib is slow
        from sciatica_coach.exports.chart import progress_chart

    data = progress.history(coach.journal, coach.now(), weeks)
    svg = progress_chart(data, weeks, "svg", size)
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "no-store"})


@router.get("/journal/summary.pdf", response_class=Response)
def journal_summary(
    coach: CoachDep,
    weeks: int = Query(WEEKS, ge=MIN_WEEKS, le=MAX_WEEKS),
    notes: bool = False,
) -> Response:
    """The summary for a clinician, as ``sciatica-coach report`` writes it; the notes only
    when asked for. With accounts, it carries the account's name."""
    from sciatica_coach.exports.report_pdf import report_pdf  # late: fpdf2 loads in 0.3 s

    name = coach.user.name if coach.user is not None else None
    summary = clinician_summary(coach.kb, coach.journal, coach.now(), weeks, notes, name)
    return pdf_download(report_pdf(coach.kb, summary), f"clinician-summary-{summary.end}.pdf")
