"""The reminders file read by two independent parsers (ical.js and vobject), over a year with
both changes of clock: every reminder rings at the chosen wall time, on the chosen days only,
in summer and in winter, north and south (standards review D1, D2)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from sciatica_coach.content import default_knowledge_base
from sciatica_coach.domain.reminders import DAYS, Schedule, span
from sciatica_coach.exports.reminders import reminders_ics, uid

from .ics_parsers import Probe, Read, ical_js, vobject_read

WORDS = default_knowledge_base().routine.reminders
SCHEDULE = Schedule((time(8), time(18, 30)), ("mon", "wed", "sat"), "sun", time(19))
FIRST_DAYS = [date(2027, 1, 1) + timedelta(days=27 * n) for n in range(14)]
"""Every 27 days, so each file starts on another weekday and their 6 weeks cover all of 2027."""
UNTIL = datetime(2028, 3, 1, tzinfo=UTC)
ZONES = ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Jerusalem", "Asia/Tokyo"]
"""North, west and south; Jerusalem's spring change is "the Friday on or after 23 March";
Tokyo keeps one offset."""


def expected(first: date, days: tuple[str, ...], at: time, zone: ZoneInfo) -> list[datetime]:
    """The instants a reminder should ring: ``at`` on each of ``days`` in the file's weeks,
    turned into instants with the system's tzdata (not the file's)."""
    last = span(first, WORDS.review_after_weeks).last
    return [
        datetime.combine(first + timedelta(days=n), at, zone).astimezone(UTC)
        for n in range((last - first).days + 1)
        if DAYS[(first + timedelta(days=n)).weekday()] in days
    ]


def files(zone: ZoneInfo) -> list[bytes]:
    made = datetime(2026, 12, 6, 21, tzinfo=UTC)
    return [reminders_ics(WORDS, SCHEDULE, first, zone, made) for first in FIRST_DAYS]


def both(zone: ZoneInfo) -> dict[str, list[Read]]:
    data = files(zone)
    return {
        "ical.js": ical_js([(d, []) for d in data], UNTIL),
        "vobject": [vobject_read(d, [], UNTIL) for d in data],
    }


@pytest.fixture(scope="module", params=ZONES)
def zone_reads(request: pytest.FixtureRequest) -> tuple[ZoneInfo, dict[str, list[Read]]]:
    zone = ZoneInfo(request.param)
    return zone, both(zone)


def test_every_session_rings_at_its_wall_time_on_its_days_all_year(
    zone_reads: tuple[ZoneInfo, dict[str, list[Read]]],
) -> None:
    zone, reads = zone_reads
    for parser, per_file in reads.items():
        offsets = set()
        for first, read in zip(FIRST_DAYS, per_file, strict=True):
            for slot, at in enumerate(SCHEDULE.times, start=1):
                starts = read.starts[uid(f"session {slot}", SCHEDULE.days)]
                assert starts == expected(first, SCHEDULE.days, at, zone), (parser, first, at)
                for start in starts:
                    local = start.astimezone(zone)
                    assert (local.time(), DAYS[local.weekday()] in SCHEDULE.days) == (at, True)
                    offsets.add(local.utcoffset())
        assert len(offsets) == (1 if zone.key == "Asia/Tokyo" else 2), parser  # both changes


def test_the_peg_score_rings_on_sundays_at_seven_and_the_review_once(
    zone_reads: tuple[ZoneInfo, dict[str, list[Read]]],
) -> None:
    zone, reads = zone_reads
    for parser, per_file in reads.items():
        for first, read in zip(FIRST_DAYS, per_file, strict=True):
            pegs = read.starts[uid("peg")]
            assert pegs == expected(first, ("sun",), time(19), zone), (parser, first)
            review = span(first, WORDS.review_after_weeks).review
            assert read.starts[uid("review")] == [
                datetime.combine(review, time(8), zone).astimezone(UTC)
            ]


MADE = datetime(2027, 3, 27, 10, tzinfo=UTC)


def test_the_first_event_is_a_chosen_day_even_when_the_file_is_made_on_another() -> None:
    """Made on Saturday 27 March 2027, the day before London's clocks go forward."""
    saturday, london = date(2027, 3, 27), ZoneInfo("Europe/London")
    workdays = Schedule((time(8),), ("mon", "tue", "wed", "thu", "fri"))
    data = reminders_ics(WORDS, workdays, saturday, london, MADE)
    [js] = ical_js([(data, [])], UNTIL)
    for read in (js, vobject_read(data, [], UNTIL)):
        sessions = read.starts[uid("session 1", workdays.days)]
        assert sessions[0] == datetime(2027, 3, 29, 7, tzinfo=UTC)  # Monday, 08:00 BST
        assert len(sessions) == 5 * 6  # six whole weeks of workdays, no Saturday
        assert read.starts[uid("peg")][0] == datetime(2027, 3, 28, 18, tzinfo=UTC)  # Sunday


@pytest.mark.parametrize(
    "key", ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Jerusalem"]
)
def test_a_file_made_today_knows_the_zone_s_offsets_in_any_later_year(key: str) -> None:
    """The VTIMEZONE has no end year (RFC 5545 §3.6.5): 2040 and 2099, summer and winter."""
    zone = ZoneInfo(key)
    data = reminders_ics(WORDS, SCHEDULE, date(2026, 12, 6), zone, MADE)
    walls = [
        datetime(year, month, day, 8)
        for year in (2027, 2040, 2099)
        for month in (1, 4, 7, 10)
        for day in (2, 20)
    ]
    probes = [Probe(key, wall) for wall in walls]
    [js] = ical_js([(data, probes)], UNTIL)
    truth = [wall.replace(tzinfo=zone).astimezone(UTC) for wall in walls]
    assert js.probes == truth
    assert vobject_read(data, probes, UNTIL).probes == truth
