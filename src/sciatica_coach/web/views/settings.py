"""The person's settings as the pages and the API show them: the country whose emergency
number the call button dials (see :mod:`sciatica_coach.coach.preferences`), and the time
zone kept with the person's account (:mod:`sciatica_coach.coach.person_time`)."""

from __future__ import annotations

from pydantic import Field

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.emergency_models import EmergencyNumber

from .models import Model

SETTINGS_CHOICE = "/settings#country"
"""Where the country is chosen: the call button goes there until one is."""


class EmergencyNumberOut(Model):
    country: str = Field(description="ISO 3166-1 alpha-2 code.", examples=["GB"])
    name: str = Field(examples=["United Kingdom"])
    number: str = Field(examples=["999"])
    source: str = Field(description="The official page that gives the number.")


class EmergencyCallOut(Model):
    """What an emergency result's call button says and where it goes: the number of the
    country chosen in settings, or, until one is chosen, "your emergency number" and a link
    to the choice (never a guessed number)."""

    label: str = Field(examples=["Call 999", "Call your emergency number"])
    href: str = Field(examples=["tel:999", SETTINGS_CHOICE])
    number: EmergencyNumberOut | None = None


class SettingsOut(Model):
    country: str | None = Field(description="The country chosen, or null.", examples=["GB"])
    emergency_number: EmergencyNumberOut | None
    call: EmergencyCallOut
    countries: list[EmergencyNumberOut] = Field(
        description="Every country the app knows the emergency number of, by name."
    )
    time_zone: str | None = Field(
        default=None,
        description="The time zone kept with your account (an IANA name), or null: none "
        "kept, or no accounts here. Words like today follow it; the limit of sessions in "
        "any 24 hours does not depend on it.",
        examples=["Pacific/Auckland"],
    )
    time_zone_in_use: str | None = Field(
        default=None,
        description="The zone today follows for you: yours, else this computer's (null if "
        "the computer's zone has no name).",
        examples=["Pacific/Auckland"],
    )


def number_view(kb: KnowledgeBase, number: EmergencyNumber) -> EmergencyNumberOut:
    source = kb.emergency_numbers.source_of(number)
    return EmergencyNumberOut(
        country=number.country,
        name=number.name,
        number=number.number,
        source=source.citation,
    )


def call_view(kb: KnowledgeBase, number: EmergencyNumber | None) -> EmergencyCallOut:
    if number is None:
        return EmergencyCallOut(label="Call your emergency number", href=SETTINGS_CHOICE)
    return EmergencyCallOut(
        label=f"Call {number.number}",
        href=f"tel:{number.number}",
        number=number_view(kb, number),
    )


def settings_view(
    kb: KnowledgeBase,
    number: EmergencyNumber | None,
    time_zone: str | None = None,
    time_zone_in_use: str | None = None,
) -> SettingsOut:
    return SettingsOut(
        country=number.country if number else None,
        emergency_number=number_view(kb, number) if number else None,
        call=call_view(kb, number),
        countries=[number_view(kb, n) for n in kb.emergency_numbers.numbers],
        time_zone=time_zone,
        time_zone_in_use=time_zone_in_use,
    )
