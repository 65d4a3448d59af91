"""``/api/matches``: the muscles whose referred-pain patterns fit the marked places."""

from __future__ import annotations

from fastapi import APIRouter

from .api_models import MatchIn, MatchResultOut
from .context import CoachDep
from .maps import matches_for

router = APIRouter(prefix="/api", tags=["body map"])


@router.post("/matches", response_model=MatchResultOut)
def create_match(body: MatchIn, coach: CoachDep) -> MatchResultOut:
    """Rank the muscles (each side) whose patterns fit ``where``, best first, with why.

    This does not diagnose: it lists places to start, and notes signs that need a check."""
    return matches_for(coach, body.where, body.feels)
