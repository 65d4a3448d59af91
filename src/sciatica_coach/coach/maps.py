"""Body maps: read the marks, match them to muscles, keep them in the journal.

A map is saved before a session and, if the person likes, after it; the session carries the
ids of both, so the journal shows the two side by side. Each region entry keeps the 0-10
intensity, the feelings and the moment (``before``/``after``/``other``). What the person
wrote to describe the pain (the map page's "Describe it in your own words" box) is kept with
the map, at the same moment, as a note: free text the journal keeps, read for red flags like
any other note.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.body_map import BodyMapError, RegionKey, parse_region_keys
from sciatica_coach.domain.matching import (
    Feeling,
    MatchInputError,
    MatchResult,
    match,
    read_feelings,
)
from sciatica_coach.storage.entries import PainMap

from .errors import Invalid, Loc, NotFound
from .journal_log import check_note
from .ports import JournalPort

MOMENTS = ("before", "after", "other")


@dataclass(frozen=True)
class Matched:
    """A body map read and matched: the places, the feelings and the ranked muscles."""

    places: tuple[RegionKey, ...]
    feels: tuple[Feeling, ...]
    result: MatchResult


def read_places(
    kb: KnowledgeBase, texts: Iterable[str], field: Loc = ("where",), source: str = "body"
) -> list[RegionKey]:
    """Body-map keys from text, each bad one named on its field with the valid regions."""
    keys: list[RegionKey] = []
    problems: list[tuple[Loc, str]] = []
    for index, text in enumerate(texts):
        try:
            keys += parse_region_keys([text], kb.regions)
        except BodyMapError as error:
            problems.append(((*field, index), str(error)))
    if problems:
        raise Invalid(problems, source)
    return list(dict.fromkeys(keys))


def read_feels(feels: Iterable[str], field: Loc = ("feels",)) -> tuple[Feeling, ...]:
    try:
        return read_feelings(feels)
    except MatchInputError as error:
        raise Invalid.one(field, str(error)) from None


def match_places(kb: KnowledgeBase, where: Iterable[str], feels: Iterable[str]) -> Matched:
    """Read the marks and rank the muscles whose patterns fit them."""
    places, feelings = read_places(kb, where), read_feels(feels)
    try:
        result = match(kb, places, feelings)
    except MatchInputError as error:
        raise Invalid.one(("where",), str(error)) from None
    return Matched(tuple(places), feelings, result)


def save_map(
    journal: JournalPort,
    now: datetime,
    places: Sequence[RegionKey],
    feels: Sequence[str],
    intensity: int,
    moment: str,
    words: str | None = None,
) -> int:
    """Keep a body map in the journal; every place gets the same intensity and feelings.

    ``words``, what the person wrote to describe the pain, are kept too, as a note at the same
    moment and in the same transaction (both or neither): at most
    :data:`~sciatica_coach.coach.journal_log.NOTE_LIMIT` characters (the describe box's limit
    too; a longer text is refused on ``("words",)``, never cut, and nothing is saved). Blank
    words keep no note."""
    if moment not in MOMENTS:
        raise Invalid.one(("moment",), f"Say when this map is from: {', '.join(MOMENTS)}.")
    note = check_note(words, "words")
    regions: list[dict[str, Any]] = [
        {
            "key": str(key),
            "intensity": intensity,
            "kind": feels[0] if feels else None,
            "feels": list(feels),
            "moment": moment,
        }
        for key in places
    ]
    try:
        if not note:
            return journal.add_pain_map(now, regions)
        with journal.atomic() as inside:
            map_id = inside.add_pain_map(now, regions)
            inside.add_note(now, note)
            return map_id
    except ValueError as error:
        raise Invalid.one(("intensity",), str(error)) from None


def find_map(journal: JournalPort, map_id: int) -> PainMap:
    found = journal.pain_map(map_id)
    if found is None:
        raise NotFound(f"There is no body map with id {map_id} in your journal.")
    return found


def map_places(entry: PainMap) -> list[str]:
    return [str(r["key"]) for r in entry.regions if isinstance(r, dict) and "key" in r]


def map_feels(entry: PainMap) -> list[str]:
    for region in entry.regions:
        feels = region.get("feels") if isinstance(region, dict) else None
        if isinstance(feels, list):
            return [str(f) for f in feels]
    return []


def map_intensity(entry: PainMap) -> int | None:
    for region in entry.regions:
        value = region.get("intensity") if isinstance(region, dict) else None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def map_moment(entry: PainMap) -> str:
    """``before`` or ``after``; an empty map can only be an "after" (nothing left to mark)."""
    moments = {r.get("moment") for r in entry.regions if isinstance(r, dict)}
    if not entry.regions or moments == {"after"}:
        return "after"
    return "before" if "before" in moments or None in moments else "other"
