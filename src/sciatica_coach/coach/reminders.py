"""Use case: a calendar file of reminders, from the times and days a person chose.

Both doors (``sciatica-coach remind`` and the Reminders page) call :func:`reminder_calendar`,
so the rules are the same: at most as many session times as the routine allows sessions a
day, one day for the PEG score, a time zone by name (or none: the phone's local time), and an
end: the reminders start on ``now``'s day and stop after ``review_after_weeks`` (content),
with one reminder to review with a GP or physio if it is not better.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.reminders import (
    ReminderError,
    Schedule,
    Span,
    read_days,
    read_times,
    span,
)
from sciatica_coach.exports.reminders import reminders_ics

from .errors import Invalid, Loc
from .zone import LONGEST_ZONE_NAME, local_zone, zone_named

__all__ = ["Reminders", "local_zone", "reminder_calendar"]

T = TypeVar("T")


@dataclass(frozen=True)
class Reminders:
    """The file and what it holds, for the door to say what was made."""

    ics: bytes
    schedule: Schedule
    zone: str | None
    span: Span


def reminder_calendar(
    kb: KnowledgeBase,
    now: datetime,
    times: str,
    days: str = "daily",
    peg_day: str = "sun",
    peg_time: str = "19:00",
    zone: str | None = None,
) -> Reminders:
    """Reminders starting today; every problem in the choices is reported at once."""
    problems: list[tuple[Loc, str]] = []

    def read(field: str, reading: Callable[[], tuple[T, ...]]) -> tuple[T, ...]:
        try:
            return reading()
        except ReminderError as error:
            problems.append(((field,), str(error)))
            return ()

    most = kb.routine.limits.sessions_per_day
    session_times = read("times", lambda: read_times(times, most))
    session_days = read("days", lambda: read_days(days))
    peg_days = read("peg_day", lambda: read_days(peg_day))
    peg_at = read("peg_time", lambda: read_times(peg_time, 24))
    if len(peg_days) > 1:
        problems.append((("peg_day",), "The PEG score is asked for on one day, such as sun."))
    if len(peg_at) > 1:
        problems.append((("peg_time",), "The PEG score is asked for at one time, such as 19:00."))
    named = zone.strip() if zone and zone.strip() else None
    tz = zone_named(named) if named else None
    if named and tz is None:
        problems.append((("zone",), _unknown_zone(named)))
    if problems:
        raise Invalid(problems)
    schedule = Schedule(session_times, session_days, peg_days[0], peg_at[0])
    words = kb.routine.reminders
    first = (now.astimezone(tz) if tz else now).date()  # today where the reminders ring
    ics = reminders_ics(words, schedule, first, tz, now)
    return Reminders(ics, schedule, named, span(first, words.review_after_weeks))


def _unknown_zone(named: str) -> str:
    """What to say of a zone name that names none (quoted back only if it is short)."""
    if len(named) > LONGEST_ZONE_NAME:
        return "Unknown time zone; use a name such as Europe/London."
    return f"'{named}' is not a time zone; use a name such as Europe/London."
