"""``/api/health``: whether the app can reach its journal, for a supervisor or a proxy."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from sciatica_coach import __version__

from ..context import CoachDep

router = APIRouter(prefix="/api", tags=["health"])


@router.get("/health")
def health(coach: CoachDep) -> JSONResponse:
    """``ok`` when the journal answers; 503 when it does not."""
    try:
        coach.store.latest_plan()
    except Exception:  # any failure to read means "not healthy", never a crash
        return JSONResponse({"status": "journal unavailable"}, status_code=503)
    return JSONResponse({"status": "ok", "version": __version__})
