"""Signs written in the journal after a check: numbness, weakness, both legs, the groin or
tailbone area, and pain in new places.

A check is for now. What the person logs later (a pain log with places or feelings, a body
map before or after a session, a note) can only raise a concern: each of these signs ends
the check it came after, and counts as a reason to get checked for some days (``screening.yaml``
logged_signs). New places are new against the session's map before it, for a map after a
session; otherwise against the places marked in the days before (none marked: nothing to
compare, so nothing is new).

Free text (a note, the note on a pain log) is read twice, and the signs of both readings are
kept (the second can only add): the old word lists (``note_words``: a note saying just "numb"
counts, even "no numbness"), and the describe engine's red flags (``read_text``, line by
line), which a denial or a family, history or hypothetical mention does not raise. A red
flag on one of the ``red_flag_questions`` is the sign ``red_flag_words``, with its question
and the words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import pairwise
from typing import Literal, Protocol

SignId = Literal["numbness", "weakness", "both_legs", "saddle_area", "new_places", "red_flag_words"]
EntryKind = Literal["pain_log", "map", "before_map", "after_map", "note"]
RAISING_ANSWERS = ("yes", "not_sure")
"""The answers a red flag read in text can carry; both raise (doubt counts as yes)."""


class TextFlag(Protocol):
    """A red flag read in free text (``domain.describe.Flag`` is one)."""

    @property
    def question(self) -> str: ...
    @property
    def answer(self) -> str: ...
    @property
    def evidence(self) -> str: ...


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
    """A sign found in an entry, with where (for new places: only the new ones), and for a
    sign read in the entry's text, the words that raised it (``evidence``) and, for
    ``red_flag_words``, the screening question they speak to and how (``yes``/``not_sure``)."""

    id: SignId
    at: datetime
    kind: EntryKind
    places: tuple[str, ...] = ()
    evidence: str = ""
    question: str | None = None
    answer: str | None = None

    @property
    def key(self) -> str:
        """What tells this sign from the others of its kind, for a doctor's visit
        (``journal:<key>``): the id, and for red flag words their question too."""
        return f"{self.id}:{self.question}" if self.question else self.id


@dataclass(frozen=True)
class SignRules:
    """What the rules read from the content: which regions are legs and which are around
    the groin or tailbone, the words in a note that show each sign, and how to read red
    flags in free text (``read_text``, none: not read) with the questions whose red flags
    count (``red_flag_questions``)."""

    legs: frozenset[str]
    saddle_area: frozenset[str]
    note_words: Mapping[str, Sequence[str]]
    red_flag_questions: frozenset[str] = frozenset()
    read_text: Callable[[str], Iterable[TextFlag]] | None = None


def _region(key: str) -> tuple[str | None, str]:
    side, _, region = key.rpartition(":")
    return (side or None), region


@lru_cache(maxsize=64)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for any of ``words`` as whole words, in any case (made once per list)."""
    alternatives = "|".join(re.escape(w) for w in words) or r"(?!)"
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def _mentioned(text: str, words: Sequence[str]) -> str | None:
    """The first of ``words`` in ``text``, as written there, or None."""
    found = _pattern(tuple(words)).search(text) if text else None
    return found.group(0) if found else None


def text_pieces(text: str) -> list[str]:
    """What the engine reads of a text: each line, then each two lines one after the other
    (a sentence broken over a line still counts). Adding a line to a note, before or after,
    keeps every piece it had, so it can only add red flags, never take one away."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines + [f"{a} {b}" for a, b in pairwise(lines)]


def red_flags_in(text: str, rules: SignRules) -> list[TextFlag]:
    """The red flags read in ``text`` that count, one per question, in the order read."""
    if not text or rules.read_text is None:
        return []
    found: dict[str, TextFlag] = {}
    for piece in text_pieces(text):
        for flag in rules.read_text(piece):
            if flag.question in rules.red_flag_questions and flag.answer in RAISING_ANSWERS:
                found.setdefault(flag.question, flag)
    return list(found.values())


def signs_in(entry: LoggedEntry, rules: SignRules) -> list[Sign]:
    """Every sign one entry shows, in a fixed order."""
    found: list[Sign] = []

    def add(sign: SignId, places: Iterable[str] = (), evidence: str | None = None) -> None:
        found.append(Sign(sign, entry.at, entry.kind, tuple(sorted(places)), evidence or ""))

    def said(sign: SignId) -> str | None:
        return _mentioned(entry.text, rules.note_words.get(sign, ()))

    numb = said("numbness")
    if "numbness" in entry.feels or numb:
        add("numbness", entry.places if "numbness" in entry.feels else (), numb)
    if weak := said("weakness"):
        add("weakness", (), weak)
    leg_sides = {
        side for side, region in map(_region, entry.places) if region in rules.legs and side
    }
    both = said("both_legs")
    if {"left", "right"} <= leg_sides or both:
        add("both_legs", (p for p in entry.places if _region(p)[1] in rules.legs), both)
    saddle = [p for p in entry.places if _region(p)[1] in rules.saddle_area]
    saddle_words = said("saddle_area")
    if saddle or saddle_words:
        add("saddle_area", saddle, saddle_words)
    if entry.baseline is not None and entry.places - entry.baseline:
        add("new_places", entry.places - entry.baseline)
    found += [
        Sign(
            "red_flag_words",
            entry.at,
            entry.kind,
            evidence=flag.evidence,
            question=flag.question,
            answer=flag.answer,
        )
        for flag in red_flags_in(entry.text, rules)
    ]
    return found


def signs_since(entries: Iterable[LoggedEntry], rules: SignRules, since: datetime) -> list[Sign]:
    """The signs of every entry from ``since`` on, oldest first."""
    return [
        sign
        for entry in sorted(entries, key=lambda e: e.at)
        if entry.at >= since
        for sign in signs_in(entry, rules)
    ]
