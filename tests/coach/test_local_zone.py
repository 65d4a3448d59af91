"""The person's "now" keeps their zone's rules, not only the offset in force at this moment: an
entry made before the clocks changed still falls on its own day (a fixed offset put a session
at 00:30 BST on the wrong day once the clocks went back, and let a third session in that day)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from sciatica_coach.coach import setup, status
from sciatica_coach.coach.history import local_day
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.days import zone_of

from .conftest import Clock
from .fakes import FakeJournal
from .test_sessions import opened, to_first_hold


@pytest.fixture
def in_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """This computer's zone for the test (``TZ``, read by the C library too), then the tests'
    own zone again."""

    def to(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    yield to
    monkeypatch.undo()
    time.tzset()


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


CHANGES = [
    # zone, now (just after the change), an entry before it, the entry's own day there
    ("Europe/London", "2027-10-31 01:10", "2027-10-30 23:30", date(2027, 10, 31)),  # 00:30 BST
    ("Europe/London", "2027-03-28 01:10", "2027-03-27 23:30", date(2027, 3, 27)),  # 23:30 GMT
    ("America/New_York", "2027-11-07 06:10", "2027-11-07 04:30", date(2027, 11, 7)),  # 00:30 EDT
    ("America/New_York", "2027-03-14 07:10", "2027-03-14 04:30", date(2027, 3, 13)),  # 23:30 EST
]


@pytest.mark.parametrize(("zone", "now", "entry", "day"), CHANGES)
def test_an_entry_from_before_the_clocks_changed_keeps_its_own_day(
    in_zone: Callable[[str], None], zone: str, now: str, entry: str, day: date
) -> None:
    in_zone(zone)
    with time_machine.travel(utc(now).timestamp(), tick=False):  # not its zone
        local = setup.local_now()
    assert local.astimezone(UTC) == utc(now)  # (== across zones is False in a repeated hour)
    assert local_day(utc(entry), local) == day


def test_a_named_zone_is_kept_by_name_and_a_posix_rule_by_its_offset(
    in_zone: Callable[[str], None],
) -> None:
    in_zone("Europe/London")
    summer = setup.in_local_zone(utc("2027-07-01 12:00"))
    assert (summer.hour, summer.tzname(), str(zone_of(summer))) == (13, "BST", "Europe/London")
    in_zone("CET-1CEST,M3.5.0,M10.5.0/3")  # no name to look up: the offset of the moment
    summer = setup.in_local_zone(utc("2027-07-01 12:00"))
    assert (summer.hour, summer.tzname(), zone_of(summer)) == (14, "CEST", summer.tzinfo)


def test_sums_on_now_are_exact_across_the_change(in_zone: Callable[[str], None]) -> None:
    """An hour after 01:30 BST on the night the clocks go back is 01:30 GMT, not 02:30."""
    in_zone("Europe/London")
    now = setup.in_local_zone(utc("2027-10-31 00:30"))
    assert (now + timedelta(hours=1)).astimezone(UTC) == utc("2027-10-31 01:30")
    assert now + timedelta(hours=1) - now == timedelta(hours=1)


def test_two_sessions_before_the_clocks_go_back_are_today_s_two(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock, in_zone: Callable[[str], None]
) -> None:
    """00:05 and 00:40 BST on Sunday 31 October 2027; at 01:10 GMT that day the dose is used up."""
    in_zone("Europe/London")
    for started in ("2027-10-30 23:05", "2027-10-30 23:40"):
        clock.now = utc(started)
        to_first_hold(kb, journal, clock, opened(kb, journal, clock))
    with time_machine.travel(utc("2027-10-31 01:10").timestamp(), tick=False):
        now = setup.local_now()
    found = status.status(kb, journal, now)
    assert (found.sessions_today, found.sessions_left) == (2, 0)
