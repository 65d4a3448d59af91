"""What the journal says the person has done lately: the input of every dose limit.

Sessions still running count with their state brought up to now (a hold whose time is up has
been held), so two doors, or two browser tabs, see the same day. Finished sessions count from
their stored record.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from sciatica_coach.domain.activity import PastSession, RecentActivity, Spot, recent_activity
from sciatica_coach.domain.days import midnight
from sciatica_coach.domain.plan_model import PlanFormatError
from sciatica_coach.domain.session import advance
from sciatica_coach.domain.session_limit import WINDOW as ROLLING
from sciatica_coach.domain.session_record import session_record, state_from_json
from sciatica_coach.storage.entries import StoredSession

from .ports import JournalPort

WINDOW = timedelta(days=8)
"""Today's sessions and the last 7 days' bad-pain stops, with a day to spare for time zones."""


def recent(journal: JournalPort, now: datetime, leave_out: int | None = None) -> RecentActivity:
    """Today's sessions, holds and bad spots, the starts of the last 24 hours, and this
    week's bad-pain stops.

    Only the sessions of today and of the last 24 hours are read whole (their holds, bad
    spots and whether they count); of the days before, how each ended is enough, so their
    records (each carries its plan) stay unread. ``leave_out`` is a session not to count (the
    one being started)."""
    # Today began at the person's midnight; the rolling window 24 real hours ago (in UTC: a
    # sum on a zone's wall clock is off by an hour on the night the clocks change).
    began = min(midnight(now.date(), now).astimezone(UTC), now.astimezone(UTC) - ROLLING)
    with journal.snapshot() as snapshot:
        return _recent(snapshot, now, began, leave_out)


def _recent(
    journal: JournalPort, now: datetime, began: datetime, leave_out: int | None
) -> RecentActivity:
    earlier = [
        PastSession(
            started_at=s.started_at,
            holds={},
            stopped_for_bad_pain=s.stop_reason == "bad_pain",
        )
        for s in journal.session_outcomes(since=now - WINDOW, until=began)
        if s.id != leave_out and s.status != "ready"
    ]
    today = [
        past
        for stored in journal.sessions(since=began)
        if stored.id != leave_out and (past := as_past(stored, now)) is not None
    ]
    return recent_activity([*earlier, *today], now)


def as_past(stored: StoredSession, now: datetime) -> PastSession | None:
    """A stored session as the dose limits count it; None if it never started."""
    if stored.status == "ready":
        return None
    record = stored.record
    if stored.status == "in_progress" and stored.state is not None:
        # An unreadable state: the last saved record still counts.
        with contextlib.suppress(PlanFormatError):
            record = session_record(advance(state_from_json(stored.state), now)).to_json()
    return PastSession(
        started_at=stored.started_at,
        holds=holds_done(record),
        stopped_for_bad_pain=stored.stop_reason == "bad_pain",
        bad_spot=_bad_spot(record),
        counts=bool(record.get("outcomes")),
    )


def _bad_spot(record: dict[str, Any]) -> Spot | None:
    """The spot whose hold caused the bad-pain stop, found through the record's plan."""
    step_id = record.get("bad_step_id")
    plan = record.get("plan")
    if not step_id or not isinstance(plan, dict):
        return None
    for step in plan.get("steps", []):
        if isinstance(step, dict) and step.get("id") == step_id:
            muscle, side, spot = step.get("muscle_id"), step.get("side"), step.get("spot")
            if isinstance(muscle, str) and isinstance(side, str) and isinstance(spot, int):
                return (muscle, side, spot)
    return None


def holds_done(record: dict[str, Any]) -> dict[tuple[str, str], int]:
    """Holds done per ``(muscle, side)``, from a stored record's summary."""
    counts: Counter[tuple[str, str]] = Counter()
    for item in record.get("holds_done", []):
        if isinstance(item, list | tuple) and len(item) == 3:
            muscle_id, side, count = item
            if isinstance(muscle_id, str) and isinstance(side, str) and isinstance(count, int):
                counts[(muscle_id, side)] += count
    return dict(counts)
