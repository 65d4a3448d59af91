"""Keeping the habit: a weekly goal, the weeks it was met, and what seemed to help.

A goal counts sessions and PEG scores per calendar week (Monday to Sunday), the way people
plan a week. It can never ask for more than the dose limit allows: at most
``sessions_per_day`` sessions count on any one day, so a third session in a day (which the
planner refuses anyway) never moves the goal, and the words never suggest catching up
by doing more in a day. Every session counts only after a safety check, because a session
cannot be started without one.

"What helped" is descriptive: the average change in pain from just before to just after the
sessions that worked a muscle or used a tool. It says nothing about cause, and with fewer
than :data:`FEW` sessions it says there are too few to tell.

Pure: the service layer reads the journal and passes in days, goals and effects.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

DAYS_A_WEEK = 7
MOST_PEGS_A_WEEK = 7
FEW = 5
"""Fewer sessions than this behind an average: too few to tell anything from it."""


@dataclass(frozen=True)
class WeeklyGoal:
    """Sessions and PEG scores a week, from the day it was set."""

    sessions: int
    pegs: int
    since: date


def goal_problems(sessions: int, pegs: int, sessions_per_day: int) -> dict[str, str]:
    """What is wrong with a goal, by field ({} when it is fine)."""
    problems: dict[str, str] = {}
    most = sessions_per_day * DAYS_A_WEEK
    if not 0 <= sessions <= most:
        problems["sessions"] = (
            f"Choose 0 to {most} sessions a week: the routine's limit is {sessions_per_day} a day."
        )
    if not 0 <= pegs <= MOST_PEGS_A_WEEK:
        problems["pegs"] = f"Choose 0 to {MOST_PEGS_A_WEEK} PEG scores a week (one a day at most)."
    if sessions == pegs == 0 and not problems:
        problems["sessions"] = "Choose at least one session or one PEG score a week."
    return problems


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Week:
    """One calendar week: what was done, counted within the dose limit, against its goal."""

    start: date
    sessions: int
    pegs: int
    goal: WeeklyGoal | None

    @property
    def met(self) -> bool:
        return (
            self.goal is not None
            and self.sessions >= self.goal.sessions
            and self.pegs >= self.goal.pegs
        )


def goal_on(goals: Sequence[WeeklyGoal], day: date) -> WeeklyGoal | None:
    """The goal that held on ``day``: the newest one set on or before it."""
    held = [goal for goal in goals if goal.since <= day]
    return held[-1] if held else None


def weeks(
    session_days: Iterable[date],
    peg_days: Iterable[date],
    goals: Sequence[WeeklyGoal],
    today: date,
    count: int,
    sessions_per_day: int,
) -> list[Week]:
    """The last ``count`` calendar weeks, oldest first, the current one last.

    A week is judged by the goal that held at its end (today, for the current week): a goal
    set on a Thursday counts for that whole week."""
    per_day = Counter(session_days)
    capped = Counter({day: min(n, sessions_per_day) for day, n in per_day.items()})
    pegs = Counter(peg_days)
    this_monday = week_start(today)
    found: list[Week] = []
    for back in range(count - 1, -1, -1):
        start = this_monday - timedelta(weeks=back)
        end = min(start + timedelta(days=DAYS_A_WEEK - 1), today)
        days = [start + timedelta(days=i) for i in range(DAYS_A_WEEK)]
        found.append(
            Week(
                start,
                sum(capped[d] for d in days),
                sum(pegs[d] for d in days),
                goal_on(goals, end),
            )
        )
    return found


def streak(found: Sequence[Week]) -> int:
    """Weeks in a row the goal was met, up to now: the current week counts once it is met,
    and while it is still under way it does not break the run."""
    if not found:
        return 0
    *past, current = found
    run = 0
    for week in reversed(past):
        if not week.met:
            break
        run += 1
    return run + (1 if current.met else 0)


@dataclass(frozen=True)
class WeekToGo:
    """Where the current week stands: what is left, and whether it still fits the limits."""

    sessions_left: int
    pegs_left: int
    reachable: bool


def to_go(current: Week, today: date, sessions_today: int, sessions_per_day: int) -> WeekToGo:
    """What is left of this week's goal, and whether it can still be met within the daily
    limit (today's remaining sessions plus the full days left)."""
    goal = current.goal
    if goal is None:
        return WeekToGo(0, 0, True)
    sessions_left = max(0, goal.sessions - current.sessions)
    pegs_left = max(0, goal.pegs - current.pegs)
    days_after_today = 6 - today.weekday()
    room = max(0, sessions_per_day - sessions_today) + days_after_today * sessions_per_day
    return WeekToGo(sessions_left, pegs_left, sessions_left <= room)


@dataclass(frozen=True)
class SessionEffect:
    """One session with pain scored before and after, and what it used."""

    change: int
    """Pain after minus pain before (negative: less pain)."""
    muscles: frozenset[str]
    tools: frozenset[str]


@dataclass(frozen=True)
class Helped:
    """The average immediate change in pain with one muscle or tool, over ``sessions``."""

    kind: str  # "muscle" or "tool"
    id: str
    sessions: int
    mean_change: float

    @property
    def too_few(self) -> bool:
        return self.sessions < FEW


def what_helped(effects: Iterable[SessionEffect]) -> list[Helped]:
    """Per muscle and per tool, the mean change in pain; the biggest drop first, and those
    with too few sessions to tell after those with enough."""
    changes: dict[tuple[str, str], list[int]] = defaultdict(list)
    for effect in effects:
        for muscle in effect.muscles:
            changes["muscle", muscle].append(effect.change)
        for tool in effect.tools:
            changes["tool", tool].append(effect.change)
    found = [
        Helped(kind, name, len(values), round(statistics.fmean(values), 1))
        for (kind, name), values in changes.items()
    ]
    return sorted(found, key=lambda h: (h.too_few, h.mean_change, h.kind, h.id))
