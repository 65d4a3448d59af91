"""Describe the pain in your own words: the use case, and what the map and the check take from it.

:func:`describe_text` checks the text (not empty, not over :data:`DESCRIBE_LIMIT`, some letters
and something the lexicon knows) and runs the pure engine (:mod:`sciatica_coach.domain.describe`)
over it. The text is never kept here: the caller decides that.

What the text says can only raise a concern, never lower one:

* :func:`check_answers_from` gives the safety check's questions the text speaks to, each
  pre-answered "yes" or "not sure" with the words that gave it, for the person to confirm; a
  question the text denies ("no fever") is never answered "no": it is left to be asked
  (:func:`denials_from` lists those, to show what the person said);
* :func:`map_marks_from` gives the places and feelings to mark on the body map, and the places
  named with no side, to ask which side.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.screening_models import Question
from sciatica_coach.domain.describe import Description, describe
from sciatica_coach.domain.matching import FEELINGS
from sciatica_coach.domain.screening import NOT_SURE

from .describe_lexicon import lexicon
from .errors import Invalid

DESCRIBE_LIMIT = 2000
"""The most characters a description may have (the same as a journal note): longer text is
refused whole, before the engine reads it, never cut."""

FIELD = ("text",)
EXAMPLE = 'for example "burning down the back of my left leg to the knee, no numbness"'
EMPTY = f"Write a few words about your pain: where it hurts and how it feels, {EXAMPLE}."
NONSENSE = (
    "Nothing in that could be read as a place or a feeling. Write where it hurts and how it "
    f"feels, in plain words, {EXAMPLE}."
)
SERIOUS = ("emergency", "urgent")


def too_long(length: int) -> str:
    return (
        f"A description can be at most {DESCRIBE_LIMIT} characters; this one has {length}. "
        "Please shorten it to where it hurts, how it feels and anything that worries you."
    )


def describe_text(kb: KnowledgeBase, text: str) -> Description:
    """What ``text`` says about the pain: places, feelings, the check questions it speaks to,
    what it denies and what is not the person's own symptom now.

    :class:`Invalid` (on ``text``) for empty text, text over :data:`DESCRIBE_LIMIT`
    characters (checked before reading it, so a long text costs nothing), and text with no
    letters or nothing the lexicon knows, each with a message that says what to write."""
    if not isinstance(text, str):
        raise Invalid.one(FIELD, EMPTY)
    said = text.strip()
    if not said:
        raise Invalid.one(FIELD, EMPTY)
    if len(said) > DESCRIBE_LIMIT:
        raise Invalid.one(FIELD, too_long(len(said)))
    said = readable(said)
    if not any(character.isalpha() for character in said):
        raise Invalid.one(FIELD, NONSENSE)
    found = describe(said, lexicon(kb))
    if found.is_empty():
        raise Invalid.one(FIELD, NONSENSE)
    return found


def readable(text: str) -> str:
    """``text`` with any lone surrogate (a half of a character: JSON's ``"\\ud800"``, or bytes
    a terminal could not decode) as U+FFFD, so every word quoted back can be written as
    UTF-8; a whole pair becomes the character it stands for."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


# --- for the safety check ---------------------------------------------------------------------


class PreAnswer(NamedTuple):
    """A check question answered from the text, for the person to confirm: ``yes`` or
    ``not_sure`` (never ``no``), with the words that gave it."""

    answer: Literal["yes", "not_sure"]
    evidence: str

    @property
    def value(self) -> bool | str:
        """The answer as the check takes it: ``True`` or ``"not_sure"``."""
        return True if self.answer == "yes" else NOT_SURE


def check_answers_from(
    description: Description, kb: KnowledgeBase | None = None
) -> dict[str, PreAnswer]:
    """The check's yes/no questions the text speaks to, each pre-answered ``yes`` or
    ``not_sure`` with its evidence. Several mentions of one question: ``yes`` wins (the more
    serious), and their words are joined. With ``kb``, only questions the check asks (not
    those the journal answers), in the check's order. Denials give nothing here."""
    answers: dict[str, set[str]] = {}
    evidence: dict[str, list[str]] = {}
    for flag in description.flags:
        answers.setdefault(flag.question, set()).add(flag.answer)
        evidence.setdefault(flag.question, []).append(flag.evidence)
    found = {
        question: PreAnswer("yes" if "yes" in said else "not_sure", _joined(evidence[question]))
        for question, said in answers.items()
    }
    if kb is None:
        return found
    return {q.id: found[q.id] for q in asked_questions(kb) if q.id in found}


def denials_from(description: Description, kb: KnowledgeBase | None = None) -> dict[str, str]:
    """The questions the text denies, with its words: to show ("you said: no fever"), never
    an answer. A question the text also raises is left out (the raise wins)."""
    raised = {flag.question for flag in description.flags}
    words: dict[str, list[str]] = {}
    for denial in description.denied:
        if denial.question not in raised:
            words.setdefault(denial.question, []).append(denial.evidence)
    found = {question: _joined(said) for question, said in words.items()}
    if kb is None:
        return found
    return {q.id: found[q.id] for q in asked_questions(kb) if q.id in found}


def asked_questions(kb: KnowledgeBase) -> list[Question]:
    """The yes/no questions a person answers in the check (daily and history), in order."""
    return [q for q in kb.screening.questions if q.kind == "yes_no" and not q.from_journal]


def red_flags(kb: KnowledgeBase, description: Description) -> tuple[str, ...]:
    """The questions the text raises that are red flags: a "yes" (or "not sure") that makes a
    check emergency or urgent alone, that counts alone and is one in some company (a past
    cancer), or whose company the text names too (a fall, at 72). Then the emergency signs
    are shown beside it."""
    raised = {flag.question for flag in description.flags}
    found = []
    for question_id in dict.fromkeys(flag.question for flag in description.flags):
        question = kb.screening.question_by_id.get(question_id)
        if question is None:
            continue
        rule = question.rule
        alone = rule.level in SERIOUS
        counts_alone = rule.level != "ok" and any(t.level in SERIOUS for t in rule.together)
        in_company = any(t.level in SERIOUS and raised & set(t.with_any) for t in rule.together)
        if alone or counts_alone or in_company:
            found.append(question_id)
    return tuple(found)


# --- for the body map -------------------------------------------------------------------------


@dataclass(frozen=True)
class MapMarks:
    """What to mark on the body map from the text, for the person to look over: ``where`` as
    the map's ``side:region`` keys, ``feels`` as its feeling ids, and ``which_side``: regions
    named with no side, to ask about (left, right or both) rather than guess."""

    where: tuple[str, ...]
    feels: tuple[str, ...]
    which_side: tuple[str, ...] = ()
    words: Mapping[str, str] = field(default_factory=dict)
    """The words that gave each place and feeling."""


def map_marks_from(description: Description) -> MapMarks:
    """The places, feelings and unsided regions of a description, as the map takes them."""
    feels = tuple(f for f in description.feels if f in FEELINGS)
    words = {**dict(description.place_words), **dict(description.feel_words)}
    return MapMarks(
        where=tuple(dict.fromkeys(description.places)),
        feels=feels,
        which_side=tuple(dict.fromkeys(description.which_side)),
        words={k: v for k, v in words.items() if k in description.places or k in feels},
    )


def sided(region: str, side: str) -> tuple[str, ...]:
    """The keys for ``region`` on the side a person chose: ``left``, ``right`` or ``both``."""
    sides = ("left", "right") if side == "both" else (side,)
    return tuple(f"{s}:{region}" for s in sides)


def _joined(parts: Iterable[str]) -> str:
    return " … ".join(dict.fromkeys(p for p in parts if p))
