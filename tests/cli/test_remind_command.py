"""`sciatica-coach remind`: a calendar file of reminders, as a person would make one."""

from __future__ import annotations

import stat
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from .conftest import Cli, Clock, flat


def test_it_writes_a_private_calendar_file(cli: Cli, clock: Clock, tmp_path: Path) -> None:
    out = tmp_path / "reminders.ics"
    args = ("--days", "mon-fri", "--tz", "Europe/Paris", "--out", str(out))
    result = cli("remind", "--times", "08:00,18:00", *args)
    assert result.exit_code == 0, result.stderr
    said = flat(result.stdout)
    assert "sessions at 08:00, 18:00 (mon, tue, wed, thu, fri)" in said
    assert (
        "until Tue 12 Jan; then, on Wed 13 Jan, a reminder to review with your GP or physio if "
        "you are not better." in said
    )
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    calendar: Any = Calendar.from_ical(out.read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 4
    assert [e["rrule"]["UNTIL"] for e in events if "rrule" in e] == [
        [datetime(2027, 1, 12, 22, 59, 59, tzinfo=UTC)]  # the end of 12 Jan in Paris
    ] * 3
    [review] = [e for e in events if "rrule" not in e]
    assert review.decoded("dtstart").date() == date(2027, 1, 13)
    assert str(calendar.walk("VTIMEZONE")[0]["tzid"]) == "Europe/Paris"


def test_writing_it_again_keeps_the_same_reminders(
    cli: Cli, any_day: Clock, tmp_path: Path
) -> None:
    def uids(name: str) -> list[str]:
        out = tmp_path / name
        assert cli("remind", "--times", "07:30", "--tz", "UTC", "--out", str(out)).exit_code == 0
        calendar: Any = Calendar.from_ical(out.read_bytes())
        return [str(e["uid"]) for e in calendar.walk("VEVENT")]

    assert uids("a.ics") == uids("b.ics")


def test_a_dash_writes_to_standard_output(
    cli: Cli, any_day: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    result = cli("remind", "--times", "9", "--peg-day", "sat", "--peg-time", "10:00", "--out", "-")
    assert result.exit_code == 0, result.stderr
    calendar: Any = Calendar.from_ical(result.stdout.encode())
    peg: Any = next(e for e in calendar.walk("VEVENT") if "PEG" in str(e["summary"]))
    assert peg["rrule"]["BYDAY"] == ["SA"]
    assert str(calendar.walk("VTIMEZONE")[0]["tzid"]) == "America/New_York"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--times", "07:00,12:00,18:00"], "At most 2 sessions a day"),
        (["--times", "8", "--days", "someday"], "'someday' is not a day"),
        (["--times", "8", "--peg-day", "mon-fri"], "asked for on one day"),
        (["--times", "8", "--tz", "Mars/Olympus"], "'Mars/Olympus' is not a time zone"),
    ],
)
def test_bad_choices_are_explained_and_nothing_is_written(
    cli: Cli, any_day: Clock, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "r.ics"
    result = cli("remind", *args, "--out", str(out))
    assert result.exit_code != 0
    assert message in flat(result.stderr)
    assert "Traceback" not in result.stderr
    assert not out.exists()
