"""When to be reminded: a session at set times on set days, and the weekly PEG score.

Pure rules: the times and days a person types, read and checked. The calendar file itself is
made by :mod:`sciatica_coach.exports.reminders`. At most two session times a day, because the
routine allows two sessions a day (``content/routine.yaml``): a reminder never invites more.
Nor do reminders go on for ever: they stop after a few weeks (:func:`span`), with one last
reminder to see a GP or physio if it is not better.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
NAMED = {"daily": DAYS, "weekdays": DAYS[:5], "weekends": DAYS[5:]}


class ReminderError(ValueError):
    """Times or days that cannot be read; the message says what would do."""


@dataclass(frozen=True)
class Schedule:
    times: tuple[time, ...]
    days: tuple[str, ...]
    peg_day: str = "sun"
    peg_time: time = time(19, 0)


@dataclass(frozen=True)
class Span:
    """The days reminders cover: ``first`` to ``last``, then one review on ``review``."""

    first: date
    last: date
    review: date


def span(first: date, weeks: int) -> Span:
    """Reminders from ``first`` for ``weeks`` whole weeks; the review comes the day after the
    last, on the same weekday as the first."""
    review = first + timedelta(weeks=weeks)
    return Span(first, review - timedelta(days=1), review)


def first_on(start: date, days: tuple[str, ...]) -> date:
    """The first of ``days`` on or after ``start``: a repeating reminder starts there, so its
    first event is one its weekly rule gives (RFC 5545 §3.8.5.3; review D2)."""
    return next(
        start + timedelta(days=ahead)
        for ahead in range(7)
        if DAYS[(start + timedelta(days=ahead)).weekday()] in days
    )


SEQUENCE_FROM = datetime(2026, 1, 1, tzinfo=UTC)


def sequence(made_at: datetime) -> int:
    """The SEQUENCE of every event in a file made at ``made_at``: whole minutes since
    :data:`SEQUENCE_FROM`, so a file made later always supersedes an earlier one with the same
    UIDs (a new time replaces the old series, RFC 5545 §3.8.7.4). Nothing about reminders is
    saved, so the time the file is made is the one thing that grows from one file to the
    next. Minutes stay inside the 31-bit INTEGER for thousands of years; two files made in the
    same minute tie, and DTSTAMP (to the second) decides."""
    return max(0, int((made_at - SEQUENCE_FROM).total_seconds() // 60))


def read_times(text: str, most: int) -> tuple[time, ...]:
    """``08:00,18:30`` as times, in order, each once; at most ``most`` of them."""
    found: list[time] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        match = re.fullmatch(r"(\d{1,2})[:.h]?(\d{2})?", part)
        hour, minute = (int(match.group(1)), int(match.group(2) or 0)) if match else (99, 0)
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            raise ReminderError(f"'{part}' is not a time of day; write it as 08:00 or 18:30.")
        if time(hour, minute) not in found:
            found.append(time(hour, minute))
    if not found:
        raise ReminderError("Give at least one time of day, such as 08:00.")
    if len(found) > most:
        raise ReminderError(
            f"At most {most} sessions a day are safe, so at most {most} reminder times."
        )
    return tuple(sorted(found))


def read_days(text: str) -> tuple[str, ...]:
    """``mon-fri``, ``mon,wed,fri``, ``daily``, ``weekdays`` or ``weekends``, in week order."""
    chosen: set[str] = set()
    for part in (p.strip().lower() for p in text.split(",")):
        if not part:
            continue
        if part in NAMED:
            chosen.update(NAMED[part])
            continue
        first, _, last = part.partition("-")
        ends = [first[:3], (last or first)[:3]]
        if any(end not in DAYS for end in ends):
            raise ReminderError(
                f"'{part}' is not a day; use mon, tue, wed, thu, fri, sat, sun, a range such "
                "as mon-fri, or daily, weekdays, weekends."
            )
        start, stop = DAYS.index(ends[0]), DAYS.index(ends[1])
        span = range(start, stop + 1) if start <= stop else [*range(start, 7), *range(stop + 1)]
        chosen.update(DAYS[i] for i in span)
    if not chosen:
        raise ReminderError("Give the days, such as mon-fri or daily.")
    return tuple(day for day in DAYS if day in chosen)
