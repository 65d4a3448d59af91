"""Reading the reminder times and days a person types."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.domain.reminders import (
    DAYS,
    ReminderError,
    first_on,
    read_days,
    read_times,
    sequence,
    span,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08:00", (time(8),)),
        ("18:30, 8:05", (time(8, 5), time(18, 30))),
        ("7", (time(7),)),
        ("07.15", (time(7, 15),)),
        ("19h30", (time(19, 30),)),
        ("08:00,08:00", (time(8),)),
    ],
)
def test_times_are_read_in_order_each_once(text: str, expected: tuple[time, ...]) -> None:
    assert read_times(text, 2) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("25:00", "not a time of day"),
        ("08:60", "not a time of day"),
        ("soon", "not a time of day"),
        (" , ", "at least one time"),
        ("07:00,12:00,18:00", "At most 2 sessions a day"),
    ],
)
def test_bad_times_say_what_would_do(text: str, message: str) -> None:
    with pytest.raises(ReminderError, match=message):
        read_times(text, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon-fri", DAYS[:5]),
        ("daily", DAYS),
        ("weekends", ("sat", "sun")),
        ("Weekdays", DAYS[:5]),
        ("fri-mon", ("mon", "fri", "sat", "sun")),
        ("wed,mon, friday", ("mon", "wed", "fri")),
        ("tue", ("tue",)),
    ],
)
def test_days_are_read_in_week_order(text: str, expected: tuple[str, ...]) -> None:
    assert read_days(text) == expected


@pytest.mark.parametrize("text", ["funday", "mon-xyz", "", "1-5"])
def test_bad_days_name_the_words_that_work(text: str) -> None:
    with pytest.raises(ReminderError, match="mon-fri"):
        read_days(text)


@given(st.lists(st.times(), min_size=3, max_size=6, unique_by=lambda t: (t.hour, t.minute)))
def test_a_reminder_never_invites_more_than_the_daily_sessions(chosen: list[time]) -> None:
    text = ",".join(f"{t.hour:02d}:{t.minute:02d}" for t in chosen)
    with pytest.raises(ReminderError, match="At most 2"):
        read_times(text, 2)


def test_reminders_cover_whole_weeks_then_the_review_comes_the_next_day() -> None:
    found = span(date(2026, 12, 2), 6)
    assert (found.first, found.last, found.review) == (
        date(2026, 12, 2),
        date(2027, 1, 12),
        date(2027, 1, 13),
    )
    assert found.review.weekday() == found.first.weekday()


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 12, 5), ("mon", "tue", "wed", "thu", "fri"), date(2026, 12, 7)),  # Sat
        (date(2026, 12, 7), ("mon", "tue", "wed", "thu", "fri"), date(2026, 12, 7)),  # Mon
        (date(2026, 12, 7), ("sun",), date(2026, 12, 13)),
        (date(2026, 12, 31), ("fri",), date(2027, 1, 1)),
        (date(2028, 2, 28), ("tue",), date(2028, 2, 29)),
    ],
)
def test_a_repeat_starts_on_its_first_day_on_or_after_the_start(
    start: date, days: tuple[str, ...], expected: date
) -> None:
    assert first_on(start, days) == expected


@given(st.dates(date(2020, 1, 1), date(2100, 1, 1)), st.sets(st.sampled_from(DAYS), min_size=1))
def test_the_first_day_is_a_chosen_day_within_the_week(start: date, days: set[str]) -> None:
    first = first_on(start, tuple(days))
    assert DAYS[first.weekday()] in days
    assert start <= first < start + timedelta(days=7)


def test_a_later_file_has_a_higher_sequence_whatever_its_zone() -> None:
    made = datetime(2026, 12, 6, 21, 0, tzinfo=UTC)
    same_moment = made.astimezone(timezone(timedelta(hours=-5)))
    assert sequence(made) == sequence(same_moment) == 340 * 24 * 60 - 3 * 60
    assert sequence(made + timedelta(minutes=1)) == sequence(made) + 1
    assert sequence(datetime(6000, 1, 1, tzinfo=UTC)) < 2**31  # an iCalendar INTEGER
    assert sequence(datetime(2025, 6, 1, tzinfo=UTC)) == 0
