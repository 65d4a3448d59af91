"""Today, this week and the reminders' first day, at the tests' moment and in the tests' zone
(``make calendar`` freezes the clock at awkward moments: a Sunday's last minute, the clock
changes in London and New York, New Year's Eve, 29 February), each worked out again here from
the zone's own rules rather than from the app's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from icalendar import Calendar

from sciatica_coach.coach import adherence, reminders, setup, status
from sciatica_coach.content import KnowledgeBase
from tests.conftest import any_day_now

from .fakes import FakeJournal
from .journal_days import a_day


@pytest.fixture
def zone() -> ZoneInfo:
    return ZoneInfo(os.environ["TZ"])  # the tests' zone (tests/conftest.py sets it)


@pytest.fixture
def now() -> Iterator[datetime]:
    """The app's "now" (``local_now``) with the clock at the tests' moment."""
    with time_machine.travel(any_day_now().timestamp(), tick=False):
        yield setup.local_now()


@pytest.fixture
def today(now: datetime, zone: ZoneInfo) -> date:
    local = any_day_now().astimezone(zone)
    assert now.astimezone(UTC) == local.astimezone(UTC)
    assert (now.date(), now.utcoffset()) == (local.date(), local.utcoffset())
    return local.date()


def test_today_begins_at_the_zone_s_midnight_and_the_week_on_monday(
    kb: KnowledgeBase, journal: FakeJournal, now: datetime, today: date, zone: ZoneInfo
) -> None:
    midnight = datetime.combine(today, time(), zone)
    starts = [midnight - timedelta(seconds=1), midnight]  # yesterday's last second, then today
    for started in starts:
        a_day(kb, journal, started, 5, 3)
    found = status.status(kb, journal, now)
    # Today holds one; the rolling 24 hours (real hours, in UTC) may still hold both.
    in_24_hours = sum(
        now.astimezone(UTC) - timedelta(hours=24) < s.astimezone(UTC) <= now.astimezone(UTC)
        for s in starts
    )
    assert (found.sessions_today, found.sessions_left) == (1, 2 - max(1, in_24_hours))
    week = found.habit.this_week
    assert week.start == today - timedelta(days=today.weekday())
    assert week.sessions == (2 if today.weekday() else 1)  # on a Monday, yesterday is last week


def test_a_goal_says_whether_this_week_can_still_be_met(
    kb: KnowledgeBase, journal: FakeJournal, now: datetime, today: date
) -> None:
    adherence.set_goal(kb, journal, now, 4, 1)
    habit = adherence.habit(kb, journal, now)
    days_left = 7 - today.weekday()  # today too
    assert habit.to_go.reachable == (2 * days_left >= 4)
    said = " ".join(adherence.goal_words(habit))
    assert f"This week (from {today - timedelta(days=today.weekday()):%a %d %b})" in said
    assert ("cannot be met" in said) != habit.to_go.reachable


def test_the_reminders_start_on_the_first_chosen_day_at_its_wall_time(
    kb: KnowledgeBase, now: datetime, today: date, zone: ZoneInfo
) -> None:
    made = reminders.reminder_calendar(kb, now, "08:00", "mon-fri", zone=zone.key)
    calendar: Any = Calendar.from_ical(made.ics)
    first = calendar.walk("VEVENT")[0].decoded("dtstart")
    expected = next(today + timedelta(days=n) for n in range(7) if (today.weekday() + n) % 7 < 5)
    assert first.astimezone(zone) == datetime.combine(expected, time(8), zone)
