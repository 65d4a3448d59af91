"""``/api/settings``: the country whose emergency number the call button dials, as the
Settings page chooses it (``null``: not chosen, the app says "your emergency number"), and,
with accounts, the person's time zone, which "today" follows (``null``: the computer's)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import Field, StringConstraints

from sciatica_coach.coach import person_time, preferences

from ..context import Coach, CoachDep
from ..views.models import InModel
from ..views.settings import SettingsOut, settings_view

router = APIRouter(prefix="/api", tags=["settings"])
VALIDATION_ERROR = "#/components/schemas/HTTPValidationError"
REFUSED: dict[int | str, dict[str, Any]] = {
    422: {
        "description": "An unknown country or time zone, a time zone with no accounts here "
        "(the computer's is used), or a body that is not one of these",
        # the same body as FastAPI's own 422 (web/errors.py), so its schema
        "content": {"application/json": {"schema": {"$ref": VALIDATION_ERROR}}},
    }
}


class SettingsIn(InModel):
    """A field left out is left as it is."""

    country: Annotated[str, StringConstraints(max_length=60)] | None = Field(
        default=None,
        description="A country's code (GB) or name (United Kingdom) from the list of "
        "countries, or null to forget the choice.",
        examples=["GB"],
    )
    time_zone: Annotated[str, StringConstraints(max_length=200)] | None = Field(
        default=None,
        description="With accounts: an IANA time zone's name (Pacific/Auckland) for today "
        "and the times shown, or null to use the computer's again.",
        examples=["Pacific/Auckland"],
    )


def _view(coach: Coach, time_zone: str | None) -> SettingsOut:
    number = preferences.emergency_number(coach.kb, coach.journal)
    in_use = time_zone or person_time.zone_in_use(None)
    return settings_view(coach.kb, number, time_zone, in_use)


@router.get("/settings", response_model=SettingsOut)
def settings(coach: CoachDep) -> SettingsOut:
    """The country chosen, its emergency number, every country the app knows one for, and
    the time zone kept with your account."""
    zone = coach.zone()
    return _view(coach, zone.key if zone is not None else None)


@router.put("/settings", response_model=SettingsOut, responses=REFUSED)
def set_settings(body: SettingsIn, coach: CoachDep) -> SettingsOut:
    """Choose the country (a code or name from ``countries``) or forget it (null); with
    accounts, choose your time zone or forget it (null). Fields left out stay as they are."""
    journal, given = coach.journal, body.model_fields_set  # signed in, or 401
    zone = coach.zone()
    time_zone = zone.key if zone is not None else None
    if "time_zone" in given:  # checked first, so a refusal changes nothing
        person_time.checked_zone(coach.accounts, coach.user, body.time_zone or "")
    if "country" in given:
        if body.country is None:
            preferences.unset_country(journal)
        else:
            preferences.set_country(coach.kb, journal, body.country)
    if "time_zone" in given:
        time_zone = person_time.choose_zone(coach.accounts, coach.user, body.time_zone or "")
    return _view(coach, time_zone)
