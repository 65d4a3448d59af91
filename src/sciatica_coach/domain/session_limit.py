"""When the next session may start: at most N sessions in any 24 hours, and at most N on one
of the person's calendar days. Both must hold.

Why two rules. "Today" alone resets at midnight, and midnight depends on a zone: sessions at
23:50 and 00:10, or a process with another ``TZ``, gave four sessions in 80 seconds. The
rolling window works on instants (every time is turned to UTC before it is compared or
subtracted, so neither a zone nor a 25-hour day moves it). The calendar day is kept because
people think in days, and a long day when the clocks go back must not hold a third session.

Pure: ``starts`` are the instants counted sessions began; ``now`` carries the person's zone,
which only says where their days begin and end.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Literal

from .days import day_of, midnight, zone_of

WINDOW = timedelta(hours=24)
"""The rolling window: a session started at 08:00 leaves room for the next one at 08:00 the
next day, not before."""

Rule = Literal["day", "window"]


@dataclass(frozen=True)
class SessionRoom:
    """How many sessions may still start now, and if none, when the next may and why."""

    left: int
    next_at: datetime | None
    """None when one may start now; otherwise the first instant one may, in ``now``'s zone."""
    rule: Rule | None
    """Which limit says no now: the calendar day, or the rolling 24 hours."""


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def in_window(starts: Iterable[datetime], at: datetime) -> list[datetime]:
    """The starts in the 24 hours up to ``at`` (``at - 24 h`` excluded), in UTC, oldest first."""
    end = _utc(at)
    return sorted(s for s in map(_utc, starts) if end - WINDOW < s <= end)


def on_day(starts: Iterable[datetime], at: datetime, now: datetime) -> int:
    """How many starts fall, up to ``at``, on ``at``'s calendar day for the person of ``now``."""
    day = day_of(at, now)
    return sum(1 for s in starts if _utc(s) <= _utc(at) and day_of(s, now) == day)


def blocked_until(
    starts: Iterable[datetime], at: datetime, now: datetime, per_day: int
) -> tuple[datetime, Rule] | None:
    """Why a start at ``at`` would break a limit and the instant that limit lifts; None if it
    may start."""
    kept = list(starts)
    if on_day(kept, at, now) >= per_day:
        return midnight(day_of(at, now) + timedelta(days=1), now), "day"
    window = in_window(kept, at)
    if len(window) >= per_day:
        return window[len(window) - per_day] + WINDOW, "window"
    return None


def may_start(starts: Iterable[datetime], at: datetime, now: datetime, per_day: int) -> bool:
    """Whether a session may start at ``at``, after ``starts``."""
    return blocked_until(starts, at, now, per_day) is None


def session_room(starts: Iterable[datetime], now: datetime, per_day: int) -> SessionRoom:
    """Sessions left now (the fewer of the day's and the window's) and, when none, the first
    instant after ``now`` when both limits allow one."""
    kept = [s for s in starts if _utc(s) <= _utc(now)]
    left = max(0, per_day - max(on_day(kept, now, now), len(in_window(kept, now))))
    first = blocked_until(kept, now, now, per_day)
    if first is None:
        return SessionRoom(left, None, None)
    at, rule = first
    # Lifting one limit can meet the other (past midnight, still in the window): move on
    # until both allow. Each turn moves past a start or a midnight, so it ends.
    for _ in range(len(kept) + 3):
        blocked = blocked_until(kept, at, now, per_day)
        if blocked is None:
            break
        at = blocked[0]
    return SessionRoom(0, _utc(at).astimezone(now.tzinfo), rule)


def _up_to_minute(moment: datetime, zone: tzinfo | None) -> datetime:
    """The minute on or after ``moment`` on ``zone``'s clock, so "after 08:11" is never a few
    seconds early (a zone's offset may have seconds: the minute is the wall clock's)."""
    local = moment.astimezone(zone)
    into = timedelta(seconds=local.second, microseconds=local.microsecond)
    rest = timedelta(minutes=1) - into if into else timedelta()
    return (_utc(moment) + rest).astimezone(zone)


def time_words(moment: datetime, now: datetime) -> str:
    """A coming moment in the person's words: "08:10 today", "08:10 tomorrow", "08:10 on Wed
    9 Dec"."""
    local = _up_to_minute(moment, zone_of(now))
    today = day_of(now, now)
    clock = f"{local:%H:%M}"
    if local.date() == today:
        return f"{clock} today"
    if local.date() == today + timedelta(days=1):
        return f"{clock} tomorrow"
    return f"{clock} on {local:%a} {local.day} {local:%b}"
