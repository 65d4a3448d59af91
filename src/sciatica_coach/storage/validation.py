"""Checks every row before it reaches the database, with a message a person can act on.

Why here and not only in the schema: CHECK constraints differ in wording between SQLite and
PostgreSQL and fire only after a round trip; these run first, for new entries and for imported
ones alike, and raise :class:`ValueError` naming the field and the rule. The constraints stay as
a last line of defence.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sciatica_coach.domain.text_limits import NOTE_LIMIT

Row = Mapping[str, Any]
SHORT_TEXT = 200
EARLIEST_YEAR = 1900
LATEST_YEAR = 2999  # far enough; keeps every date printable and safe to add a day to
MAX_ID = 2**31 - 1  # PostgreSQL's integer: an export moves between SQLite and PostgreSQL
MAX_DEPTH = 32  # records are a few levels deep; 900 levels would break every reader
ZONES_APART = timedelta(days=1)
"""How far a local calendar day can be from the UTC one (time zones run from -12 to +14 h)."""


def aware(row: Row, name: str, *, optional: bool = False) -> None:
    value = row[name]
    if value is None and optional:
        return
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, not {value!r}")
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"{name} must be between {EARLIEST_YEAR} and {LATEST_YEAR}, not {value}")


def score(row: Row, name: str, *, optional: bool = False) -> None:
    value = row[name]
    if value is None and optional:
        return
    if not is_score(value):
        raise ValueError(f"{name} must be a whole number from 0 to 10, not {value!r}")


def is_score(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10


def text(row: Row, name: str, *, optional: bool = False, limit: int | None = None) -> None:
    value = row[name]
    if value is None and optional:
        return
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be non-empty text, not {value!r}")
    if "\x00" in value:
        raise ValueError(f"{name} must not contain NUL characters")
    if limit is not None and len(value) > limit:
        raise ValueError(f"{name} must be at most {limit} characters long")


def json_ready(value: object, name: str, depth: int = 0) -> None:
    """Plain JSON only: what goes in must be what comes out, on SQLite and PostgreSQL alike."""
    if depth > MAX_DEPTH:
        raise ValueError(f"{name} is nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError(f"{name} must not contain NUL characters")
    elif value is None or isinstance(value, bool | int):
        return
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{name} must not contain NaN or infinity")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            json_ready(item, f"{name}[{index}]", depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError(f"{name} must have text keys, not {key!r}")
            json_ready(item, f"{name}.{key}", depth + 1)
    else:
        raise ValueError(f"{name} must be plain JSON data, not {type(value).__name__}")


def json_object(row: Row, name: str) -> None:
    if not isinstance(row[name], dict):
        raise ValueError(f"{name} must be a JSON object (a dict), not {row[name]!r}")
    json_ready(row[name], name)


def regions(row: Row, name: str, *, optional: bool = False) -> None:
    """Regions of a pain map: ``[{"key": "left:heel", "intensity": 0..10, ...}]``."""
    value = row[name]
    if value is None and optional:
        return
    if not isinstance(value, list | tuple):
        raise ValueError(f"{name} must be a list of regions, not {value!r}")
    for index, region in enumerate(value):
        where = f"{name}[{index}]"
        if not isinstance(region, dict):
            raise ValueError(f"{where} must be a dict with 'key' and 'intensity'")
        if not isinstance(region.get("key"), str) or not region["key"]:
            raise ValueError(f"{where} needs a 'key' such as 'left:heel'")
        intensity = region.get("intensity")
        if (
            isinstance(intensity, bool)
            or not isinstance(intensity, int)
            or not 0 <= intensity <= 10
        ):
            raise ValueError(f"{where} needs an 'intensity' from 0 to 10, not {intensity!r}")
    json_ready(value, name)


def holds_done(record: Row) -> None:
    """``record["holds_done"]``, if present: ``[[muscle_id, side, count], ...]``."""
    holds = record.get("holds_done", [])
    if not isinstance(holds, list | tuple):
        raise ValueError("record['holds_done'] must be a list of [muscle_id, side, count]")
    for hold in holds:
        ok = isinstance(hold, list | tuple) and len(hold) == 3
        ok = ok and all(part is None or isinstance(part, str) for part in hold[:2])
        count = hold[2] if ok else None
        if not ok or isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"record['holds_done'] has a malformed entry {hold!r}")


def check_id(row: Row, name: str = "id", *, optional: bool = False) -> None:
    value = row[name]
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise ValueError(f"{name} must be a whole number from 1 to {MAX_ID}, not {value!r}")


def screening(row: Row) -> None:
    aware(row, "taken_at")
    text(row, "level", limit=SHORT_TEXT)
    json_object(row, "answers")
    json_object(row, "result")


def pain_map(row: Row) -> None:
    aware(row, "recorded_at")
    regions(row, "regions")


def plan(row: Row) -> None:
    aware(row, "created_at")
    json_object(row, "plan")


def session(row: Row) -> None:
    aware(row, "started_at")
    aware(row, "ended_at", optional=True)
    if row["ended_at"] is not None and row["ended_at"] < row["started_at"]:
        raise ValueError("ended_at must not be before started_at")
    text(row, "status", limit=SHORT_TEXT)
    text(row, "stop_reason", optional=True, limit=SHORT_TEXT)
    score(row, "pain_before", optional=True)
    score(row, "pain_after", optional=True)
    seconds = row["duration_seconds"]
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise ValueError(f"duration_seconds must be a number, not {seconds!r}")
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"duration_seconds must be zero or more, not {seconds!r}")
    check_id(row, "plan_id", optional=True)
    json_object(row, "record")
    holds_done(row["record"])
    extra = {"state": None, "version": 0, "updated_at": None} | dict(row)
    if extra["state"] is not None:
        json_object(extra, "state")
    version = extra["version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise ValueError(f"version must be a whole number of 0 or more, not {version!r}")
    aware(extra, "updated_at", optional=True)
    for name in ("before_map_id", "after_map_id"):
        check_id({name: row.get(name)}, name, optional=True)


def pain(row: Row) -> None:
    aware(row, "recorded_at")
    if not isinstance(row["day"], date) or isinstance(row["day"], datetime):
        raise ValueError(f"day must be a date, not {row['day']!r}")
    same_day(row["day"], row["recorded_at"])
    for name in ("now", "worst", "average"):
        score(row, name, optional=name != "now")
    if row["worst"] is not None and row["worst"] < row["now"]:
        raise ValueError(f"worst ({row['worst']}) must not be less than now ({row['now']})")
    if None not in (row["worst"], row["average"]) and row["average"] > row["worst"]:
        raise ValueError(f"average ({row['average']}) must not be more than worst ({row['worst']})")
    regions(row, "regions", optional=True)
    text(row, "note", optional=True, limit=NOTE_LIMIT)


def same_day(day: date, recorded_at: datetime) -> None:
    """A pain score's ``day`` is the date where it was given, so within a day of its moment's
    date in UTC, whatever the zone."""
    if abs(day - recorded_at.astimezone(UTC).date()) > ZONES_APART:
        raise ValueError(f"day {day.isoformat()} is not the day of recorded_at {recorded_at}")


def peg(row: Row) -> None:
    aware(row, "recorded_at")
    for name in ("pain", "enjoyment", "activity"):
        score(row, name)


def note(row: Row) -> None:
    aware(row, "recorded_at")
    text(row, "text", limit=NOTE_LIMIT)


GOAL_LIMITS = {"sessions_per_week": 14, "pegs_per_week": 7}
"""Two sessions a day over a week, one PEG score a day: the schema's CHECK limits too."""


def goal(row: Row) -> None:
    aware(row, "set_at")
    for name, most in GOAL_LIMITS.items():
        value = row.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= most:
            raise ValueError(f"{name} must be a whole number from 0 to {most}, not {value!r}")


SAFETY_RECORD_KINDS = ("health_history", "flag_review", "doctor_seen", "clearance")


def safety_record(row: Row) -> None:
    aware(row, "recorded_at")
    if row.get("kind") not in SAFETY_RECORD_KINDS:
        raise ValueError(f"kind must be one of {', '.join(SAFETY_RECORD_KINDS)}")
    json_object(row, "data")


CHECKS: dict[str, Callable[[Row], None]] = {
    "screenings": screening,
    "pain_maps": pain_map,
    "plans": plan,
    "sessions": session,
    "pain_entries": pain,
    "peg_entries": peg,
    "notes": note,
    "goals": goal,
    "safety_records": safety_record,
}
"""The check for each table, by table name."""
