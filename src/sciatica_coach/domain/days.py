"""The person's days: which calendar day an instant falls on, in the zone of ``now``.

"Now" comes with a fixed offset, so that sums on it are exact (an hour after 01:30 is 02:30
even on the night the clocks change). When the computer's zone has a name, that offset is a
:class:`LocalZone`, which also knows the zone's rules: an instant from before the clocks
changed is then put on its own day at its own offset (a session at 00:30 BST on the Sunday the
clocks go back is still that Sunday's, not Saturday's). Every day and midnight is worked out
through :func:`zone_of` for that reason.

Pure: nothing here reads the clock or the computer's zone.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo


class LocalZone(tzinfo):
    """A fixed offset (now's), carrying the named zone it was taken from."""

    def __init__(self, zone: ZoneInfo, offset: timedelta, name: str | None) -> None:
        self.zone = zone
        self._offset = offset
        self._name = name

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return self._offset

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return self._name

    def fromutc(self, dt: datetime) -> datetime:
        return (dt + self._offset).replace(tzinfo=self)

    def __repr__(self) -> str:
        return f"LocalZone({self.zone.key!r}, {self._offset!r}, {self._name!r})"

    def __reduce__(self) -> tuple[type[LocalZone], tuple[ZoneInfo, timedelta, str | None]]:
        return (LocalZone, (self.zone, self._offset, self._name))


def in_zone(moment: datetime, zone: ZoneInfo) -> datetime:
    """``moment`` as "now" in ``zone``: the offset in force then, and the zone's rules kept."""
    local = moment.astimezone(zone)
    offset = local.utcoffset()
    assert offset is not None
    return moment.astimezone(LocalZone(zone, offset, local.tzname()))


def zone_of(now: datetime) -> tzinfo | None:
    """The zone whose days count for ``now``: its named zone when it has one, else its
    offset."""
    found = now.tzinfo
    return found.zone if isinstance(found, LocalZone) else found


def day_of(moment: datetime, now: datetime) -> date:
    """The calendar day ``moment`` falls on, for the person whose time is ``now``."""
    return moment.astimezone(zone_of(now)).date()


def midnight(day: date, now: datetime) -> datetime:
    """The instant ``day`` begins, for the person whose time is ``now``."""
    return datetime.combine(day, time(), zone_of(now))
