"""The reminders use case: every problem at once, and the computer's zone by name."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from sciatica_coach.coach import reminders, zone
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.content import KnowledgeBase

from .conftest import T0


def test_every_bad_choice_is_reported_at_once(kb: KnowledgeBase) -> None:
    with pytest.raises(Invalid) as raised:
        reminders.reminder_calendar(kb, T0, "1,2,3", "mon-foo", "mon,tue", "9,10", "Nowhere/X")
    assert set(raised.value.messages()) == {"times", "days", "peg_day", "peg_time", "zone"}
    assert "At most 2 sessions a day" in raised.value.messages()["times"]


def test_the_file_starts_today_in_the_zone_named(kb: KnowledgeBase) -> None:
    made = reminders.reminder_calendar(kb, T0, "08:00", zone=" Europe/Rome ")
    assert made.zone == "Europe/Rome"
    assert b"DTSTART;TZID=Europe/Rome:20261201T080000" in made.ics
    assert made.schedule.days == ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def test_the_reminders_end_six_weeks_from_today_where_they_ring(kb: KnowledgeBase) -> None:
    late = T0.replace(hour=23, minute=30)  # already 2 December in Tokyo
    made = reminders.reminder_calendar(kb, late, "08:00", zone="Asia/Tokyo")
    assert (made.span.first, made.span.last) == (date(2026, 12, 2), date(2027, 1, 12))
    assert made.span.review == date(2027, 1, 13)
    assert b"DTSTART;TZID=Asia/Tokyo:20270113T080000" in made.ics


def test_no_zone_means_the_phone_s_own_time(kb: KnowledgeBase) -> None:
    made = reminders.reminder_calendar(kb, T0, "08:00", zone="  ")
    assert made.zone is None
    assert b"DTSTART:20261201T080000" in made.ics


@pytest.mark.parametrize(
    ("tz", "expected"), [("Asia/Tokyo", "Asia/Tokyo"), (":UTC", "UTC"), ("CET-1CEST", None)]
)
def test_the_zone_comes_from_tz(monkeypatch: pytest.MonkeyPatch, tz: str, expected: str) -> None:
    monkeypatch.setenv("TZ", tz)
    assert reminders.local_zone() == expected


def test_or_from_the_localtime_link(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TZ", raising=False)
    link = tmp_path / "localtime"
    link.symlink_to("/usr/share/zoneinfo/Europe/Lisbon")
    monkeypatch.setattr(zone, "LOCALTIME", link)
    assert reminders.local_zone() == "Europe/Lisbon"
    monkeypatch.setattr(zone, "LOCALTIME", tmp_path / "missing")
    assert reminders.local_zone() is None


def test_a_new_time_on_the_same_days_replaces_the_series(kb: KnowledgeBase) -> None:
    """Same UIDs, a higher SEQUENCE: calendar apps update the reminders, not add to them."""

    def events(now: datetime, times: str) -> list[Any]:
        made = reminders.reminder_calendar(kb, now, times, "mon-fri", zone="Europe/London")
        calendar: Any = Calendar.from_ical(made.ics)
        return list(calendar.walk("VEVENT"))

    before, after = events(T0, "08:00"), events(T0 + timedelta(days=4), "08:30")
    assert [str(e["uid"]) for e in after] == [str(e["uid"]) for e in before]
    assert all(a["sequence"] > b["sequence"] for a, b in zip(after, before, strict=True))
    assert after[0].decoded("dtstart").isoformat() == "2026-12-07T08:30:00+00:00"  # Monday
