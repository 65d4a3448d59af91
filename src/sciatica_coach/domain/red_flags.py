"""Red flags that stand: a serious sign is not waved away by the next set of answers.

A red flag is an answer of "yes" or "not sure" that made a check ``emergency`` or ``urgent``.
It stands for ``stands_hours`` (``screening.yaml`` flags) after the check, whatever later
answers say, unless the person lifts that very sign in one of two ways:

* they answer it again on its own and say they pressed the wrong answer (a review of that
  question lifts every flag of it raised up to then); "I still have it" and "still not sure"
  keep it;
* they record, for that sign, that a doctor checked them about it after it was raised (it
  lifts that sign's flags raised up to then, never another sign's).

Signs are compared question by question, never by level: an emergency sign followed by an
urgent result is still that emergency sign (Dionne et al. 2019: one "no" does not rule a
serious cause out).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sciatica_coach.content import KnowledgeBase

from .screening import ScreeningInputError, screen

SERIOUS = ("emergency", "urgent")
ReviewAnswer = Literal["wrong_answer", "still_have", "not_sure"]
REVIEW_ANSWERS: tuple[ReviewAnswer, ...] = ("wrong_answer", "still_have", "not_sure")


@dataclass(frozen=True)
class Flag:
    """One serious sign in one check: which question, how it was answered, and how serious."""

    screening_id: int
    question_id: str
    taken_at: datetime
    answer: Literal["yes", "not_sure"]
    level: str
    message: str


@dataclass(frozen=True)
class Review:
    """A flagged sign answered again on its own."""

    question_id: str
    at: datetime
    answer: ReviewAnswer


@dataclass(frozen=True)
class Visit:
    """A doctor checked the person about ``signs`` (question ids, or ``journal:<sign>`` for
    a sign logged in the journal) after they were raised, recorded at ``at``."""

    at: datetime
    signs: frozenset[str]


def flags_in_result(
    screening_id: int, taken_at: datetime, result: Mapping[str, object]
) -> list[Flag]:
    """The serious signs a saved check's result gave, one per question.

    Only the check's own questions count (reasons the journal or a standing flag added are
    named ``history:…``, ``journal:…`` or ``flag:…`` and are not new answers)."""
    reasons = result.get("reasons")
    found: list[Flag] = []
    for reason in reasons if isinstance(reasons, list) else []:
        if not isinstance(reason, dict):
            continue
        question_id, level = reason.get("question_id"), reason.get("level")
        if not isinstance(question_id, str) or ":" in question_id or level not in SERIOUS:
            continue
        found.append(
            Flag(
                screening_id,
                question_id,
                taken_at,
                "not_sure" if reason.get("unsure") else "yes",
                str(level),
                str(reason.get("message") or ""),
            )
        )
    return found


LiftedBy = Literal["wrong_answer", "doctor_seen"]


def ended(
    flag: Flag, reviews: Iterable[Review], doctor_visits: Iterable[Visit], hours: int
) -> tuple[datetime, LiftedBy | None]:
    """When ``flag`` stops standing, and what lifted it: the first "wrong answer" to its
    question, or the first doctor's check of its sign, at or after it; else the end of
    ``hours`` (None: it lapsed). Every door and export asks this one rule."""
    lifts: list[tuple[datetime, LiftedBy]] = [
        (r.at, "wrong_answer")
        for r in reviews
        if r.answer == "wrong_answer"
        and r.question_id == flag.question_id
        and r.at >= flag.taken_at
    ]
    lifts += [
        (v.at, "doctor_seen")
        for v in doctor_visits
        if flag.question_id in v.signs and v.at >= flag.taken_at
    ]
    lapse = flag.taken_at + timedelta(hours=hours)
    first = min(lifts, key=lambda lift: lift[0], default=None)
    return (lapse, None) if first is None or first[0] > lapse else first


def standing(
    flags: Iterable[Flag],
    reviews: Iterable[Review],
    doctor_visits: Iterable[Visit],
    now: datetime,
    hours: int,
) -> list[Flag]:
    """The flags that stand at ``now``: the latest of each sign, most serious first."""
    reviews, doctor_visits = list(reviews), list(doctor_visits)
    latest: dict[str, Flag] = {}
    for flag in sorted(flags, key=lambda f: f.taken_at):
        if flag.taken_at <= now and ended(flag, reviews, doctor_visits, hours)[0] > now:
            latest[flag.question_id] = flag
    return sorted(latest.values(), key=lambda f: (SERIOUS.index(f.level), f.taken_at))


def flags_in_answers(
    kb: KnowledgeBase, screening_id: int, taken_at: datetime, answers: Mapping[str, object]
) -> list[Flag] | None:
    """The serious signs a check's own answers give, worked out again from them (cheaper
    than reading its saved result); None when they cannot be screened any more (the
    questions changed since), and the saved result must be read instead."""
    try:
        result = screen(kb, answers)
    except ScreeningInputError:
        return None
    return [
        Flag(
            screening_id,
            r.question_id,
            taken_at,
            "not_sure" if r.unsure else "yes",
            r.level,
            r.message,
        )
        for r in result.reasons
        if r.level in SERIOUS
    ]
