"""The dose limit on instants: at most 2 sessions in any 24 hours and at most 2 on one of the
person's days, whatever the zone, the hour or the clock changes (review M-4: sessions at 23:50
and 00:10, or a process with another ``TZ``, gave 4 sessions in 80 seconds)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.activity import PastSession, dose_refusal, recent_activity
from sciatica_coach.domain.days import day_of, in_zone
from sciatica_coach.domain.session_limit import WINDOW, may_start, session_room, time_words

PER_DAY = 2
LONDON = ZoneInfo("Europe/London")


def london(text: str) -> datetime:
    """A moment on a London wall clock, as the app's "now" there."""
    return in_zone(datetime.fromisoformat(text).replace(tzinfo=LONDON), LONDON)


def allowed(attempts: list[datetime], zone: ZoneInfo) -> list[datetime]:
    """The attempts (instants, in order) that the limit lets start, each asked at its moment."""
    kept: list[datetime] = []
    for at in attempts:
        now = in_zone(at, zone)
        if may_start(kept, now, now, PER_DAY):
            kept.append(at)
    return kept


def test_23_50_and_00_10_leave_no_room_at_00_20() -> None:
    starts = [london("2026-12-07 23:50"), london("2026-12-08 00:10")]
    now = london("2026-12-08 00:20")
    room = session_room(starts, now, PER_DAY)
    assert (room.left, room.rule) == (0, "window")
    assert room.next_at == london("2026-12-08 23:50")
    assert time_words(room.next_at, now) == "23:50 today"


def test_08_00_and_18_00_then_07_00_is_refused_and_08_01_allowed() -> None:
    starts = [london("2026-12-07 08:00"), london("2026-12-07 18:00")]
    seven = london("2026-12-08 07:00")
    assert not may_start(starts, seven, seven, PER_DAY)
    room = session_room(starts, seven, PER_DAY)
    assert room.next_at == london("2026-12-08 08:00")
    assert time_words(room.next_at, seven) == "08:00 today"
    later = london("2026-12-08 08:01")
    assert may_start(starts, later, later, PER_DAY)
    room = session_room(starts, later, PER_DAY)
    assert (room.left, room.next_at) == (1, None)


def test_a_zone_change_between_starts_moves_nothing() -> None:
    """Two starts seen in UTC, the third asked from a zone where it is already tomorrow."""
    starts = [datetime(2026, 12, 7, 10, 0, tzinfo=UTC), datetime(2026, 12, 7, 10, 1, tzinfo=UTC)]
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"):
        now = in_zone(datetime(2026, 12, 7, 10, 2, tzinfo=UTC), ZoneInfo(zone))
        assert not may_start(starts, now, now, PER_DAY)
    odd = datetime(2026, 12, 7, 10, 2, tzinfo=timezone(timedelta(hours=-12, minutes=-33)))
    assert not may_start(starts, odd, odd, PER_DAY)  # TZ=XXX-12:33:24, as in the review


def test_the_long_day_when_the_clocks_go_back_holds_two() -> None:
    """Sunday 25 October 2026 in London has 25 hours: 00:05 and 00:50 BST, then 23:59 GMT is
    more than 24 hours after the first but still that day."""
    starts = [london("2026-10-25 00:05"), london("2026-10-25 00:50")]
    late = london("2026-10-25 23:59")
    assert late.astimezone(UTC) - starts[0].astimezone(UTC) > WINDOW
    room = session_room(starts, late, PER_DAY)
    assert (room.left, room.rule) == (0, "day")
    assert room.next_at == london("2026-10-26 00:00")
    assert time_words(room.next_at, late) == "00:00 tomorrow"


def test_the_next_time_is_said_to_the_minute_after() -> None:
    now = london("2026-12-08 07:00")
    assert time_words(london("2026-12-08 08:10:01"), now) == "08:11 today"
    assert time_words(london("2026-12-10 08:10"), now) == "08:10 on Thu 10 Dec"


def test_a_refusal_says_when_and_why(kb: KnowledgeBase) -> None:
    past = [
        PastSession(london("2026-12-07 23:50"), {}, False),
        PastSession(london("2026-12-08 00:10"), {}, False),
    ]
    activity = recent_activity(past, london("2026-12-08 00:20"))
    assert activity.sessions_today == 1
    when, why = dose_refusal(kb.routine.limits, activity) or ("", "")
    assert when == "You can start another session from 23:50 today."
    assert "at most 2 sessions in any 24 hours" in why


def test_sessions_that_do_not_count_leave_the_room() -> None:
    past = [
        PastSession(london("2026-12-08 00:05"), {}, False, counts=False),
        PastSession(london("2026-12-08 00:10"), {}, False),
    ]
    assert recent_activity(past, london("2026-12-08 00:20")).room(PER_DAY).left == 1


ZONES = st.sampled_from(
    [
        "UTC",
        "Europe/London",
        "America/New_York",
        "Australia/Lord_Howe",  # a half-hour change
        "America/Santiago",
        "America/Havana",  # clocks change at midnight
        "Asia/Kathmandu",
        "Pacific/Kiritimati",
        "Pacific/Pago_Pago",
    ]
)
GAPS = st.lists(st.integers(0, 40 * 60), min_size=1, max_size=12)  # minutes between attempts
FIRST = st.datetimes(datetime(2026, 1, 1), datetime(2028, 12, 31)).map(
    lambda moment: moment.replace(tzinfo=UTC)
)


def attempts_from(first: datetime, gaps: list[int]) -> list[datetime]:
    moments, at = [], first
    for gap in gaps:
        at += timedelta(minutes=gap)
        moments.append(at)
    return moments


@settings(max_examples=400)
@given(first=FIRST, gaps=GAPS, zone=ZONES)
def test_no_sequence_of_starts_puts_3_in_24_hours_or_3_in_one_day(
    first: datetime, gaps: list[int], zone: str
) -> None:
    kept = allowed(attempts_from(first, gaps), ZoneInfo(zone))
    for earlier, later in zip(kept, kept[PER_DAY:], strict=False):
        assert later - earlier >= WINDOW
    days = [day_of(s, in_zone(s, ZoneInfo(zone))) for s in kept]
    assert all(days.count(day) <= PER_DAY for day in days)


@settings(max_examples=400)
@given(first=FIRST, gaps=GAPS, zones=st.lists(ZONES, min_size=2, max_size=12))
def test_no_zone_of_the_counting_process_puts_3_in_24_hours(
    first: datetime, gaps: list[int], zones: list[str]
) -> None:
    """Each attempt asked by a process with a ``TZ`` of its own: the window still holds (the
    calendar day is the person's, so only the window can hold across zones)."""
    kept: list[datetime] = []
    for i, at in enumerate(attempts_from(first, gaps)):
        now = in_zone(at, ZoneInfo(zones[i % len(zones)]))
        if may_start(kept, now, now, PER_DAY):
            kept.append(at)
    for earlier, later in zip(kept, kept[PER_DAY:], strict=False):
        assert later - earlier >= WINDOW


@settings(max_examples=400)
@given(first=FIRST, gaps=GAPS, zone=ZONES, wait=st.integers(0, 48 * 60))
def test_the_next_time_said_is_the_first_allowed(
    first: datetime, gaps: list[int], zone: str, wait: int
) -> None:
    """Whatever was started, the room now says truly: sessions left now, and when none, the
    first moment a start is allowed (not a microsecond earlier)."""
    kept = allowed(attempts_from(first, gaps), ZoneInfo(zone))
    now = in_zone((kept or [first])[-1] + timedelta(minutes=wait), ZoneInfo(zone))
    room = session_room(kept, now, PER_DAY)
    assert (room.left > 0) == may_start(kept, now, now, PER_DAY)
    if room.next_at is None:
        return
    assert room.next_at > now
    assert may_start(kept, room.next_at, now, PER_DAY)
    assert not may_start(kept, room.next_at - timedelta(microseconds=1), now, PER_DAY)
