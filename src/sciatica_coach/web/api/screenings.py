"""``/api/screenings``: the safety check as JSON, with the same rules and journal as the page;
the red flags that stand (each answered again on its own, or lifted by a doctor's visit), the
kept health history, and a clinician's clearance."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from sciatica_coach.coach import clearances, flags, safety

from ..context import CoachDep
from ..views.models import CurrentScreeningOut, NotFoundOut, ScreeningIn, ScreeningOut
from ..views.models_safety import (
    ClearableOut,
    ClearanceIn,
    ClearanceOut,
    DoctorVisitIn,
    DoctorVisitOut,
    HistoryOut,
    ReviewIn,
    ReviewOut,
    StandingOut,
)
from ..views.safety import clearable_views, history_view, standing_view
from ..views.screening import checked_view, standing_views

router = APIRouter(prefix="/api/screenings", tags=["screening"])
QuestionId = Annotated[
    str, Path(max_length=80, description="The question the flag is about (its question_id).")
]


@router.post(
    "",
    response_model=ScreeningOut,
    status_code=201,
    responses={200: {"description": "Screened but not saved: the journal is damaged"}},
)
def create_screening(body: ScreeningIn, response: Response, coach: CoachDep) -> ScreeningOut:
    """Screen the answers, add what the journal calls for, and save the result.

    Unanswered questions that could make the result more serious get a 422 naming each one;
    an emergency "yes" (or "not sure") decides at once. A red flag (emergency or urgent)
    stands for a day, whatever later answers say: it is lifted only sign by sign
    (``/flags/{question_id}/review``) or by a doctor's visit (``/doctor-visits``).

    On a damaged (read-only) journal the answers are still screened and the result comes
    back whole, with ``saved: false`` and 200: an emergency is said, saved or not."""
    checked = safety.take_check(coach.kb, coach.journal, coach.now(), body.answers)
    if not checked.saved:
        response.status_code = 200
    return checked_view(coach.kb, checked)


@router.get("/current", response_model=CurrentScreeningOut)
def current(coach: CoachDep) -> CurrentScreeningOut:
    """The check a plan or session would rest on now, or why a new one is needed."""
    status = safety.check_status(coach.kb, coach.journal, coach.now())
    if status.checked is None:
        return CurrentScreeningOut(screening=None, code=status.code, message=status.message)
    view = checked_view(coach.kb, status.checked)
    message = "A session is allowed." if view.session_allowed else view.message
    return CurrentScreeningOut(screening=view, code=status.code, message=message)


@router.get("/flags", response_model=StandingOut)
def standing(coach: CoachDep) -> StandingOut:
    """The red flags that stand now, most serious first, each restated, and the signs logged
    in the journal that a doctor has not seen the person about. While a flag stands, no plan
    or session starts; a logged sign makes every check say to get checked first."""
    return standing_view(coach.kb, coach.journal, coach.now())


@router.post(
    "/flags/{question_id}/review",
    response_model=ReviewOut,
    responses={404: {"description": "That sign does not stand now", "model": NotFoundOut}},
)
def review(question_id: QuestionId, body: ReviewIn, coach: CoachDep) -> ReviewOut:
    """Answer one standing flag again: ``wrong_answer`` lifts it, ``still_have`` and
    ``not_sure`` keep it. Every answer is kept in the journal with its time."""
    kb, journal, now = coach.kb, coach.journal, coach.now()
    lifted = flags.review_flag(kb, journal, now, question_id, body.answer)
    words = kb.screening.flags
    return ReviewOut(
        lifted=lifted,
        message=words.lifted if lifted else words.kept,
        flags=standing_views(flags.standing_flags(kb, journal, now)),
    )


@router.post(
    "/doctor-visits",
    response_model=DoctorVisitOut,
    status_code=201,
    responses={404: {"description": "That sign does not stand now", "model": NotFoundOut}},
)
def doctor_visit(body: DoctorVisitIn, coach: CoachDep) -> DoctorVisitOut:
    """Record that a doctor has seen the person about one sign since it was raised: a
    standing flag (its question_id) or a logged sign (``journal:<sign>``). It lifts that sign
    only, and is kept with its time for the clinician."""
    kb, journal, now = coach.kb, coach.journal, coach.now()
    flags.seen_doctor(kb, journal, now, body.sign)
    left = standing_view(kb, journal, now)
    return DoctorVisitOut(flags=left.flags, signs=left.signs)


@router.get("/history", response_model=HistoryOut)
def history(coach: CoachDep) -> HistoryOut:
    """The health history as last confirmed, and whether the next check must send it (with
    ``pain_began``) again."""
    return history_view(coach.kb, coach.journal, coach.now())


@router.get("/clearances", response_model=list[ClearableOut])
def clearable(coach: CoachDep) -> list[ClearableOut]:
    """The reasons to see someone that a clinician's check can clear (never an emergency or
    urgent sign)."""
    return clearable_views(coach.kb)


@router.post("/clearances", response_model=ClearanceOut, status_code=201)
def record_clearance(body: ClearanceIn, coach: CoachDep) -> ClearanceOut:
    """A doctor or physiotherapist checked this pain since it began and said self-care is
    fine: the reason counts as a caution, with its limits, for some months or until the
    symptom changes. Takes effect from the next check."""
    record_id = clearances.record_clearance(
        coach.kb, coach.journal, coach.now(), body.reason, body.checked_on, body.who
    )
    who = (body.who or "").strip() or None
    return ClearanceOut(
        id=record_id, reason=body.reason, checked_on=body.checked_on.strip(), who=who
    )
