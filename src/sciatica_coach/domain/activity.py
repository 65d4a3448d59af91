"""What the person has already done recently, as the planner and screening need it.

Dose limits hold across the day's sessions, not only within one, so the planner is told how
many sessions and holds already happened today, and which spots caused bad pain today (those
are not pressed again until tomorrow). Adapters build this from stored session records
(:func:`recent_activity`); the core never reads storage itself.

"Today" is the person's own calendar day: the day of ``now`` in the time zone ``now`` carries
(adapters pass local time), so sessions late in the evening count for that evening. How many
sessions may still start is not "today" alone: the starts of the last 24 hours are kept too,
as instants, for the rolling limit no clock or zone can reset (:mod:`.session_limit`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sciatica_coach.content.routine_models import Limits

from .days import day_of
from .session_limit import WINDOW, SessionRoom, session_room, time_words

Spot = tuple[str, str, int]
"""A trigger point on one side: ``(muscle_id, side, spot number)``."""


@dataclass(frozen=True)
class PastSession:
    """The parts of a stored session record that limits depend on.

    ``counts`` is whether it counts toward the day's number of sessions: only once it got past
    its first step (its holds count toward the dose whatever happened)."""

    started_at: datetime
    holds: Mapping[tuple[str, str], int]
    stopped_for_bad_pain: bool
    bad_spot: Spot | None = None
    counts: bool = True


@dataclass(frozen=True)
class RecentActivity:
    sessions_today: int = 0
    holds_today: Mapping[tuple[str, str], int] = field(default_factory=dict)
    bad_stops_this_week: int = 0
    bad_spots_today: frozenset[Spot] = frozenset()
    last_bad_stop: datetime | None = None
    starts: tuple[datetime, ...] = ()
    """When the counted sessions of today and of the last 24 hours began (UTC, oldest first)."""
    as_of: datetime | None = None
    """The ``now`` this was counted at (its zone is the person's); None for no journal."""

    def room(self, per_day: int) -> SessionRoom:
        """Sessions that may still start, and when the next may if none can now."""
        if self.as_of is None:
            return SessionRoom(max(0, per_day - self.sessions_today), None, None)
        return session_room(self.starts, self.as_of, per_day)

    def holds_done(self, muscle_id: str, side: str) -> int:
        return self.holds_today.get((muscle_id, side), 0)


def recent_activity(sessions: Iterable[PastSession], now: datetime) -> RecentActivity:
    """Count today's sessions, holds and bad-pain spots, the starts of today and of the last
    24 hours, and the last 7 days' bad-pain stops.

    Sessions in the future of ``now`` are ignored. (Escalating the next screening after
    bad-pain stops is :mod:`.progress`'s job.)"""
    today = now.date()
    week_start = now - timedelta(days=7)
    count = bad = 0
    holds: Counter[tuple[str, str]] = Counter()
    bad_spots: set[Spot] = set()
    last_bad: datetime | None = None
    starts: list[datetime] = []
    for session in sessions:
        if session.started_at > now:
            continue
        is_today = day_of(session.started_at, now) == today
        started = session.started_at.astimezone(UTC)
        if session.counts and (is_today or started > now.astimezone(UTC) - WINDOW):
            starts.append(started)
        if is_today:
            count += session.counts
            holds.update(session.holds)
            if session.bad_spot is not None:
                bad_spots.add(session.bad_spot)
        if session.stopped_for_bad_pain:
            if session.started_at >= week_start:
                bad += 1
            last_bad = max(last_bad or session.started_at, session.started_at)
    return RecentActivity(
        count, dict(holds), bad, frozenset(bad_spots), last_bad, tuple(sorted(starts)), now
    )


def dose_refusal(limits: Limits, activity: RecentActivity) -> tuple[str, str] | None:
    """Why no session may start now, as (when the next may, why); None when one may.

    Planning and starting both ask this, so they refuse with the same words as the status
    shows."""
    room = activity.room(limits.sessions_per_day)
    if room.left > 0:
        return None
    if room.next_at is None or activity.as_of is None:  # counted without a clock: no time
        return (
            f"You have already done {activity.sessions_today} sessions today.",
            limits.rest.format(sessions=limits.sessions_per_day),
        )
    return limits.refused_words(time_words(room.next_at, activity.as_of))
