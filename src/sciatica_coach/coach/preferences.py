"""The person's settings, chosen once: the defaults for a plan (``sciatica-coach config
set``), used by the terminal's ``plan`` and the web's plan form whenever they are not given;
and the country whose emergency number a call button dials (``config set country``, or the
web's settings page).

Each value is checked against the knowledge base when it is set and again when it is read
(content may have changed since): a value that no longer fits is left out, never guessed.
The plan defaults are kept in a small file on this computer; the country is kept with the
person's account in the journal's database, so with accounts each person has their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sciatica_coach.content import KnowledgeBase, UnknownIdError
from sciatica_coach.content.emergency_models import EmergencyNumber
from sciatica_coach.domain.plan_model import EXPERIENCES
from sciatica_coach.storage.preferences import config_path, read_preferences, write_preferences

from .errors import Invalid
from .ports import JournalPort

KEYS = ("tools", "minutes", "experience")
"""The plan defaults (kept in the settings file)."""
COUNTRY = "country"
"""The emergency number's country (kept with the account)."""
DEFAULT_MINUTES = 15
DEFAULT_EXPERIENCE = "new"


@dataclass(frozen=True)
class PlanDefaults:
    tools: tuple[str, ...] = ()
    minutes: int = DEFAULT_MINUTES
    experience: str = DEFAULT_EXPERIENCE


def where_kept() -> Path:
    return config_path()


def plan_defaults(kb: KnowledgeBase) -> PlanDefaults:
    """The defaults as set, each that still fits the content; the built-in ones otherwise."""
    saved = read_preferences()
    chosen: dict[str, object] = {}
    for key in KEYS:
        if key in saved:
            try:
                chosen[key] = _read(kb, key, saved[key])
            except Invalid:
                continue
    return PlanDefaults(**chosen)  # type: ignore[arg-type]


def set_default(kb: KnowledgeBase, key: str, text: str) -> object:
    """Check and keep one default; :class:`Invalid` says what would do."""
    if key not in KEYS:
        raise Invalid.one(("key",), f"Choose one of: {', '.join((*KEYS, COUNTRY))}.")
    value = _read(kb, key, text)
    saved = read_preferences()
    saved[key] = list(value) if isinstance(value, tuple) else value
    write_preferences(saved)
    return value


def unset_default(key: str) -> None:
    if key not in KEYS:
        raise Invalid.one(("key",), f"Choose one of: {', '.join((*KEYS, COUNTRY))}.")
    saved = read_preferences()
    saved.pop(key, None)
    write_preferences(saved)


def _read(kb: KnowledgeBase, key: str, raw: object) -> object:
    if key == "tools":
        names = raw.split(",") if isinstance(raw, str) else raw
        if not isinstance(names, list):
            raise Invalid.one((key,), "Give tools separated by commas.")
        try:
            return tuple(dict.fromkeys(kb.tools.find(str(n)).id for n in names if str(n).strip()))
        except UnknownIdError as error:
            raise Invalid.one((key,), str(error)) from None
    if key == "minutes":
        timing = kb.routine.timing
        text = str(raw).strip()
        if not text.isdigit() or not timing.minimum_minutes <= int(text) <= timing.maximum_minutes:
            raise Invalid.one(
                (key,),
                f"Choose between {timing.minimum_minutes} and {timing.maximum_minutes} minutes.",
            )
        return int(text)
    word = str(raw).strip().lower()
    if word not in EXPERIENCES:
        raise Invalid.one((key,), f"Choose one of: {', '.join(EXPERIENCES)}.")
    return word


def emergency_number(kb: KnowledgeBase, journal: JournalPort) -> EmergencyNumber | None:
    """The emergency number of the country this person chose, or None: none chosen yet, or
    one the content no longer lists (then the app says "your emergency number")."""
    chosen = journal.country()
    numbers = {n.country: n for n in kb.emergency_numbers.numbers}
    return numbers.get(chosen) if chosen else None


def set_country(kb: KnowledgeBase, journal: JournalPort, text: str) -> EmergencyNumber:
    """Keep the country for the emergency number: its code (GB) or its name (United
    Kingdom), in any case; :class:`Invalid` lists the countries there are when it is none."""
    wanted = " ".join(text.split()).casefold()
    for number in kb.emergency_numbers.numbers:
        if wanted in (number.country.casefold(), number.name.casefold()):
            journal.set_country(number.country)
            return number
    listed = ", ".join(f"{n.country} ({n.name})" for n in kb.emergency_numbers.numbers)
    raise Invalid.one(
        (COUNTRY,),
        f"Choose a country by its code or name: {listed}. If yours is not listed, leave it "
        "unset: the app then says to call your emergency number.",
    )


def unset_country(journal: JournalPort) -> None:
    """Forget the country: the app says "your emergency number" again."""
    journal.set_country(None)
