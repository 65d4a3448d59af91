"""Use case: every red flag and what became of it, for the journal page and the clinician.

A clinician needs to see each serious sign the person reported ("yes" or "not sure" to an
emergency or urgent question), with its time, and every answer given since: the sign answered
again ("I pressed the wrong answer", "I still have it", "still not sure"), a doctor's visit,
and the clearances recorded. The journal page, the summary PDF and the CSV and FHIR exports
all read them here, so they always agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.red_flags import flags_in_result

from . import safety_records
from .ports import JournalPort, Screening

EventKind = Literal["flag", "flag_review", "doctor_seen", "clearance"]
REVIEW_WORDS = {
    "wrong_answer": "said it was the wrong answer",
    "still_have": "said they still have it",
    "not_sure": "said they are still not sure",
}
WORDS_PREFIX = "journal:red_flag_words:"
"""A doctor's visit about words in the journal that may be a warning sign: then the question."""


@dataclass(frozen=True)
class SafetyEvent:
    """One entry of the safety log, in plain words (``text``) and as fields.

    ``answer`` is ``yes``/``not_sure`` for a flag, the review's answer for a review; ``day``
    is the clinician's check date for a clearance (ISO), else None."""

    at: datetime
    kind: EventKind
    question_id: str | None
    question: str | None
    level: str | None
    answer: str | None
    text: str
    screening_id: int | None = None
    who: str | None = None
    day: str | None = None
    record_id: int | None = None
    """The safety record's id (reviews, visits and clearances; flags have ``screening_id``)."""
    signs: tuple[str, ...] = ()
    """For a doctor's visit: the signs it was about (question ids or ``journal:<sign>``)."""


def safety_log(
    kb: KnowledgeBase, journal: JournalPort, since: datetime | None, until: datetime
) -> list[SafetyEvent]:
    """The flags, reviews, doctor's visits and clearances from ``since`` (None: all) to
    ``until``, oldest first."""
    questions = kb.screening.question_by_id
    clearable = {c.id: c for c in kb.screening.clearances.reasons}
    escalations = {f"history:{e.id}": e.message for e in kb.screening.escalations}
    logged = {f"journal:{s.id}": f"the {s.label} logged" for s in kb.screening.logged_signs.signs}

    def asked(qid: str | None) -> str | None:
        if qid is None:
            return None
        if qid in questions:
            return questions[qid].question
        if qid.startswith(WORDS_PREFIX) and qid[len(WORDS_PREFIX) :] in questions:
            return f"the words logged about: {questions[qid[len(WORDS_PREFIX) :]].question}"
        return escalations.get(qid) or logged.get(qid, qid)

    events: list[SafetyEvent] = []
    with journal.snapshot() as snapshot:
        records = [r for r in snapshot.safety_records(since) if r.recorded_at <= until]
        for check in _checks(snapshot, since):
            if check.taken_at > until:
                continue
            for flag in flags_in_result(check.id, check.taken_at, check.result):
                said = "not sure" if flag.answer == "not_sure" else "yes"
                events.append(
                    SafetyEvent(
                        flag.taken_at,
                        "flag",
                        flag.question_id,
                        asked(flag.question_id),
                        flag.level,
                        flag.answer,
                        f'Answered "{said}" to: {asked(flag.question_id)}',
                        screening_id=check.id,
                    )
                )
    for record in records:
        data = record.data
        if record.kind == safety_records.FLAG_REVIEW:
            qid = str(data.get("question_id"))
            answer = str(data.get("answer"))
            events.append(
                SafetyEvent(
                    record.recorded_at,
                    "flag_review",
                    qid,
                    asked(qid),
                    str(data.get("level")) if data.get("level") else None,
                    answer,
                    f"Asked again about: {asked(qid)} The person "
                    f"{REVIEW_WORDS.get(answer, answer)}.",
                    screening_id=data.get("screening_id")
                    if isinstance(data.get("screening_id"), int)
                    else None,
                    record_id=record.id,
                )
            )
        elif record.kind == safety_records.DOCTOR_SEEN:
            signs = [str(s) for s in data.get("signs") or []]
            about = "; ".join(str(asked(s)) for s in signs) or "the signs logged before"
            events.append(
                SafetyEvent(
                    record.recorded_at,
                    "doctor_seen",
                    None,
                    None,
                    None,
                    None,
                    f"Said a doctor checked them after it was raised, about: {about}",
                    record_id=record.id,
                    signs=tuple(signs),
                )
            )
        elif record.kind == safety_records.CLEARANCE:
            reason = str(data.get("reason"))
            who = data.get("who") if isinstance(data.get("who"), str) else None
            day = str(data.get("checked_on"))
            by = f" by {who}" if who else ""
            events.append(
                SafetyEvent(
                    record.recorded_at,
                    "clearance",
                    reason,
                    asked(reason),
                    "caution" if reason in clearable else None,
                    None,
                    f"Checked on {day}{by}, who said self-care is fine, about: {asked(reason)}",
                    who=who,
                    day=day,
                    record_id=record.id,
                )
            )
    return sorted(events, key=lambda e: e.at)


def _checks(journal: JournalPort, since: datetime | None) -> Iterator[Screening]:
    """The safety checks from ``since``, oldest first; all of them (an export) read a batch
    at a time, so ten years of checks with their results are never held at once."""
    if since is not None:
        yield from journal.screenings(since)
        return
    for batch in journal.entries_in_batches(Screening):
        yield from batch
