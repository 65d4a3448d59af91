"""A zone's definition in the file: yearly rules derived from tzdata, read back by two
independent parsers for every zone there is (standards review D1)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest
from icalendar import Calendar

from sciatica_coach.exports.vtimezone import CHECKED_YEARS, vtimezone

from .ics_parsers import Probe, ical_js, vobject_zones

MADE_ON = date(2026, 12, 6)


def written(key: str, around: date = MADE_ON) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//test//EN")
    calendar.add("version", "2.0")
    calendar.add_component(vtimezone(ZoneInfo(key), around))
    return bytes(calendar.to_ical())


def observances(key: str) -> list[list[str]]:
    """Each observance's lines, without BEGIN and END."""
    lines = written(key).decode().split("\r\n")
    found: list[list[str]] = []
    for line in lines:
        if line in ("BEGIN:STANDARD", "BEGIN:DAYLIGHT"):
            found.append([line.removeprefix("BEGIN:")])
        elif found and line and not line.startswith(("END:", "BEGIN:")):
            found[-1].append(line)
    return found


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (
            "Europe/London",
            [
                ["DAYLIGHT", "DTSTART:20250330T010000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
                 "TZNAME:BST", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100"],
                ["STANDARD", "DTSTART:20251026T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
                 "TZNAME:GMT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000"],
            ],
        ),
        (
            "America/New_York",
            [
                ["DAYLIGHT", "DTSTART:20250309T020000", "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
                 "TZNAME:EDT", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400"],
                ["STANDARD", "DTSTART:20251102T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
                 "TZNAME:EST", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500"],
            ],
        ),
        (
            "Australia/Sydney",
            [
                ["STANDARD", "DTSTART:20250406T030000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4",
                 "TZNAME:AEST", "TZOFFSETFROM:+1100", "TZOFFSETTO:+1000"],
                ["DAYLIGHT", "DTSTART:20251005T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=10",
                 "TZNAME:AEDT", "TZOFFSETFROM:+1000", "TZOFFSETTO:+1100"],
            ],
        ),
        (
            "Asia/Jerusalem",  # spring: the Friday on or after 23 March
            [
                ["DAYLIGHT", "DTSTART:20250328T020000",
                 "RRULE:FREQ=YEARLY;BYDAY=FR;BYMONTHDAY=23,24,25,26,27,28,29;BYMONTH=3",
                 "TZNAME:IDT", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0300"],
                ["STANDARD", "DTSTART:20251026T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
                 "TZNAME:IST", "TZOFFSETFROM:+0300", "TZOFFSETTO:+0200"],
            ],
        ),
        (
            "Asia/Tokyo",
            [["STANDARD", "DTSTART:20250101T090000", "TZNAME:JST", "TZOFFSETFROM:+0900",
              "TZOFFSETTO:+0900"]],
        ),
    ],
)  # fmt: skip
def test_changes_are_yearly_rules_without_an_end(key: str, expected: list[list[str]]) -> None:
    assert observances(key) == expected


def test_a_zone_with_no_yearly_rule_has_each_change_as_its_own_observance() -> None:
    """Morocco's clocks follow Ramadan. No RDATE: ical.js reads only the first of
    comma-separated dates, and drops the DTSTART of an observance that has RDATEs."""
    found = observances("Africa/Casablanca")
    assert not any(line.startswith(("RRULE", "RDATE")) for lines in found for line in lines)
    starts = [line for lines in found for line in lines if line.startswith("DTSTART")]
    assert len(starts) > 2 * 10
    assert max(int(line[8:12]) for line in starts) == MADE_ON.year - 2 + CHECKED_YEARS


def every_zone() -> list[str]:
    return sorted(available_timezones() - {"Factory", "localtime"})


def noons(year: int, every: int) -> list[datetime]:
    return [datetime(year, 1, 3, 12) + timedelta(days=every * n) for n in range(365 // every)]


def test_every_zone_read_back_by_both_parsers_has_tzdata_s_offsets_all_year() -> None:
    """Every zone's definition, made on 6 December 2026, gives tzdata's offset at noon every
    nine days of 2027 in ical.js and vobject; zones with yearly rules in 2045 as well."""
    files, truths = [], []
    for key in every_zone():
        data = written(key)
        walls = noons(2027, 9) + (noons(2045, 30) if b"RRULE" in data else [])
        files.append((data, [Probe(key, wall) for wall in walls]))
        truths.append([wall.replace(tzinfo=ZoneInfo(key)).astimezone(UTC) for wall in walls])
    far = datetime(2046, 1, 1, tzinfo=UTC)
    for (data, probes), js, truth in zip(files, ical_js(files, far), truths, strict=True):
        assert js.probes == truth, probes[0].tzid
        zone = vobject_zones(data)[probes[0].tzid]
        assert [p.local.replace(tzinfo=zone).astimezone(UTC) for p in probes] == truth
