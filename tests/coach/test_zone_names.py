"""A time zone's name typed by someone (a form, ``--tz``, ``TZ``) is only ever a zone or "no
such zone": the zone files are looked up by that name, and a name too long for a file, a
folder, a NUL or a way out of the zone files used to crash (security review L-1)."""

from __future__ import annotations

import pytest

from sciatica_coach.coach.zone import local_zone, zone_named

NOT_ZONES = ["A" * 300, "Europe", "Europe/", "../../etc/passwd", "/etc/localtime", "UTC\x00",
             "Mars/Olympus", "", "é" * 200, "Europe/London" + "/x" * 200]  # fmt: skip


@pytest.mark.parametrize("name", NOT_ZONES)
def test_a_name_that_is_no_zone_gives_none(name: str) -> None:
    assert zone_named(name) is None


def test_a_zone_name_gives_the_zone() -> None:
    zone = zone_named("Europe/London")
    assert zone is not None and zone.key == "Europe/London"


@pytest.mark.parametrize("name", ["A" * 300, "Europe", "../../etc/passwd"])
def test_a_tz_variable_that_is_no_zone_means_no_named_zone(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("TZ", name)
    assert local_zone() is None
