"""The calendar matrix (``make calendar``, ``.ci/calendar.sh``) runs what it says: every listed
test exists, and every moment is an instant with its offset in a zone that exists."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.conftest import CALENDAR_TESTS

ROOT = Path(__file__).resolve().parent.parent


def moments() -> list[tuple[datetime, ZoneInfo]]:
    script = (ROOT / ".ci" / "calendar.sh").read_text(encoding="utf-8")
    listed = re.search(r"^MOMENTS=\(\n(.*?)^\)", script, re.MULTILINE | re.DOTALL)
    assert listed is not None, "no MOMENTS in .ci/calendar.sh"
    found = []
    for line in listed.group(1).splitlines():
        moment, zone = line.split("#")[0].strip().split("@")
        found.append((datetime.fromisoformat(moment), ZoneInfo(zone)))
    return found


def test_every_listed_test_exists() -> None:
    for listed in CALENDAR_TESTS:
        path, _, name = listed.partition("::")
        assert (ROOT / path).is_file(), listed
        if name:
            assert f"def {name}(" in (ROOT / path).read_text(encoding="utf-8"), listed


def test_the_moments_are_the_awkward_ones() -> None:
    local = [moment.astimezone(zone) for moment, zone in moments()]
    assert all(moment.utcoffset() is not None for moment, _ in moments())
    sundays = [at for at in local if at.weekday() == 6 and (at.hour, at.minute) == (23, 59)]
    assert {str(at.tzinfo) for at in sundays} >= {"Europe/London", "America/New_York"}
    changes = {  # the clocks changed in the hour before the moment
        (zone.key, moment.astimezone(zone).date())
        for moment, zone in moments()
        if moment.astimezone(zone).utcoffset()
        != (moment - timedelta(hours=1)).astimezone(zone).utcoffset()
    }
    assert len(changes) == 4  # spring and autumn, in London and New York
    assert any((at.month, at.day, at.hour, at.minute) == (12, 31, 23, 59) for at in local)
    assert any((at.month, at.day) == (2, 29) for at in local)
