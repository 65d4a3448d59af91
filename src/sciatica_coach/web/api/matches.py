"""``/api/matches``: the muscles whose referred-pain patterns fit the marked places."""

from __future__ import annotations

from fastapi import APIRouter

from sciatica_coach.coach.maps import match_places

from ..context import CoachDep
from ..views.maps import match_view
from ..views.models import MatchIn, MatchResultOut

router = APIRouter(prefix="/api", tags=["body map"])


@router.post("/matches", response_model=MatchResultOut)
async def create_match(body: MatchIn, coach: CoachDep) -> MatchResultOut:
    """Rank the muscles (each side) whose patterns fit ``where``, best first, with why.

    This does not diagnose: it lists places to start, and notes signs that need a check."""
    return match_view(coach.kb, match_places(coach.kb, body.where, body.feels))
