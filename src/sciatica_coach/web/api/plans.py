"""``/api/plans``: a safe routine for your muscles, tools and time, as the CLI's ``plan``."""

from __future__ import annotations

from fastapi import APIRouter

from sciatica_coach.coach.plans import PlanRequest, find_plan, make_plan, plan_summaries

from ..context import CoachDep, IdInPath
from ..views.models import PlanIn, PlanOut, PlanSummaryOut, RefusalOut
from ..views.plans import plan_view, summary_view
from .paging import LINKED, PageQuery

router = APIRouter(prefix="/api/plans", tags=["plans"])
REFUSALS: dict[int | str, dict[str, object]] = {
    403: {"description": "The safety check does not allow a session today", "model": RefusalOut},
    409: {"description": "A safety check is needed first, and why", "model": RefusalOut},
}


@router.post("", response_model=PlanOut, status_code=201, responses=REFUSALS)
def create_plan(body: PlanIn, coach: CoachDep) -> PlanOut:
    """Plan a session from a saved map (``map_id``), places (``where``) or muscles.

    Needs a safety check from the last hour that allows a session (POST /api/screenings)."""
    request = PlanRequest(
        map_id=body.map_id,
        where=body.where,
        feels=body.feels,
        muscles=[(m.muscle_id, m.side) for m in body.muscles],
        tools=body.tools,
        minutes=body.minutes,
        experience=body.experience,
    )
    saved = make_plan(coach.kb, coach.journal, coach.now(), request)
    return plan_view(coach.kb, saved.plan, saved.id, saved.created_at, body.map_id)


@router.get("", response_model=list[PlanSummaryOut], responses=LINKED)
def list_plans(coach: CoachDep, asked: PageQuery) -> list[PlanSummaryOut]:
    """Saved plans, newest first, a page at a time."""
    found = plan_summaries(coach.kb, coach.journal, asked.limit, asked.before)
    asked.link(found.next_before)
    return [summary_view(s) for s in found.entries]


@router.get("/{plan_id}", response_model=PlanOut)
def get_plan(plan_id: IdInPath, coach: CoachDep) -> PlanOut:
    plan, stored = find_plan(coach.journal, plan_id)
    return plan_view(coach.kb, plan, stored.id, stored.created_at, None)
