"""What the "Describe it in your own words" box read, as the map page and the safety check
show it: each place and feeling with the words that gave it, the sides to ask about, the
check questions the words may speak to, the ones they deny (shown, never answered "no"), and
what was read as not the person's own symptoms now.

Nothing here is saved: the map and the check come back filled in for the person to look over,
change and send as usual.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData

from sciatica_coach.coach.describe_lexicon import lexicon
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.describe import Description, describe

from .screening import place_label

FIELD = "describe"
"""The form field of the box (the service names the text ``text``; the forms, ``describe``)."""
SIDE = "side"
"""The field a "which side?" button sends: ``left:lumbar``, ``right:lumbar`` or ``both:lumbar``."""
RED = ("emergency", "urgent")
"""The levels of a question whose sign needs help now: the emergency signs are shown at once."""
ANSWER_RANK = {"": 0, "no": 1, "not_sure": 2, "yes": 3}
"""The more serious answer wins when the words and the form differ: the words only ever raise
a concern (a "yes" is more serious than a "not sure", which is more serious than a "no")."""


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
    what_to_do: str = ""

    @property
    def red(self) -> bool:
        return self.level in RED


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
        """A sign that needs help now: the emergency signs are shown, prominently."""
        return any(flag.red for flag in self.flags)

    @property
    def emergency(self) -> bool:
        return any(flag.level == "emergency" for flag in self.flags)

    def flag_for(self, question_id: str) -> FlagSaid | None:
        return next((f for f in self.flags if f.id == question_id), None)

    def denial_for(self, question_id: str) -> Said | None:
        return next((d for d in self.denied if d.id == question_id), None)


LIMIT = 2000
"""Characters (the service's ``DESCRIBE_LIMIT``)."""


def typed(form: FormData) -> str:
    """The box's text as typed (line breaks kept, control codes other than them dropped)."""
    value = form.get(FIELD)
    if not isinstance(value, str):
        return ""
    return "".join(c for c in value if c in "\n\t" or unicodedata.category(c) != "Cc")


EXAMPLE = 'for example "burning down the back of my left leg to the knee, no numbness"'


def read(kb: KnowledgeBase, text: str) -> Description:
    """The reading of ``text``; raises ``Invalid`` (loc ``("text",)``) for empty, nonsense or
    too long text. (A stand-in for ``coach.describe.describe_text`` until it lands.)"""
    said = text.strip()
    if not said:
        raise Invalid.one(
            ("text",),
            f"Write a few words about your pain: where it hurts and how it feels, {EXAMPLE}.",
        )
    if len(said) > LIMIT:
        raise Invalid.one(
            ("text",),
            f"A description can be at most {LIMIT} characters; this one has {len(said)}. "
            "Please shorten it to where it hurts, how it feels and anything that worries you.",
        )
    found = describe(said, lexicon(kb))
    if not any(c.isalpha() for c in said) or found.is_empty():
        raise Invalid.one(
            ("text",),
            "Nothing in that could be read as a place or a feeling. Write where it hurts and "
            f"how it feels, in plain words, {EXAMPLE}.",
        )
    return found


def region_label(kb: KnowledgeBase, region_id: str) -> str:
    region = kb.regions.get(region_id)
    return region.label if region else region_id


def reading(
    kb: KnowledgeBase, text: str, found: Description, marked: Iterable[str] = ()
) -> Reading:
    """``found`` as the pages show it; a region already marked on a side (``marked``) is not
    asked about again."""
    questions = kb.screening.question_by_id
    sided = {key.split(":", 1)[1] for key in marked if ":" in key}

    def question(qid: str) -> str:
        q = questions.get(qid)
        return q.question if q else qid

    def level(qid: str) -> str:
        q = questions.get(qid)
        return q.rule.level if q else ""

    def what_to_do(qid: str) -> str:
        q = questions.get(qid)
        return q.rule.what_to_do if q else ""

    words = _words(found.place_words)
    feel_words = _words(found.feel_words)
    return Reading(
        text=text,
        places=[Said(p, place_label(kb, p), words.get(p, "")) for p in found.places],
        feels=[Said(f, f, feel_words.get(f, "")) for f in found.feels],
        which_side=[
            Said(r, region_label(kb, r), _unsided_words(kb, found, r))
            for r in found.which_side
            if r not in sided
        ],
        flags=[
            FlagSaid(
                f.question,
                question(f.question),
                f.answer,
                level(f.question),
                f.evidence,
                what_to_do(f.question),
            )
            for f in found.flags
        ],
        denied=[Said(d.question, question(d.question), d.evidence) for d in found.denied],
        not_current=[Said(a.kind, a.kind, a.words) for a in found.asides],
    )


def _words(given: Mapping[str, str]) -> dict[str, str]:
    return {str(k): str(v) for k, v in given.items()}


def _unsided_words(kb: KnowledgeBase, found: Description, region_id: str) -> str:
    """The words that named a region with no side, when the reading kept them."""
    for place, words in found.place_words.items():
        if place.endswith(":" + region_id):
            return str(words)
    return ""


def with_places(where: list[str], found: Description) -> list[str]:
    """The marks with the places the words gave added (none taken away)."""
    return where + [p for p in found.places if p not in where]


def with_feels(feels: list[str], found: Description) -> list[str]:
    return feels + [f for f in found.feels if f not in feels]


def with_side(kb: KnowledgeBase, where: list[str], chosen: str) -> list[str]:
    """The marks with the side the person chose for a place named without one
    (``left:lumbar``, ``right:lumbar``, ``both:lumbar``); anything else changes nothing."""
    side, _, region_id = chosen.partition(":")
    region = kb.regions.get(region_id)
    if side not in ("left", "right", "both") or region is None or not region.sided:
        return where
    sides = ("left", "right") if side == "both" else (side,)
    return where + [k for k in (f"{s}:{region_id}" for s in sides) if k not in where]


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
