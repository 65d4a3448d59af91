"""``/api/settings``: the country whose emergency number the call button dials, as the
Settings page chooses it (``null``: not chosen, the app says "your emergency number")."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from pydantic import Field, StringConstraints

from sciatica_coach.coach import preferences

from ..context import CoachDep
from ..views.models import InModel
from ..views.settings import SettingsOut, settings_view

router = APIRouter(prefix="/api", tags=["settings"])


class SettingsIn(InModel):
    country: Annotated[str, StringConstraints(max_length=60)] | None = Field(
        description="A country's code (GB) or name (United Kingdom) from the list of "
        "countries, or null to forget the choice.",
        examples=["GB"],
    )


@router.get("/settings", response_model=SettingsOut)
def settings(coach: CoachDep) -> SettingsOut:
    """The country chosen, its emergency number, and every country the app knows one for."""
    return settings_view(coach.kb, preferences.emergency_number(coach.kb, coach.journal))


@router.put("/settings", response_model=SettingsOut)
def set_settings(body: SettingsIn, coach: CoachDep) -> SettingsOut:
    """Choose the country (a code or name from ``countries``), or forget it (null)."""
    if body.country is None:
        preferences.unset_country(coach.journal)
        number = None
    else:
        number = preferences.set_country(coach.kb, coach.journal, body.country)
    return settings_view(coach.kb, number)
