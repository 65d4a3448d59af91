"""What the journal hands out: plain frozen dataclasses, one per table.

Why not the ORM rows: a row is tied to a database session and can lazily hit the database;
these are inert values that the CLI, the web app and the tests can keep, compare and print.
Field names match the table columns and the keys of :meth:`Journal.export_all`. All times are
timezone-aware UTC. JSON fields hold exactly what was stored (tuples come back as lists).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class Screening:
    id: int
    taken_at: datetime
    level: str
    answers: dict[str, Any]
    result: dict[str, Any]


@dataclass(frozen=True)
class PainMap:
    """``regions``: ``[{"key": "left:heel", "intensity": 0..10, "kind": "ache", ...}]``."""

    id: int
    recorded_at: datetime
    regions: list[dict[str, Any]]


@dataclass(frozen=True)
class StoredPlan:
    """A plan as saved; ``domain.plan_model.plan_from_json(entry.plan)`` reads it back."""

    id: int
    created_at: datetime
    plan: dict[str, Any]


@dataclass(frozen=True)
class StoredSession:
    """A session as saved: ``record`` is ``domain.session_record.SessionRecord.to_json()``;
    ``state`` is ``domain.session_record.state_to_json()`` of a session that can still run (or
    ``None`` for one saved whole); ``version`` counts its changes."""

    id: int
    started_at: datetime
    ended_at: datetime | None
    status: str
    stop_reason: str | None
    pain_before: int | None
    pain_after: int | None
    duration_seconds: float
    plan_id: int | None
    record: dict[str, Any]
    state: dict[str, Any] | None = None
    version: int = 0
    updated_at: datetime | None = None
    before_map_id: int | None = None
    after_map_id: int | None = None


@dataclass(frozen=True)
class SessionPlanApart:
    """A session for the exports (``state`` None) with its record's plan read apart, as
    JSON text: then ``session.record`` is the rest of the record. ``plan`` None: the record
    came whole (on PostgreSQL, or when its plan is not a JSON object). Plans repeat from
    session to session, so a reader parses each distinct text once."""

    session: StoredSession
    plan: str | None


@dataclass(frozen=True)
class SessionOutcome:
    """A session as the progress rules see it: when, how it ended and the pain before and
    after, without its record and state (the record carries the whole plan, ~8 kB of JSON,
    and a year of sessions is read on every safety check)."""

    id: int
    started_at: datetime
    ended_at: datetime | None
    status: str
    stop_reason: str | None
    pain_before: int | None
    pain_after: int | None
    before_map_id: int | None = None
    after_map_id: int | None = None


@dataclass(frozen=True)
class CheckedAnswers:
    """A safety check without its result (kilobytes of JSON with the full citations): its
    level and answers are enough to tell its red flags and whether it said "not today"."""

    id: int
    taken_at: datetime
    level: str
    answers: dict[str, Any]


@dataclass(frozen=True)
class CheckAnswer:
    """One answer of a safety check (None when it was not answered), read by itself: the
    answers and the result kept with each check are kilobytes of JSON, and history reads a
    year of checks for their pain score alone."""

    id: int
    taken_at: datetime
    answer: Any


@dataclass(frozen=True)
class PainEntry:
    """A pain score; ``day`` is the calendar day in the timezone ``recorded_at`` was given in."""

    id: int
    recorded_at: datetime
    day: date
    now: int
    worst: int | None
    average: int | None
    regions: list[dict[str, Any]] | None
    note: str | None


@dataclass(frozen=True)
class PegEntry:
    """The PEG scale: pain, interference with enjoyment of life and with activity, each 0..10."""

    id: int
    recorded_at: datetime
    pain: int
    enjoyment: int
    activity: int


@dataclass(frozen=True)
class Note:
    id: int
    recorded_at: datetime
    text: str


@dataclass(frozen=True)
class Goal:
    """A weekly goal: sessions and PEG scores a week, from ``set_at`` on."""

    id: int
    set_at: datetime
    sessions_per_week: int
    pegs_per_week: int


@dataclass(frozen=True)
class SafetyRecord:
    """Something the person told the app about their safety: ``kind`` is ``health_history``,
    ``flag_review``, ``doctor_seen`` or ``clearance`` (``coach/safety_records.py`` reads
    ``data``)."""

    id: int
    recorded_at: datetime
    kind: str
    data: dict[str, Any]


ENTRIES: dict[str, type[Any]] = {
    "screenings": Screening,
    "pain_maps": PainMap,
    "plans": StoredPlan,
    "sessions": StoredSession,
    "pain_entries": PainEntry,
    "peg_entries": PegEntry,
    "notes": Note,
    "goals": Goal,
    "safety_records": SafetyRecord,
}
"""The dataclass for each table, by table name."""
