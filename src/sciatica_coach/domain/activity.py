"""What the person has already done recently, as the planner and screening need it.

Dose limits hold across the day's sessions, not only within one, so the planner is told how
many sessions and holds already happened today. Adapters build this from stored session records
(:func:`recent_activity`); the core never reads storage itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass(frozen=True)
class PastSession:
    """The parts of a stored session record that limits depend on."""

    started_at: datetime
    holds: Mapping[tuple[str, str], int]
    stopped_for_bad_pain: bool


@dataclass(frozen=True)
class RecentActivity:
    sessions_today: int = 0
    holds_today: Mapping[tuple[str, str], int] = field(default_factory=dict)
    bad_stops_this_week: int = 0

    def holds_done(self, muscle_id: str, side: str) -> int:
        return self.holds_today.get((muscle_id, side), 0)


def recent_activity(sessions: Iterable[PastSession], now: datetime) -> RecentActivity:
    """Count today's sessions and holds (same calendar day as ``now``) and the last 7 days'
    bad-pain stops. Sessions in the future of ``now`` are ignored.

    (Escalating the next screening after bad-pain stops is :mod:`.progress`'s job.)"""
    today = now.date()
    week_start = now - timedelta(days=7)
    count = bad = 0
    holds: Counter[tuple[str, str]] = Counter()
    for session in sessions:
        if session.started_at > now:
            continue
        if session.started_at.date() == today:
            count += 1
            holds.update(session.holds)
        if session.started_at >= week_start and session.stopped_for_bad_pain:
            bad += 1
    return RecentActivity(count, dict(holds), bad)
