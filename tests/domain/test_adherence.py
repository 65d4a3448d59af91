"""The weekly goal, its streak and pain just before and just after sessions: counted within the
dose limits, never pushing through a pause."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.domain.adherence import (
    FEW,
    SessionEffect,
    Week,
    WeeklyGoal,
    WeekToGo,
    goal_problems,
    held,
    next_peg_day,
    streak,
    to_go,
    week_start,
    weeks,
    what_helped,
)

WEDNESDAY = date(2026, 12, 2)
MONDAY = date(2026, 11, 30)
GOAL = WeeklyGoal(sessions=4, pegs=1, since=date(2026, 1, 1))
GOAL_TWO = WeeklyGoal(sessions=2, pegs=0, since=date(2026, 1, 1))


def test_weeks_start_on_monday() -> None:
    assert week_start(WEDNESDAY) == MONDAY
    assert week_start(MONDAY) == MONDAY
    assert week_start(date(2026, 12, 6)) == MONDAY


@pytest.mark.parametrize(
    ("sessions", "pegs", "fields"),
    [(4, 1, set()), (14, 1, set()), (15, 1, {"sessions"}), (3, 2, {"pegs"}), (3, 7, {"pegs"}),
     (0, 0, {"sessions"}), (-1, 1, {"sessions"}), (0, 1, set()), (4, 0, set())],
)  # fmt: skip
def test_a_goal_stays_within_the_dose_limits(sessions: int, pegs: int, fields: set[str]) -> None:
    assert set(goal_problems(sessions, pegs, sessions_per_day=2)) == fields


def test_the_message_names_the_daily_limit() -> None:
    assert "the routine's limit is 2 a day" in goal_problems(20, 1, 2)["sessions"]


def test_a_second_peg_a_week_is_refused_with_the_reason() -> None:
    assert goal_problems(4, 2, 2)["pegs"] == (
        "Choose 0 or 1 PEG score a week: it asks about the past week, so once a week is enough."
    )


def test_the_next_peg_is_due_on_the_same_weekday_a_week_on() -> None:
    assert next_peg_day(WEDNESDAY) == date(2026, 12, 9)


def test_a_third_session_in_a_day_does_not_count() -> None:
    days = [MONDAY] * 3 + [MONDAY + timedelta(days=1)]
    (week,) = weeks(days, [MONDAY], [GOAL], WEDNESDAY, 1, sessions_per_day=2)
    assert (week.sessions, week.pegs) == (3, 1)
    assert not week.met


def test_a_week_is_met_when_both_counts_reach_the_goal() -> None:
    days = [MONDAY + timedelta(days=i) for i in range(4)]
    (week,) = weeks(days, [MONDAY], [GOAL], MONDAY + timedelta(days=6), 1, 2)
    assert week.met
    (no_peg,) = weeks(days, [], [GOAL], MONDAY + timedelta(days=6), 1, 2)
    assert not no_peg.met


def met_weeks(count: int) -> list[date]:
    """Four sessions in each of the ``count`` weeks before this one."""
    return [
        MONDAY - timedelta(weeks=w) + timedelta(days=d)
        for w in range(1, count + 1)
        for d in range(4)
    ]


def test_the_streak_counts_weeks_in_a_row_and_this_week_does_not_break_it() -> None:
    pegs = [MONDAY - timedelta(weeks=w) for w in range(1, 4)]
    found = weeks(met_weeks(3), pegs, [GOAL], WEDNESDAY, 6, 2)
    assert [w.met for w in found] == [False, False, True, True, True, False]
    assert streak(found) == 3


def test_a_missed_week_ends_the_streak() -> None:
    sessions = [d for d in met_weeks(3) if d >= MONDAY - timedelta(weeks=1)]
    pegs = [MONDAY - timedelta(weeks=w) for w in range(1, 4)]
    assert streak(weeks(sessions, pegs, [GOAL], WEDNESDAY, 6, 2)) == 1


def test_without_a_goal_there_is_no_streak() -> None:
    assert streak(weeks(met_weeks(3), [], [], WEDNESDAY, 6, 2)) == 0
    assert streak([]) == 0


def test_a_week_is_judged_by_the_goal_that_held_at_its_end() -> None:
    easier = WeeklyGoal(1, 0, since=WEDNESDAY)
    (week,) = weeks([MONDAY], [], [GOAL, easier], WEDNESDAY, 1, 2)
    assert week.goal == easier and week.met


def test_what_is_left_never_asks_for_more_than_two_a_day() -> None:
    sunday = MONDAY + timedelta(days=6)
    (week,) = weeks([], [], [WeeklyGoal(4, 0, MONDAY)], sunday, 1, 2)
    left = to_go(week, sunday, sessions_today=0, sessions_per_day=2)
    assert (left.sessions_left, left.reachable) == (4, False)
    (midweek,) = weeks([], [], [WeeklyGoal(4, 0, MONDAY)], WEDNESDAY, 1, 2)
    assert to_go(midweek, WEDNESDAY, 0, 2).reachable


@given(
    st.lists(st.integers(0, 27), max_size=80),
    st.integers(0, 14),
    st.integers(0, 6),
)
def test_no_week_counts_more_sessions_than_the_limit_allows(
    offsets: list[int], goal: int, weekday: int
) -> None:
    today = MONDAY + timedelta(days=weekday)
    days = [today - timedelta(days=o) for o in offsets]
    found = weeks(days, [], [WeeklyGoal(goal, 0, date(2020, 1, 1))], today, 5, 2)
    assert all(week.sessions <= 14 for week in found)
    assert 0 <= streak(found) <= len(found)
    assert sum(w.sessions for w in found) <= 2 * len(set(days))


def test_what_helped_averages_all_sessions_first_then_per_muscle_and_tool() -> None:
    effects = [SessionEffect(-2, frozenset({"piriformis"}), frozenset({"tennis_ball"}))] * FEW
    effects += [SessionEffect(-3, frozenset({"gluteus_medius"}), frozenset({"tennis_ball"}))]
    effects += [SessionEffect(1, frozenset(), frozenset())]  # no hold done: counts in "all"
    found = {(h.kind, h.id): h for h in what_helped(effects)}
    assert found["muscle", "piriformis"].mean_change == -2.0
    assert found["tool", "tennis_ball"].sessions == FEW + 1
    assert found["tool", "tennis_ball"].mean_change == pytest.approx(-2.2)
    assert found["muscle", "gluteus_medius"].too_few
    assert (found["all", "all"].sessions, found["all", "all"].mean_change) == (FEW + 2, -1.7)
    ids = [h.id for h in what_helped(effects)]
    assert (ids[0], ids[-1]) == ("all", "gluteus_medius")
    assert what_helped([]) == []


def four_weeks(paused_weeks: set[date], paused_now: bool) -> list[Week]:
    """Three past weeks of a 2-session goal (met, missed, met) and this week, one session."""
    days = [MONDAY - timedelta(weeks=3), MONDAY - timedelta(weeks=3, days=-1)]
    days += [MONDAY - timedelta(weeks=2)]  # one short: missed
    days += [MONDAY - timedelta(weeks=1), MONDAY - timedelta(weeks=1, days=-1), MONDAY]
    found = weeks(days, [], [GOAL_TWO], WEDNESDAY, 4, 2)
    return held(found, paused_weeks, paused_now)


def test_a_missed_week_a_pause_stood_in_is_on_hold_and_does_not_break_the_streak() -> None:
    assert streak(four_weeks(set(), False)) == 1
    found = four_weeks({MONDAY - timedelta(weeks=2)}, False)
    assert [w.on_hold for w in found] == [False, True, False, False]
    assert not found[1].met
    assert streak(found) == 2


def test_a_week_met_before_a_pause_still_counts_once_it_is_over() -> None:
    found = four_weeks({MONDAY - timedelta(weeks=1)}, False)
    assert not found[2].on_hold and found[2].met
    assert streak(found) == 1


def test_this_week_is_on_hold_while_paused_and_asks_for_nothing() -> None:
    found = four_weeks(set(), True)
    current = found[-1]
    assert current.on_hold and not current.met
    assert to_go(current, WEDNESDAY, 0, 2) == WeekToGo(0, 0, True)
    reached = held(weeks([MONDAY, MONDAY], [], [GOAL_TWO], WEDNESDAY, 1, 2), set(), True)
    assert reached[0].reached and not reached[0].met  # not counted while paused
    assert streak(reached) == 0
