"""Signs written in the journal after a check: numbness, weakness, both legs, the groin or
tailbone area, and pain in new places.

A check is for now. What the person logs later (a pain log with places or feelings, a body
map before or after a session, a note) can only raise a concern: each of these signs ends
the check it came after, and counts as a reason to get checked for some days (``screening.yaml``
logged_signs). New places are new against the session's map before it, for a map after a
session; otherwise against the places marked in the days before (none marked: nothing to
compare, so nothing is new).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Literal

SignId = Literal["numbness", "weakness", "both_legs", "saddle_area", "new_places"]
EntryKind = Literal["pain_log", "map", "before_map", "after_map", "note"]


@dataclass(frozen=True)
class LoggedEntry:
    """One journal entry as the sign rules see it. ``baseline`` is the places to compare with
    for new places, or None when there is nothing to compare with."""

    at: datetime
    kind: EntryKind
    places: frozenset[str] = frozenset()
    feels: frozenset[str] = frozenset()
    text: str = ""
    baseline: frozenset[str] | None = None


@dataclass(frozen=True)
class Sign:
    """A sign found in an entry, with where (for new places: only the new ones)."""

    id: SignId
    at: datetime
    kind: EntryKind
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class SignRules:
    """What the rules read from the content: which regions are legs and which are around
    the groin or tailbone, and the words in a note that show each sign."""

    legs: frozenset[str]
    saddle_area: frozenset[str]
    note_words: Mapping[str, Sequence[str]]


def _region(key: str) -> tuple[str | None, str]:
    side, _, region = key.rpartition(":")
    return (side or None), region


@lru_cache(maxsize=64)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for any of ``words`` as whole words, in any case (made once per list)."""
    alternatives = "|".join(re.escape(w) for w in words) or r"(?!)"
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def _mentions(text: str, words: Sequence[str]) -> bool:
    return bool(text) and _pattern(tuple(words)).search(text) is not None


def signs_in(entry: LoggedEntry, rules: SignRules) -> list[Sign]:
    """Every sign one entry shows, in a fixed order."""
    found: list[Sign] = []

    def add(sign: SignId, places: Iterable[str] = ()) -> None:
        found.append(Sign(sign, entry.at, entry.kind, tuple(sorted(places))))

    words = rules.note_words
    if "numbness" in entry.feels or _mentions(entry.text, words.get("numbness", ())):
        add("numbness", entry.places if "numbness" in entry.feels else ())
    if _mentions(entry.text, words.get("weakness", ())):
        add("weakness")
    leg_sides = {
        side for side, region in map(_region, entry.places) if region in rules.legs and side
    }
    if {"left", "right"} <= leg_sides or _mentions(entry.text, words.get("both_legs", ())):
        add("both_legs", (p for p in entry.places if _region(p)[1] in rules.legs))
    saddle = [p for p in entry.places if _region(p)[1] in rules.saddle_area]
    if saddle or _mentions(entry.text, words.get("saddle_area", ())):
        add("saddle_area", saddle)
    if entry.baseline is not None and entry.places - entry.baseline:
        add("new_places", entry.places - entry.baseline)
    return found


def signs_since(entries: Iterable[LoggedEntry], rules: SignRules, since: datetime) -> list[Sign]:
    """The signs of every entry from ``since`` on, oldest first."""
    return [
        sign
        for entry in sorted(entries, key=lambda e: e.at)
        if entry.at >= since
        for sign in signs_in(entry, rules)
    ]
