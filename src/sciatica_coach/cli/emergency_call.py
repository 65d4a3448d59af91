"""The emergency number to call, in words, for the country chosen with ``sciatica-coach
config set country``: printed with every emergency result and safety net."""

from __future__ import annotations

from sciatica_coach.coach import preferences
from sciatica_coach.coach.setup import StorageError
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.emergency_models import EmergencyNumber

from .journal_access import journal

CHOOSE = (
    "To have your emergency number shown here, choose your country once: "
    "sciatica-coach config set country GB (sciatica-coach config countries lists them)."
)


def chosen_number(kb: KnowledgeBase) -> EmergencyNumber | None:
    """The emergency number of the country chosen; None when none is (or the journal cannot
    say): then only "your emergency number", never a guess."""
    try:
        return preferences.emergency_number(kb, journal())
    except StorageError:
        return None


def call_words(kb: KnowledgeBase) -> str | None:
    """The number to call, in words ("Call 999: the emergency number for your country,
    United Kingdom."), or None when no country is chosen."""
    number = chosen_number(kb)
    if number is None:
        return None
    return f"Call {number.number}: the emergency number for your country, {number.name}."


def number_json(kb: KnowledgeBase) -> dict[str, str] | None:
    """The chosen number as ``--json`` prints it, or None."""
    number = chosen_number(kb)
    if number is None:
        return None
    return {"country": number.country, "name": number.name, "number": number.number}
