"""A time zone's definition for an iCalendar file (VTIMEZONE, RFC 5545 §3.6.5), from tzdata.

A calendar app turns ``08:00 Europe/London`` into an instant with the VTIMEZONE in the file,
not with its own zone data, and RFC 5545 asks that definition to be valid for every repeat.
So the changes of offset are written as yearly rules (``RRULE:FREQ=YEARLY;BYMONTH=3;
BYDAY=-1SU``), which hold for every year without an end, as tzdata's own rules do. The rules
are derived from the zone's transitions (``zoneinfo``), then checked against them year by
year for :data:`CHECKED_YEARS` years: a rule is written only if it gives every transition.

- A zone without changes gets one STANDARD observance.
- A zone whose changes follow no yearly rule (some follow the moon, or end in a known year)
  gets each change as an observance of its own, from the year before the file's first day
  through the checked years: still far beyond the reminders, which stop after weeks.

No RDATE: ical.js reads only the first value of a comma-separated RDATE and leaves out the
DTSTART of an observance that has RDATEs. icalendar's own ``Timezone.from_tzinfo`` writes the
changes as RDATE lists ending in 2038, which both parsers got wrong (standards review D1);
hence this module.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

CHECKED_YEARS = 12
"""Years of tzdata each rule must agree with, from the year before the file's first day."""

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Change:
    """One change of offset: ``local`` is the wall time just before it (RFC 5545's onset)."""

    local: datetime
    before: timedelta
    after: timedelta
    name: str
    daylight: bool


def vtimezone(zone: ZoneInfo, around: date) -> Timezone:
    """The VTIMEZONE for ``zone`` from the year before ``around``: for every later year when
    its changes follow yearly rules, else through the checked years."""
    year = around.year
    first = datetime(year - 1, 1, 1, tzinfo=UTC)
    changes = _changes(zone, year)
    component = Timezone()
    component.add("tzid", zone.key)
    local = first.astimezone(zone)
    offset = local.utcoffset() or timedelta(0)
    start = Change(local.replace(tzinfo=None), offset, offset, _name(local), bool(local.dst()))
    if not changes:
        component.add_component(_observance(start))
        return component
    groups = _groups(changes)
    years = range(year - 1, year - 1 + CHECKED_YEARS)
    rules = [_rule(group, years) for group in groups]
    if all(rule is not None for rule in rules):
        for group, rule in zip(groups, rules, strict=True):
            component.add_component(_observance(group[0], rule))
        return component
    component.add_component(_observance(start))  # until the first change
    for change in changes:
        component.add_component(_observance(change))
    return component


@lru_cache(maxsize=32)
def _changes(zone: ZoneInfo, year: int) -> tuple[Change, ...]:
    """Every change of offset in the checked years from the year before ``year``; kept, as
    zones are few and tzdata does not change while the program runs."""
    start = datetime(year - 1, 1, 1, tzinfo=UTC)
    return tuple(_search(zone, start, datetime(year - 1 + CHECKED_YEARS, 1, 1, tzinfo=UTC)))


def _search(zone: ZoneInfo, start: datetime, end: datetime) -> list[Change]:
    """Every change of offset from ``start`` to ``end``: found week by week, then day by
    day, then to the second (a change and its reverse within one week would be missed: no
    zone has one from 2010 to 2040, and the tests read every zone's definition back)."""
    found: list[Change] = []
    week, offset = start, _offset(zone, start)
    while week < end:
        following = week + timedelta(weeks=1)
        if _offset(zone, following) != offset:
            for day in (week + timedelta(days=n) for n in range(7)):
                now = _offset(zone, day + timedelta(days=1))
                if now != offset:
                    found.append(_change(zone, day, day + timedelta(days=1), offset, now))
                    offset = now
        week = following
    return found


def _change(
    zone: ZoneInfo, low: datetime, high: datetime, before: timedelta, after: timedelta
) -> Change:
    """The change between ``low`` and ``high``, to the second."""
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        low, high = (low, middle) if _offset(zone, middle) == after else (middle, high)
    local = high.astimezone(zone)
    onset = (high + before).replace(tzinfo=None)
    return Change(onset, before, after, _name(local), bool(local.dst()))


def _offset(zone: ZoneInfo, instant: datetime) -> timedelta:
    return instant.astimezone(zone).utcoffset() or timedelta(0)


def _name(local: datetime) -> str:
    return local.tzname() or "UTC"


def _groups(changes: tuple[Change, ...]) -> list[list[Change]]:
    """The changes by kind: the same month and the same offsets before and after."""
    groups: dict[tuple[int, timedelta, timedelta], list[Change]] = defaultdict(list)
    for change in changes:
        groups[(change.local.month, change.before, change.after)].append(change)
    return list(groups.values())


def _rule(group: list[Change], years: range) -> dict[str, object] | None:
    """A yearly rule giving exactly ``group``'s changes in ``years``, or None if none does."""
    first = group[0].local
    month, day, weekday = first.month, first.day, first.weekday()
    when = {change.local for change in group}
    candidates: list[tuple[dict[str, object], int | None, int | None]] = []
    if day <= 28:
        nth = (day - 1) // 7 + 1
        candidates.append(({"byday": f"{nth}{WEEKDAYS[weekday]}"}, nth, None))
    if day + 7 > calendar.monthrange(first.year, month)[1]:
        candidates.append(({"byday": f"-1{WEEKDAYS[weekday]}"}, -1, None))
    earliest = min(change.local.day for change in group)  # "Friday on or after the 23rd"
    if earliest + 6 <= min(calendar.monthrange(year, month)[1] for year in years):
        days = list(range(earliest, earliest + 7))
        candidates.append(({"byday": WEEKDAYS[weekday], "bymonthday": days}, None, earliest))
    for parts, ordinal, after in candidates:
        made = {
            datetime.combine(_date(year, month, weekday, ordinal, after), first.time())
            for year in years
        }
        if made == when:
            return {"freq": "yearly", "bymonth": month, **parts}
    return None


def _date(year: int, month: int, weekday: int, nth: int | None, after: int | None) -> date:
    """The ``nth`` (-1: last) ``weekday`` of the month, or the first on or after ``after``."""
    if after is not None:
        start = date(year, month, after)
        return start + timedelta(days=(weekday - start.weekday()) % 7)
    if nth == -1:
        end = date(year, month, calendar.monthrange(year, month)[1])
        return end - timedelta(days=(end.weekday() - weekday) % 7)
    start = date(year, month, 1)
    return start + timedelta(days=(weekday - start.weekday()) % 7 + 7 * ((nth or 1) - 1))


def _observance(
    change: Change, rule: dict[str, object] | None = None
) -> TimezoneStandard | TimezoneDaylight:
    observance = TimezoneDaylight() if change.daylight else TimezoneStandard()
    observance.add("dtstart", change.local)
    observance.add("tzoffsetfrom", change.before)
    observance.add("tzoffsetto", change.after)
    observance.add("tzname", change.name)
    if rule is not None:
        observance.add("rrule", rule)
    return observance
