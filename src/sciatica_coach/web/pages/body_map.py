"""The body map page: mark where it hurts, see which muscles may send pain there, save the map.

The ranked muscles come from the domain's matcher; the page's script only asks for the list
again (``/map/matches``, an HTML fragment) each time a place is marked.

"Describe it in your own words" (``POST /map/describe``) sends the whole form with the text:
the map comes back with the places and feelings the words give added to what was marked, each
with its words, a "which side?" for a place named without one, the safety check's questions
the words may speak to, and what a red flag calls for. Nothing is saved: the person looks it
over and saves the map as usual, and then the words are kept with the map as a note (the box
is in the map's form, so saving sends them). A text that cannot be read comes back with a
plain message beside the box and everything else as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sciatica_coach.coach import safety
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.coach.last_time import last_places
from sciatica_coach.coach.maps import match_places, read_feels, read_places, save_map
from sciatica_coach.coach.pain_now import recent_pain
from sciatica_coach.coach.plans import map_against_check
from sciatica_coach.domain.matching import FEELINGS
from sciatica_coach.figures.body_pictures import body_picture

from ..context import Coach, CoachDep
from ..forms import place_groups, score, text, texts
from ..templating import render
from ..views import describe as words
from ..views.describe import Reading
from ..views.maps import match_view
from ..views.models import MatchResultOut
from ..views.screening import checked_view

router = APIRouter(include_in_schema=False)
Places = Annotated[Sequence[str], Query()]
SHOWN_MATCHES = 5


def picker_context(coach: Coach, where: list[str], feels: list[str]) -> dict[str, Any]:
    """What ``_region_picker.html`` needs: the clickable drawing and the same places as a list."""
    try:
        keys = read_places(coach.kb, where)
    except Invalid:
        keys = []
    return {
        "svg": body_picture(coach.kb, keys, interactive=True, title="Your body map"),
        "places": place_groups(coach.kb),
        "where": [str(k) for k in keys],
        "feelings": FEELINGS,
        "feels": feels,
    }


def _matches(
    coach: Coach, where: list[str], feels: list[str]
) -> tuple[MatchResultOut | None, str, list[str]]:
    """The ranked muscles, a problem with the marks, and what the marks say that the current
    check denied (shown at once, so a plan form is never filled in for nothing)."""
    if not where:
        return None, "", []
    try:
        matched = match_places(coach.kb, where, feels)
    except Invalid as problem:
        return None, str(problem), []
    conflicts = map_against_check(coach.kb, coach.journal, coach.now(), matched.result.notes)
    return match_view(coach.kb, matched), "", conflicts


def _page(
    request: Request,
    coach: Coach,
    where: list[str],
    feels: list[str],
    intensity: str,
    errors: dict[str, str],
    status: int = 200,
    marked_at: datetime | None = None,
    said: str = "",
    reading: Reading | None = None,
) -> HTMLResponse:
    checked = safety.current_check(coach.kb, coach.journal, coach.now())
    given = recent_pain(coach.kb, coach.journal, coach.now())  # asked once per sitting
    if not intensity and given is not None:
        intensity = str(given.score)
    found, problem, conflicts = _matches(coach, where, feels)
    context = {
        "section": "map",
        **picker_context(coach, where, feels),
        "matches": found,
        "problem": problem,
        "conflicts": conflicts,
        "shown": SHOWN_MATCHES,
        "intensity": intensity,
        "pain_given": given if given and intensity == str(given.score) else None,
        "errors": errors,
        "screening": checked_view(coach.kb, checked) if checked else None,
        "last_places": marked_at,
        "describe": said,
        "reading": reading,
    }
    return render(request, "map.html", context, status_code=status)


@router.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request,
    coach: CoachDep,
    where: Places = (),
    feels: Places = (),
) -> HTMLResponse:
    """The map; with nothing asked for in the address, marked as last time (the places are the
    person's to take away or add to: a body map is not a check question)."""
    last = last_places(coach.journal) if not where else None
    if last is not None:
        return _page(request, coach, list(last[0]), list(feels), "", {}, marked_at=last[1])
    return _page(request, coach, list(where), list(feels), "", {})


@router.get("/map/matches", response_class=HTMLResponse)
def map_matches(
    request: Request,
    coach: CoachDep,
    where: Places = (),
    feels: Places = (),
) -> HTMLResponse:
    """The ranked muscles as an HTML fragment, for the page's script to put in place."""
    found, problem, conflicts = _matches(coach, list(where), list(feels))
    context = {
        "matches": found,
        "problem": problem,
        "conflicts": conflicts,
        "shown": SHOWN_MATCHES,
    }
    return render(request, "_matches.html", context)


@router.post("/map", response_model=None)
async def map_submit(request: Request, coach: CoachDep) -> Response:
    form = await request.form()
    where, feels = texts(form, "where"), texts(form, "feels")
    errors: dict[str, str] = {}
    intensity = score(form, "intensity", errors, required=True)
    try:
        keys = read_places(coach.kb, where)
    except Invalid as problem:
        errors["where"] = str(problem)
        keys = []
    if not keys and "where" not in errors:
        errors["where"] = "Mark at least one place where you feel the pain."
    try:
        qualities = read_feels(feels)
    except Invalid as problem:
        errors["feels"] = str(problem)
        qualities = ()
    said = words.typed(form)  # the box's words, kept with the map as a note
    given = str(form.get("intensity", ""))
    if errors or intensity is None:
        return _page(request, coach, where, feels, given, errors, 422, said=said)
    # what the marks say against the check as it stands, before saving them ends it
    matched = match_places(coach.kb, [str(k) for k in keys], list(qualities))
    conflicts = map_against_check(coach.kb, coach.journal, coach.now(), matched.result.notes)
    kept = bool(said.strip())
    had_check = kept and safety.current_check(coach.kb, coach.journal, coach.now()) is not None
    try:
        map_id = save_map(
            coach.journal, coach.now(), keys, qualities, intensity, "before", words=said
        )
    except Invalid as problem:
        told = problem.messages()
        errors = {words.FIELD: told["words"]} if "words" in told else told
        return _page(request, coach, where, feels, given, errors, 422, said=said)
    if conflicts:
        return RedirectResponse("/screen", status_code=303)  # the check again, not a plan
    checked = safety.current_check(coach.kb, coach.journal, coach.now())
    if had_check and checked is None:  # the words kept may be a warning sign: the check says why
        return RedirectResponse("/screen", status_code=303)
    if checked is not None and not checked.result.session_allowed:
        return RedirectResponse("/journal", status_code=303)  # no way on to a plan
    return RedirectResponse(f"/plan?map={map_id}", status_code=303)


@router.post("/map/describe", response_class=HTMLResponse)
async def map_describe(request: Request, coach: CoachDep) -> HTMLResponse:
    """The map again with what the words say added (or the side chosen for a place named
    without one), not saved; a text that cannot be read keeps everything else as it was."""
    form = await request.form()
    where, feels = texts(form, "where"), texts(form, "feels")
    intensity = str(form.get("intensity", ""))
    said = words.typed(form)
    chosen = text(form, words.SIDE)
    if chosen:  # a "which side?" button: that side is marked, the rest stays as it is
        where = words.with_side(coach.kb, where, chosen)
    try:
        found = words.read(coach.kb, said)
    except Invalid as problem:
        errors = {words.FIELD: problem.messages().get("text", str(problem))}
        return _page(request, coach, where, feels, intensity, errors, 422, said=said)
    if not chosen:
        where, feels = words.with_places(where, found), words.with_feels(feels, found)
    reading = words.reading(coach.kb, said, found, where)
    return _page(request, coach, where, feels, intensity, {}, said=said, reading=reading)
