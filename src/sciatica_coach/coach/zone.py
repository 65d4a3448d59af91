"""This computer's time zone, by name where it has one, so "today" and "this week" follow the
zone's rules (summer time), not only the offset in force at one moment
(:mod:`sciatica_coach.domain.days`); and the one safe way to turn a name someone typed into a
zone (:func:`zone_named`)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sciatica_coach.domain.days import in_zone

LOCALTIME = Path("/etc/localtime")
LONGEST_ZONE_NAME = 64
"""Longer than any zone's name (the longest, ``America/Argentina/ComodRivadavia``, has 32)."""


def zone_named(name: str) -> ZoneInfo | None:
    """The time zone called ``name`` (``Europe/London``), or None if there is none.

    Why one place: ``ZoneInfo`` looks the name up as a file, so text from a form, an option or
    ``TZ`` can fail in many ways besides "not found": too long for a file name, a folder, a
    NUL, a path outside the zone files (security review L-1). Each of them only means "no such
    zone", never a crash."""
    if not name or len(name) > LONGEST_ZONE_NAME:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def local_zone() -> str | None:
    """This computer's time zone by name (``Europe/London``), if it has one: ``TZ``, else the
    zone ``/etc/localtime`` links to."""
    named = os.environ.get("TZ", "").lstrip(":")
    if named and not named.startswith("/"):
        zone = zone_named(named)
        return zone.key if zone is not None else None
    try:
        target = str(LOCALTIME.resolve())
    except OSError:
        return None
    return target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else None


def in_local_zone(moment: datetime) -> datetime:
    """``moment`` in this computer's zone, with the offset in force then; when the zone has a
    name, its rules come along (:class:`~sciatica_coach.domain.days.LocalZone`)."""
    name = local_zone()
    zone = zone_named(name) if name is not None else None
    if zone is not None:
        return in_zone(moment, zone)
    return moment.astimezone()


def local_now() -> datetime:
    """Now, in this computer's time zone, so "today" is the person's own calendar day."""
    return in_local_zone(datetime.now(UTC))
