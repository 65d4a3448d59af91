"""``/api/plans``: a safe routine for your muscles, tools and time, as the CLI's ``plan``."""

from __future__ import annotations

from fastapi import APIRouter

from .api_models import PlanIn, PlanOut, PlanSummaryOut, RefusalOut
from .context import CoachDep
from .plans import PlanRequest, find_plan, make_plan, plan_summaries, plan_view

router = APIRouter(prefix="/api/plans", tags=["plans"])
REFUSALS: dict[int | str, dict[str, object]] = {
    403: {"description": "The safety check does not allow a session today", "model": RefusalOut},
    409: {"description": "No safety check in the last hour", "model": RefusalOut},
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
    plan, plan_id, created = make_plan(coach, request)
    return plan_view(coach.kb, plan, plan_id, created, body.map_id)


@router.get("", response_model=list[PlanSummaryOut])
def list_plans(coach: CoachDep) -> list[PlanSummaryOut]:
    """Saved plans, newest first."""
    return plan_summaries(coach)


@router.get("/{plan_id}", response_model=PlanOut)
def get_plan(plan_id: int, coach: CoachDep) -> PlanOut:
    plan, stored = find_plan(coach, plan_id)
    return plan_view(coach.kb, plan, stored.id, stored.created_at, None)
