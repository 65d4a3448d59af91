"""Reminders as an iCalendar file (RFC 5545) any calendar app can import.

One repeating event per session time, on the days chosen, and one for the weekly PEG score.
Each has a UID made from what it reminds of (kind, time, days), not from when the file was
made: importing the file again updates the reminders instead of doubling them. Times are in
the person's time zone (with its VTIMEZONE), or floating (the phone's own local time) when
the zone has no name. The words are content (``routine.yaml``): every session reminder says
to take the safety check first.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from sciatica_coach.content.routine_models import Reminders
from sciatica_coach.domain.reminders import Schedule

BYDAY = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}
DOMAIN = "sciatica-coach.local"
SESSION_MINUTES = 20


def uid(kind: str, at: time, days: tuple[str, ...]) -> str:
    """The same reminder has the same UID in every file made of it."""
    said = f"{kind}|{at.isoformat('minutes')}|{','.join(days)}"
    return f"{hashlib.sha256(said.encode()).hexdigest()[:20]}@{DOMAIN}"


def reminders_ics(
    words: Reminders, schedule: Schedule, first_day: date, zone: tzinfo | None, made_at: datetime
) -> bytes:
    """The calendar: repeating from ``first_day``, in ``zone`` (None: floating local time),
    saying ``words`` (from ``routine.yaml``); ``made_at`` is each event's DTSTAMP (a later
    file's events supersede an earlier one's)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Sciatica Coach//Reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Sciatica Coach")
    for at in schedule.times:
        calendar.add_component(
            _event(
                uid("session", at, schedule.days), words.session_summary, words.session_description,
                _start(first_day, at, zone), schedule.days, made_at,
            )
        )  # fmt: skip
    peg_days = (schedule.peg_day,)
    calendar.add_component(
        _event(
            uid("peg", schedule.peg_time, peg_days), words.peg_summary, words.peg_description,
            _start(first_day, schedule.peg_time, zone), peg_days, made_at,
        )
    )  # fmt: skip
    if isinstance(zone, ZoneInfo):
        calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _start(first_day: date, at: time, zone: tzinfo | None) -> datetime:
    moment = datetime.combine(first_day, at)
    return moment.replace(tzinfo=zone) if isinstance(zone, ZoneInfo) else moment


def _event(
    event_uid: str,
    summary: str,
    description: str,
    start: datetime,
    days: tuple[str, ...],
    made_at: datetime,
) -> Event:
    event = Event()
    event.add("uid", event_uid)
    event.add("dtstamp", made_at.astimezone(ZoneInfo("UTC")))
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=SESSION_MINUTES))
    event.add("rrule", {"freq": "weekly", "byday": [BYDAY[d] for d in days]})
    event.add("summary", summary)
    event.add("description", description)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(0))
    alarm.add("description", summary)
    event.add_component(alarm)
    return event
