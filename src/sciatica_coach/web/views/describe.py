"""What the "Describe it in your own words" box read, as the map page and the safety check
show it: each place and feeling with the words that gave it, the sides to ask about, the
check questions the words may speak to, the ones they deny (shown, never answered "no"), and
what was read as not the person's own symptoms now.

Nothing here is saved: the map and the check come back filled in for the person to look over,
change and send as usual.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData

from sciatica_coach.coach.describe import (
    check_answers_from,
    denials_from,
    describe_text,
    map_marks_from,
    red_flags,
    sided,
)
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.describe import Description
from sciatica_coach.domain.screening import LEVEL_ORDER

from .screening import place_label

FIELD = "describe"
"""The form field of the box (the service names the text ``text``; the forms, ``describe``)."""
SIDE = "side"
"""The field a "which side?" button sends: ``left:lumbar``, ``right:lumbar`` or ``both:lumbar``."""
ANSWER_RANK = {"": 0, "no": 1, "not_sure": 2, "yes": 3}
"""The more serious answer wins when the words and the form differ: the words only ever raise
a concern (a "yes" is more serious than a "not sure", which is more serious than a "no")."""


def rank(level: str) -> int:
    """How serious a screening level is (``ok`` 0 … ``emergency`` 5; anything else -1)."""
    return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else -1


@dataclass(frozen=True)
class Said:
    """One thing read, with the words that gave it."""

    id: str
    label: str
    words: str


@dataclass(frozen=True)
class FlagSaid:
    """A check question the words may speak to: its answer (``yes`` / ``not_sure``) and its
    level (``emergency``, ``urgent``, …), with the words."""

    id: str
    label: str
    answer: str
    level: str
    words: str
    what_to_do: str
    red: bool
    """A red flag (``coach.describe.red_flags``): the emergency signs are shown beside it."""


@dataclass(frozen=True)
class Reading:
    """The whole reading, ready for the templates."""

    text: str
    places: list[Said]
    feels: list[Said]
    which_side: list[Said]
    flags: list[FlagSaid]
    denied: list[Said]
    not_current: list[Said]

    @property
    def red(self) -> bool:
        """A red flag among the questions: a section about it comes first."""
        return any(flag.red for flag in self.flags)

    @property
    def red_level(self) -> str:
        """The most serious level among the red flags (``""`` for none), which chooses what
        the section first says: ``emergency`` (the call button first), ``urgent`` (a doctor
        today) or lower (take the check with these answers; a past cancer alone, say)."""
        levels = [flag.level for flag in self.flags if flag.red and flag.level]
        return max(levels, key=rank, default="")

    def flag_for(self, question_id: str) -> FlagSaid | None:
        return next((f for f in self.flags if f.id == question_id), None)

    def denial_for(self, question_id: str) -> Said | None:
        return next((d for d in self.denied if d.id == question_id), None)


read = describe_text
"""The service's reading of a text; raises ``Invalid`` (loc ``("text",)``) for empty,
unreadable or too long text, with a message saying what to write. (A module attribute, so a
test can stand a reading of its own in for one case.)"""


def typed(form: FormData) -> str:
    """The box's text as typed (line breaks kept, other control codes dropped)."""
    value = form.get(FIELD)
    if not isinstance(value, str):
        return ""
    return "".join(c for c in value if c in "\n\t" or unicodedata.category(c) != "Cc")


def region_label(kb: KnowledgeBase, region_id: str) -> str:
    region = kb.regions.get(region_id)
    return region.label if region else region_id


def reading(
    kb: KnowledgeBase, text: str, found: Description, marked: Iterable[str] = ()
) -> Reading:
    """``found`` as the pages show it, through the service's helpers: one entry per question
    (a "yes" wins, the words joined), in the check's order; a denial only where the words
    raise nothing on that question. A region already marked on a side (``marked``) is not
    asked about again."""
    questions = kb.screening.question_by_id
    sided_now = {key.split(":", 1)[1] for key in marked if ":" in key}
    marks = map_marks_from(found)
    red = set(red_flags(kb, found))

    def label(qid: str) -> str:
        q = questions.get(qid)
        return q.question if q else qid

    raised = {flag.question for flag in found.flags}

    def flag(qid: str, answer: str, words: str) -> FlagSaid:
        """The question's level, or its ``together`` level where the words also raise its
        company (a past cancer with night pain: a doctor today), with what to do then."""
        q = questions.get(qid)
        if q is None:
            return FlagSaid(qid, label(qid), answer, "", words, "", qid in red)
        level, what_to_do = q.rule.level, q.rule.what_to_do
        for together in q.rule.together:
            if raised & set(together.with_any) and rank(together.level) > rank(level):
                level, what_to_do = together.level, together.what_to_do
        return FlagSaid(qid, label(qid), answer, level, words, what_to_do, qid in red)

    words = {str(k): str(v) for k, v in marks.words.items()}
    return Reading(
        text=text,
        places=[Said(p, place_label(kb, p), words.get(p, "")) for p in marks.where],
        feels=[Said(f, f, words.get(f, "")) for f in marks.feels],
        which_side=[
            Said(r, region_label(kb, r), "") for r in marks.which_side if r not in sided_now
        ],
        flags=[flag(q, a.answer, a.evidence) for q, a in check_answers_from(found, kb).items()],
        denied=[Said(q, label(q), w) for q, w in denials_from(found, kb).items()],
        not_current=[Said(a.kind, a.kind, a.words) for a in found.asides],
    )


def with_places(where: list[str], found: Description) -> list[str]:
    """The marks with the places the words gave added (none taken away)."""
    return where + [p for p in map_marks_from(found).where if p not in where]


def with_feels(feels: list[str], found: Description) -> list[str]:
    """The feelings ticked, with the map's feelings the words gave added."""
    return feels + [f for f in map_marks_from(found).feels if f not in feels]


def with_side(kb: KnowledgeBase, where: list[str], chosen: str) -> list[str]:
    """The marks with the side the person chose for a place named without one
    (``left:lumbar``, ``right:lumbar``, ``both:lumbar``); anything else changes nothing."""
    side, _, region_id = chosen.partition(":")
    region = kb.regions.get(region_id)
    if side not in ("left", "right", "both") or region is None or not region.sided:
        return where
    return where + [k for k in sided(region_id, side) if k not in where]


def pre_answer(kb: KnowledgeBase, values: dict[str, Any], found: Reading) -> dict[str, Any]:
    """The check's values with each yes/no question the words speak to answered with the
    words' answer where that is more serious than the one given (never lower). A denial
    answers nothing."""
    values = dict(values)
    for flag in found.flags:
        question = kb.screening.question_by_id.get(flag.id)
        if question is None or question.kind != "yes_no" or question.from_journal:
            continue
        given = str(values.get(flag.id) or "")
        if ANSWER_RANK.get(flag.answer, 0) > ANSWER_RANK.get(given, 0):
            values[flag.id] = flag.answer
    return values
