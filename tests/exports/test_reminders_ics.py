"""The reminders file, parsed back with icalendar as a calendar app would read it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar

from sciatica_coach.content import default_knowledge_base
from sciatica_coach.domain.reminders import Schedule
from sciatica_coach.exports.reminders import reminders_ics

LONDON = ZoneInfo("Europe/London")
WORDS = default_knowledge_base().routine.reminders
WORKDAYS = Schedule((time(8), time(18, 30)), ("mon", "tue", "wed", "thu", "fri"))
NOW = datetime(2026, 12, 2, 9, 15, tzinfo=UTC)


def events(data: bytes) -> list[Any]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def made(zone: ZoneInfo | None = LONDON, at: datetime | None = None) -> list[Any]:
    when = at or NOW
    return events(reminders_ics(WORDS, WORKDAYS, date(2026, 12, 2), zone, when))


def test_each_session_time_repeats_weekly_on_the_chosen_days() -> None:
    sessions = [e for e in made() if "session" in str(e["summary"])]
    assert [e.decoded("dtstart").time() for e in sessions] == [time(8), time(18, 30)]
    for event in sessions:
        rule = event["rrule"]
        assert rule["FREQ"] == ["WEEKLY"]
        assert rule["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
        assert event.decoded("duration") == timedelta(minutes=20)
        assert event.decoded("dtstart").date() == date(2026, 12, 2)


def test_every_session_reminder_says_to_take_the_safety_check_first() -> None:
    for event in made():
        if "session" in str(event["summary"]):
            assert "Take the safety check first" in str(event["description"])
            assert "No more than two sessions a day" in str(event["description"])
            assert "Get emergency care now, not a session" in str(event["description"])
            [alarm] = event.walk("VALARM")
            assert str(alarm["action"]) == "DISPLAY"


def test_the_peg_score_is_asked_for_once_a_week() -> None:
    [peg] = [e for e in made() if "PEG" in str(e["summary"])]
    assert peg["rrule"]["BYDAY"] == ["SU"]
    assert peg.decoded("dtstart").time() == time(19)
    assert "0 to 10" in str(peg["description"])


def test_the_same_reminders_made_again_keep_their_uids() -> None:
    first = made(at=datetime(2026, 12, 2, 9, tzinfo=UTC))
    later = made(at=datetime(2027, 3, 1, 21, tzinfo=UTC))
    assert [str(e["uid"]) for e in first] == [str(e["uid"]) for e in later]
    assert len({str(e["uid"]) for e in first}) == 4
    assert later[0].decoded("dtstamp") == datetime(2027, 3, 1, 21, tzinfo=UTC)


def test_a_new_time_keeps_the_uids_so_the_new_file_replaces_the_old_series() -> None:
    """UIDs name the slot (first or second session, PEG, review), not the time (review D3)."""
    moved = Schedule((time(7, 30), time(19)), WORKDAYS.days, "sat", time(10))
    before = made(at=NOW)
    after = events(reminders_ics(WORDS, moved, date(2026, 12, 2), LONDON, NOW + timedelta(days=9)))
    assert [str(e["uid"]) for e in after] == [str(e["uid"]) for e in before]
    assert [e.decoded("dtstart").time() for e in after][:3] == [time(7, 30), time(19), time(10)]


def test_a_file_made_later_has_a_higher_sequence() -> None:
    earlier = made(at=datetime(2026, 12, 2, 9, 15, tzinfo=UTC))
    later = made(at=datetime(2026, 12, 2, 9, 16, tzinfo=UTC))
    assert len({e["sequence"] for e in earlier}) == 1
    assert later[0]["sequence"] == earlier[0]["sequence"] + 1  # one a minute


def test_other_days_are_another_series_but_the_peg_score_and_review_stay_one() -> None:
    weekends = Schedule((time(9),), ("sat", "sun"))
    other = events(reminders_ics(WORDS, weekends, date(2026, 12, 2), LONDON, NOW))
    uids = [str(e["uid"]) for e in made()]
    assert [str(e["uid"]) in uids for e in other] == [False, True, True]


def test_each_repeat_starts_on_its_first_day_on_or_after_the_first_day() -> None:
    """Made on a Saturday: sessions start on Monday, the PEG score on Sunday (review D2)."""
    saturday = date(2026, 12, 5)
    session, _, peg, review = events(reminders_ics(WORDS, WORKDAYS, saturday, LONDON, NOW))
    assert session.decoded("dtstart") == datetime(2026, 12, 7, 8, tzinfo=LONDON)
    assert peg.decoded("dtstart") == datetime(2026, 12, 6, 19, tzinfo=LONDON)
    assert review.decoded("dtstart") == datetime(2027, 1, 16, 8, tzinfo=LONDON)  # 6 weeks on
    [until] = session["rrule"]["UNTIL"]
    assert until == datetime(2027, 1, 15, 23, 59, 59, tzinfo=UTC)  # still 6 weeks from Saturday


def test_every_repeat_ends_after_six_weeks_in_utc() -> None:
    assert WORDS.review_after_weeks == 6
    repeating = [e for e in made() if "rrule" in e]
    assert len(repeating) == 3  # two session times and the PEG score
    for event in repeating:
        [until] = event["rrule"]["UNTIL"]
        assert until == datetime(2027, 1, 12, 23, 59, 59, tzinfo=UTC)  # London is UTC in winter


def test_floating_times_end_in_floating_time() -> None:
    for event in events(reminders_ics(WORDS, WORKDAYS, date(2026, 12, 2), None, NOW)):
        if "rrule" in event:
            assert event["rrule"]["UNTIL"] == [datetime(2027, 1, 12, 23, 59, 59)]


def test_in_summer_the_end_is_the_last_day_s_end_in_the_zone() -> None:
    data = reminders_ics(WORDS, WORKDAYS, date(2027, 6, 1), LONDON, NOW)
    [until] = events(data)[0]["rrule"]["UNTIL"]
    assert until == datetime(2027, 7, 12, 22, 59, 59, tzinfo=UTC)  # 23:59:59 BST


def test_one_single_review_comes_at_the_six_week_mark() -> None:
    [review] = [e for e in made() if "rrule" not in e]
    assert str(review["summary"]) == "Time to review with your GP or physio if not better"
    assert review.decoded("dtstart") == datetime(2027, 1, 13, 8, tzinfo=LONDON)
    assert "see your GP or a physio" in str(review["description"])
    assert "6 weeks" in str(review["description"])
    [alarm] = review.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"


def test_the_review_words_are_content_with_the_nhs_source() -> None:
    assert "nhs_sciatica" in WORDS.sources


def test_times_carry_the_zone_and_its_definition() -> None:
    data = reminders_ics(WORDS, WORKDAYS, date(2026, 12, 2), LONDON, NOW)
    calendar: Any = Calendar.from_ical(data)
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert b"DTSTART;TZID=Europe/London:20261202T080000" in data
    start = events(data)[0].decoded("dtstart")
    assert start.utcoffset() == timedelta(0)


def test_without_a_zone_the_times_float_with_the_phone() -> None:
    data = reminders_ics(WORDS, WORKDAYS, date(2026, 12, 2), None, NOW)
    assert not Calendar.from_ical(data).walk("VTIMEZONE")
    assert all(e.decoded("dtstart").tzinfo is None for e in events(data))
    assert b"DTSTART:20261202T080000\r\n" in data
