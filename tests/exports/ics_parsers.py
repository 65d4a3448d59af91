"""Two independent iCalendar parsers, to read the reminders back as calendar apps would.

- ical.js (Mozilla's, used by Thunderbird), vendored in ``vendor/``, run by Node: the system's
  ``node`` or, on a machine without one, the Node that Playwright (a test dependency) brings.
- vobject (Python, dateutil's rules), a test dependency.

Neither is what the project writes with (icalendar), and both read the zone from the file's
own VTIMEZONE, never from the system's zone data: that definition is what is tested.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

import playwright
import vobject  # type: ignore[import-untyped]

HERE = Path(__file__).parent
SCRIPT = HERE / "expand_ics.mjs"


def node() -> str:
    """A Node to run ical.js with."""
    found = shutil.which("node")
    if found:
        return found
    bundled = Path(playwright.__file__).parent / "driver" / "node"
    assert bundled.exists(), "no node: install Node.js or Playwright (pip install -e '.[dev]')"
    return str(bundled)


@dataclass(frozen=True)
class Probe:
    """A wall time in a zone, to turn into an instant with the file's VTIMEZONE."""

    tzid: str
    local: datetime


@dataclass(frozen=True)
class Read:
    """What a parser made of one file: each event's starts, and each probe's instant."""

    starts: dict[str, list[datetime]]
    probes: list[datetime]


def ical_js(files: list[tuple[bytes, list[Probe]]], until: datetime) -> list[Read]:
    """Every event of each file expanded by ical.js up to ``until`` (UTC), in one Node run."""
    request = {
        "until": until.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
        "files": [
            {
                "ics": data.decode("utf-8"),
                "probes": [{"tzid": p.tzid, "local": p.local.isoformat()} for p in probes],
            }
            for data, probes in files
        ],
    }
    done = subprocess.run(
        [node(), str(SCRIPT)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return [
        Read(
            {uid: [_instant(s) for s in starts] for uid, starts in read["events"].items()},
            [_instant(s) for s in read["probes"]],
        )
        for read in json.loads(done.stdout)
    ]


def _instant(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def vobject_read(data: bytes, probes: list[Probe], until: datetime) -> Read:
    """Every event expanded by vobject (dateutil) up to ``until``, with the file's zones only."""
    text = data.decode("utf-8")
    _forget_zones()
    zones = vobject_zones(data)
    _forget_zones()
    for tzid, zone in zones.items():
        vobject.icalendar.registerTzid(tzid, zone)
    calendar: Any = vobject.readOne(text)
    starts: dict[str, list[datetime]] = {}
    for event in calendar.contents.get("vevent", []):
        start = event.dtstart.value
        assert start.tzinfo is not None, "floating times would take this machine's zone"
        assert type(start.tzinfo).__name__ == "_tzicalvtz", "a zone not from the file"
        found = []
        for moment in event.getrruleset(addRDate=True) or [start]:  # None: not repeating
            instant = moment.astimezone(UTC)
            if instant >= until:
                break
            found.append(instant)
        starts[str(event.uid.value)] = found
    instants = [p.local.replace(tzinfo=_zone(p.tzid)).astimezone(UTC) for p in probes]
    return Read(starts, instants)


def vobject_zones(data: bytes) -> dict[str, tzinfo]:
    """Each VTIMEZONE of the file, as vobject (dateutil's ``tzical``) reads it."""
    calendar: Any = vobject.readOne(data.decode("utf-8"))
    return {str(z.tzid.value): z.gettzinfo() for z in calendar.contents.get("vtimezone", [])}


def _zone(tzid: str) -> tzinfo:
    """The zone vobject took from the file's VTIMEZONE."""
    zone: tzinfo | None = vobject.icalendar.getTzid(tzid, False)
    assert zone is not None, f"no VTIMEZONE for {tzid}"
    return zone


def _forget_zones() -> None:
    """vobject keeps zones by TZID for the whole process, and looks a TZID up in pytz before
    it reads the file's VTIMEZONE: so each file starts with no zones, and its own VTIMEZONEs
    are registered before its events are read. Only the file's definition can then be used."""
    registry: dict[str, tzinfo] = vars(vobject.icalendar)["__tzidMap"]
    registry.clear()
    vobject.icalendar.registerTzid("UTC", vobject.icalendar.utc)
