"""Use cases: the red flags that stand, answering one again, and a doctor's visit since.

A red flag (a "yes" or "not sure" that made a check an emergency or a doctor today) stands
for a day (:mod:`sciatica_coach.domain.red_flags`). While one stands no plan or session
starts, and status, home and plan say so. The person can lift it in two ways only, each kept
in the journal with its time: answering that very sign again ("I pressed the wrong answer";
"I still have it" and "I am still not sure" keep it), or recording that a doctor has seen
them since.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.logged_signs import Sign
from sciatica_coach.domain.red_flags import (
    REVIEW_ANSWERS,
    SERIOUS,
    Flag,
    flags_in_answers,
    flags_in_result,
    standing,
)

from . import safety_records
from .errors import Invalid, NotFound
from .journal_signs import logged_signs, seen_about, sign_words
from .ports import CheckedAnswers, JournalPort
from .when import moment_words


@dataclass(frozen=True)
class StandingFlag:
    """A flag that stands, in words: when, what was said, and to which question."""

    flag: Flag
    question: str
    restated: str
    until: datetime


def flags_of(
    kb: KnowledgeBase, journal: JournalPort, checks: Iterable[CheckedAnswers]
) -> list[Flag]:
    """The red flags the checks' own answers gave. Only an emergency or urgent check can
    hold one (its level says so without reading its result); the answers are screened
    again, and a check whose questions have changed since is read from its saved result."""
    found: list[Flag] = []
    for check in checks:
        if check.level not in SERIOUS:
            continue
        flags = flags_in_answers(kb, check.id, check.taken_at, check.answers)
        if flags is None:
            saved = journal.screening(check.id)
            flags = flags_in_result(check.id, check.taken_at, saved.result) if saved else []
        found += flags
    return found


def _flags(kb: KnowledgeBase, journal: JournalPort, now: datetime) -> list[Flag]:
    hours = kb.screening.flags.stands_hours
    checks = journal.checks_since(now - timedelta(hours=hours), now + timedelta(microseconds=1))
    records = safety_records.read(journal, now)
    return standing(flags_of(kb, journal, checks), records.reviews, records.visits, now, hours)


def restate(kb: KnowledgeBase, flag: Flag, now: datetime) -> str:
    """The flag in the person's words: "At 10:30 you said "not sure" to: <question>"."""
    question = kb.screening.question_by_id.get(flag.question_id)
    said = kb.screening.flags.restated.format(
        when=moment_words(flag.taken_at, now),
        answer="not sure" if flag.answer == "not_sure" else "yes",
        question=question.question if question else flag.question_id,
    )
    return said[:1].upper() + said[1:]


def standing_flags(kb: KnowledgeBase, journal: JournalPort, now: datetime) -> list[StandingFlag]:
    """The red flags standing at ``now``, most serious first, restated."""
    hours = kb.screening.flags.stands_hours
    questions = kb.screening.question_by_id
    return [
        StandingFlag(
            flag,
            questions[flag.question_id].question
            if flag.question_id in questions
            else flag.question_id,
            restate(kb, flag, now),
            flag.taken_at + timedelta(hours=hours),
        )
        for flag in _flags(kb, journal, now)
    ]


def review_flag(
    kb: KnowledgeBase, journal: JournalPort, now: datetime, question_id: str, answer: str
) -> bool:
    """Answer one standing flag again; True when that lifted it.

    ``answer`` is ``wrong_answer`` (lifts it), ``still_have`` or ``not_sure`` (both keep it).
    Every answer is kept, with its time, for the journal and the clinician's summary."""
    if answer not in REVIEW_ANSWERS:
        raise Invalid.one(("answer",), "Choose one: wrong_answer, still_have or not_sure.")
    flags = {f.question_id: f for f in _flags(kb, journal, now)}
    flag = flags.get(question_id)
    if flag is None:
        raise NotFound("That sign does not stand now, so there is nothing to answer again.")
    journal.add_safety_record(
        now,
        safety_records.FLAG_REVIEW,
        {
            "question_id": question_id,
            "answer": answer,
            "screening_id": flag.screening_id,
            "flagged_at": flag.taken_at.isoformat(),
            "level": flag.level,
            "first_answer": flag.answer,
        },
    )
    return answer == "wrong_answer"


@dataclass(frozen=True)
class CountingSign:
    """A sign logged in the journal that counts now as a reason to get checked, in words."""

    id: str
    """``journal:<sign>`` (``journal:red_flag_words:<question>`` for red flag words): what
    :func:`seen_doctor` takes for it."""
    sign: Sign
    text: str


def counting_signs(kb: KnowledgeBase, journal: JournalPort, now: datetime) -> list[CountingSign]:
    """The signs logged in the last days that a doctor's check has not answered yet, the
    latest of each kind (red flag words: of each question), each saying which words in which
    entry raised it."""
    visits = safety_records.read(journal, now).visits
    latest: dict[str, Sign] = {}
    for sign in logged_signs(kb, journal, now):
        if not seen_about(sign, visits):
            latest[sign.key] = sign
    return [CountingSign(f"journal:{s.key}", s, sign_words(kb, s, now)) for s in latest.values()]


def seen_doctor(kb: KnowledgeBase, journal: JournalPort, now: datetime, sign: str) -> None:
    """Record that a doctor checked the person about one sign after it was raised: a red
    flag that stands (its question id) or a sign logged in the journal (``journal:<sign>``).
    It lifts that sign only, and is kept with its time for the clinician."""
    if sign.startswith("journal:"):
        known = {c.id for c in counting_signs(kb, journal, now)}
    else:
        known = {f.question_id for f in _flags(kb, journal, now)}
    if sign not in known:
        raise NotFound("That sign does not stand now, so there is nothing to record.")
    journal.add_safety_record(now, safety_records.DOCTOR_SEEN, {"signs": [sign]})
