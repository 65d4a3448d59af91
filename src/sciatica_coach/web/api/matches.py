"""``/api/matches``: the muscles whose referred-pain patterns fit the marked places."""

from __future__ import annotations

from fastapi import APIRouter, Request

from sciatica_coach.coach.maps import match_places

from ..context import shared
from ..views.maps import match_view
from ..views.models import MatchIn, MatchResultOut

router = APIRouter(prefix="/api", tags=["body map"])


@router.post("/matches", response_model=MatchResultOut)
async def create_match(body: MatchIn, request: Request) -> MatchResultOut:
    """Rank the muscles (each side) whose patterns fit ``where``, best first, with why.

    This does not diagnose: it lists places to start, and notes signs that need a check."""
    kb = shared(request).kb  # the same for everyone: no sign-in to look up
    return match_view(kb, match_places(kb, body.where, body.feels))
