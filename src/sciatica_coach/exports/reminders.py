"""Reminders as an iCalendar file (RFC 5545) any calendar app can import.

One repeating event per session time, on the days chosen, and one for the weekly PEG score,
each ending (``UNTIL``) after ``review_after_weeks``; then one single event, the day after the
last, to review with a GP or physio if it is not better. A repeating event starts on the first
of its days on or after the first day, so its first event is one its rule gives.

Each event's UID names what it reminds of, not when: a session slot (first or second time of
the day) on its days, the PEG score, the review. The time is left out, so a file with a new
time replaces the old series instead of adding one; the SEQUENCE, which grows with the time
the file is made (:func:`~sciatica_coach.domain.reminders.sequence`), says which copy is
newer. A file for other days (weekends as well as weekdays) adds its own series.

Times are in the person's time zone, with its definition as yearly rules
(:mod:`~sciatica_coach.exports.vtimezone`; ``UNTIL`` then in UTC, as RFC 5545 asks), or
floating (the phone's own local time) when the zone has no name. The words are content
(``routine.yaml``): every session reminder says to take the safety check first.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from sciatica_coach.content.routine_models import Reminders
from sciatica_coach.domain.reminders import Schedule, first_on, sequence, span

from .vtimezone import vtimezone

BYDAY = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}
DOMAIN = "sciatica-coach.local"
SESSION_MINUTES = 20


def uid(kind: str, days: tuple[str, ...] = ()) -> str:
    """The same reminder has the same UID in every file made of it, whatever its time."""
    said = f"{kind}|{','.join(days)}"
    return f"{hashlib.sha256(said.encode()).hexdigest()[:20]}@{DOMAIN}"


def reminders_ics(
    words: Reminders, schedule: Schedule, first_day: date, zone: tzinfo | None, made_at: datetime
) -> bytes:
    """The calendar: repeating from ``first_day`` until ``words.review_after_weeks`` have
    passed, then the review; in ``zone`` (None: floating local time), saying ``words`` (from
    ``routine.yaml``); ``made_at`` is each event's DTSTAMP and gives its SEQUENCE (a later
    file's events supersede an earlier one's)."""
    days = span(first_day, words.review_after_weeks)
    until = _until(datetime.combine(days.last, time(23, 59, 59)), zone)
    version = sequence(made_at)

    def weekly(on: tuple[str, ...]) -> dict[str, object]:
        return {"byday": [BYDAY[d] for d in on], "until": until}

    calendar = Calendar()
    calendar.add("prodid", "-//Sciatica Coach//Reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Sciatica Coach")
    if isinstance(zone, ZoneInfo):
        calendar.add_component(vtimezone(zone, first_day))
    session_day = first_on(first_day, schedule.days)
    for slot, at in enumerate(schedule.times, start=1):
        calendar.add_component(
            _event(
                uid(f"session {slot}", schedule.days), version, words.session_summary,
                words.session_description, _start(session_day, at, zone), made_at,
                weekly(schedule.days),
            )
        )  # fmt: skip
    peg_days = (schedule.peg_day,)
    calendar.add_component(
        _event(
            uid("peg"), version, words.peg_summary, words.peg_description,
            _start(first_on(first_day, peg_days), schedule.peg_time, zone), made_at,
            weekly(peg_days),
        )
    )  # fmt: skip
    calendar.add_component(
        _event(
            uid("review"), version, words.review_summary, words.review_description,
            _start(days.review, schedule.times[0], zone), made_at, None,
        )
    )  # fmt: skip
    return bytes(calendar.to_ical())


def _start(first_day: date, at: time, zone: tzinfo | None) -> datetime:
    moment = datetime.combine(first_day, at)
    return moment.replace(tzinfo=zone) if isinstance(zone, ZoneInfo) else moment


def _until(last_moment: datetime, zone: tzinfo | None) -> datetime:
    """The end of the repeats: in UTC for times in a zone, floating for floating times."""
    if isinstance(zone, ZoneInfo):
        return last_moment.replace(tzinfo=zone).astimezone(UTC)
    return last_moment


def _event(
    event_uid: str,
    version: int,
    summary: str,
    description: str,
    start: datetime,
    made_at: datetime,
    repeat: dict[str, object] | None,
) -> Event:
    """One event with an alarm at its start; weekly on ``repeat``'s days, if given."""
    event = Event()
    event.add("uid", event_uid)
    event.add("dtstamp", made_at.astimezone(UTC))
    event.add("sequence", version)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=SESSION_MINUTES))
    if repeat is not None:
        event.add("rrule", {"freq": "weekly", **repeat})
    event.add("summary", summary)
    event.add("description", description)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(0))
    alarm.add("description", summary)
    event.add_component(alarm)
    return event
