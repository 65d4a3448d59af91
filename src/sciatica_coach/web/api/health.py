"""``/api/health``: whether the app can use its journal, for a supervisor or a proxy.

A damaged journal answers 503 with ``status: damaged`` and the message that says how to
recover: it is open read-only, so the app is not healthy although every read may still work
(the damage is found when the app opens the journal, and again every few minutes)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from sciatica_coach import __version__
from sciatica_coach.coach.journal_health import journal_damage

from ..context import CoachDep

router = APIRouter(prefix="/api", tags=["health"])


class HealthOut(BaseModel):
    status: Literal["ok", "damaged", "journal unavailable"]
    version: str | None = None
    message: str | None = Field(
        default=None, description="With damaged: what happened and how to recover"
    )


@router.get(
    "/health",
    response_model=HealthOut,
    responses={
        503: {
            "description": "The journal cannot be read (journal unavailable), or it is "
            "damaged and open read-only (damaged, with the message)",
            "model": HealthOut,
        }
    },
)
def health(coach: CoachDep) -> JSONResponse:
    """``ok`` when the journal answers and is sound; 503 when it does not, or is damaged."""
    try:
        damage = journal_damage(coach.store)
        coach.store.latest_plan()
    except Exception:  # any failure to read means "not healthy", never a crash
        return JSONResponse({"status": "journal unavailable"}, status_code=503)
    if damage is not None:
        body = {"status": "damaged", "version": __version__, "message": damage}
        return JSONResponse(body, status_code=503)
    return JSONResponse({"status": "ok", "version": __version__})
