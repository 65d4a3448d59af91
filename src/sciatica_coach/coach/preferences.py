"""The person's defaults for a plan, chosen once (``sciatica-coach config set``) and used by
the terminal's ``plan`` and the web's plan form whenever they are not given.

Each value is checked against the knowledge base when it is set and again when it is read
(content may have changed since): a default that no longer fits is left out, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sciatica_coach.content import KnowledgeBase, UnknownIdError
from sciatica_coach.domain.plan_model import EXPERIENCES
from sciatica_coach.storage.preferences import config_path, read_preferences, write_preferences

from .errors import Invalid

KEYS = ("tools", "minutes", "experience")
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
        raise Invalid.one(("key",), f"Choose one of: {', '.join(KEYS)}.")
    value = _read(kb, key, text)
    saved = read_preferences()
    saved[key] = list(value) if isinstance(value, tuple) else value
    write_preferences(saved)
    return value


def unset_default(key: str) -> None:
    if key not in KEYS:
        raise Invalid.one(("key",), f"Choose one of: {', '.join(KEYS)}.")
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
