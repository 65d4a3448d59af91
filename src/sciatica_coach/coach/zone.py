"""This computer's time zone, by name where it has one, so "today" and "this week" follow the
zone's rules (summer time), not only the offset in force at one moment
(:mod:`sciatica_coach.domain.days`)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sciatica_coach.domain.days import in_zone

LOCALTIME = Path("/etc/localtime")


def local_zone() -> str | None:
    """This computer's time zone by name (``Europe/London``), if it has one: ``TZ``, else the
    zone ``/etc/localtime`` links to."""
    named = os.environ.get("TZ", "").lstrip(":")
    if named and not named.startswith("/"):
        try:
            return ZoneInfo(named).key
        except (ZoneInfoNotFoundError, ValueError):
            return None
    try:
        target = str(LOCALTIME.resolve())
    except OSError:
        return None
    return target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else None


def in_local_zone(moment: datetime) -> datetime:
    """``moment`` in this computer's zone, with the offset in force then; when the zone has a
    name, its rules come along (:class:`~sciatica_coach.domain.days.LocalZone`)."""
    name = local_zone()
    if name is not None:
        try:
            return in_zone(moment, ZoneInfo(name))
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return moment.astimezone()


def local_now() -> datetime:
    """Now, in this computer's time zone, so "today" is the person's own calendar day."""
    return in_local_zone(datetime.now(UTC))
