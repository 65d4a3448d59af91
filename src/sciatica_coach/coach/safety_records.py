"""The safety records of the journal, read once and decoded: the health history, flags
answered again, doctor's visits and clearances.

Each is a row of ``safety_records`` (kind + JSON data), kept as a history and never changed.
A year is read: a health history older than that is asked afresh, a clearance lasts months
and a flag a day, so nothing older decides anything now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sciatica_coach.domain.red_flags import REVIEW_ANSWERS, Review, Visit

from .ports import JournalPort, SafetyRecord

HISTORY = "health_history"
FLAG_REVIEW = "flag_review"
DOCTOR_SEEN = "doctor_seen"
CLEARANCE = "clearance"
LOOKBACK = timedelta(days=366)


@dataclass(frozen=True)
class KeptHistory:
    """The health history as last confirmed: its answers and the day the pain began."""

    answers: dict[str, Any]
    pain_began: date | None
    confirmed_at: datetime


DAYS_PER_MONTH = 30.44


def clearance_counts_until(checked_on: date, months: int) -> date:
    """The last day a clearance from a clinician's check on ``checked_on`` counts."""
    return checked_on + timedelta(days=round(months * DAYS_PER_MONTH))


@dataclass(frozen=True)
class Clearance:
    """A clinician checked this pain on ``checked_on`` and said self-care is fine."""

    recorded_at: datetime
    reason: str
    checked_on: date
    who: str | None


@dataclass(frozen=True)
class SafetyRecords:
    history: KeptHistory | None
    reviews: tuple[Review, ...]
    visits: tuple[Visit, ...]
    clearances: tuple[Clearance, ...]


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def decode(records: list[SafetyRecord]) -> SafetyRecords:
    """The records, typed; a record whose data cannot be read is left out (import checks
    each before it is written, so this only guards against hand-edited databases)."""
    history: KeptHistory | None = None
    reviews: list[Review] = []
    visits: list[Visit] = []
    clearances: list[Clearance] = []
    for record in sorted(records, key=lambda r: (r.recorded_at, r.id)):
        data = record.data
        if record.kind == HISTORY and isinstance(data.get("answers"), dict):
            history = KeptHistory(
                dict(data["answers"]), _day(data.get("pain_began")), record.recorded_at
            )
        elif record.kind == FLAG_REVIEW and data.get("answer") in REVIEW_ANSWERS:
            reviews.append(Review(str(data.get("question_id")), record.recorded_at, data["answer"]))
        elif record.kind == DOCTOR_SEEN:
            signs = data.get("signs")
            visits.append(Visit(record.recorded_at, frozenset(str(s) for s in signs or [])))
        elif record.kind == CLEARANCE and (checked := _day(data.get("checked_on"))):
            who = data.get("who")
            clearances.append(
                Clearance(
                    record.recorded_at,
                    str(data.get("reason")),
                    checked,
                    who if isinstance(who, str) and who else None,
                )
            )
    return SafetyRecords(history, tuple(reviews), tuple(visits), tuple(clearances))


RECENT = timedelta(days=200)
"""How far back reviews, visits and clearances are read: a clearance counts 6 months, a
flag a day and a logged sign a week."""


def read(journal: JournalPort, now: datetime) -> SafetyRecords:
    """The latest health history of the last year, and the reviews, visits and clearances
    that can still count at ``now``, decoded."""
    history = journal.latest_safety_record(HISTORY, until=now)
    others = journal.safety_records(
        since=now - RECENT,
        until=now + timedelta(microseconds=1),
        kinds=(FLAG_REVIEW, DOCTOR_SEEN, CLEARANCE),
    )
    recent = [history] if history is not None and history.recorded_at >= now - LOOKBACK else []
    return decode(recent + others)
