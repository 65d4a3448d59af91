"""Keeping the habit: a weekly goal, the weeks it was met, and pain just before and just
after sessions.

A goal counts sessions and PEG scores per calendar week (Monday to Sunday), the way people
plan a week. It can never ask for more than the dose limit allows: at most
``sessions_per_day`` sessions count on any one day, so a third session in a day (which the
planner refuses anyway) never moves the goal, and the words never suggest catching up
by doing more in a day. Every session counts only after a safety check, because a session
cannot be started without one. The PEG asks about the past week (Krebs et al. 2009), so a
goal holds one a week at most, and a second one is due a week after the last.

A goal never pushes through a pause (a safety check that said to see someone first): a week
the pause held is "on hold" (see :func:`held`), neither met nor missed.

Pain just before and just after sessions is descriptive: the average change, over all
sessions and per muscle or tool. It is short-term, says nothing about cause, and with fewer
than :data:`FEW` sessions it says there are too few to tell.

Pure: the service layer reads the journal and passes in days, goals and effects.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

DAYS_A_WEEK = 7
MOST_PEGS_A_WEEK = 1
"""The PEG asks about the past week (Krebs et al. 2009): a second one in a week would count
days of the first again."""
PEG_EVERY = timedelta(days=7)
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
        problems["pegs"] = (
            f"Choose 0 or {MOST_PEGS_A_WEEK} PEG score a week: it asks about the past week, "
            "so once a week is enough."
        )
    if sessions == pegs == 0 and not problems:
        problems["sessions"] = "Choose at least one session or one PEG score a week."
    return problems


def next_peg_day(last: date) -> date:
    """The first day a new PEG score is due after one given on ``last``: the same weekday a
    week on, so a weekly reminder at a set time never finds it a few hours early."""
    return last + PEG_EVERY


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
    on_hold: bool = False
    """Self-massage was paused (see :func:`held`): the week is neither met nor missed."""

    @property
    def reached(self) -> bool:
        """The counts reach the goal, pause or not."""
        return (
            self.goal is not None
            and self.sessions >= self.goal.sessions
            and self.pegs >= self.goal.pegs
        )

    @property
    def met(self) -> bool:
        return self.reached and not self.on_hold


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


def held(found: Sequence[Week], paused_weeks: Collection[date], paused_now: bool) -> list[Week]:
    """The weeks with those a pause held marked on hold.

    The current week is on hold while a pause stands now: nothing is counted toward it or
    asked of it. A past week is on hold when a pause stood in it (``paused_weeks``, by their
    Monday: the service looks at the week's start and end) and its goal was not reached. A
    week on hold is neither met nor missed, so following the advice to pause never costs a
    streak, and a week met before a pause still counts once it is over."""
    if not found:
        return []
    *past, current = found
    return [
        *(replace(w, on_hold=w.start in paused_weeks and not w.reached) for w in past),
        replace(current, on_hold=paused_now),
    ]


def streak(found: Sequence[Week]) -> int:
    """Weeks in a row the goal was met, up to now: the current week counts once it is met,
    while it is still under way it does not break the run, and weeks on hold are stepped
    over (neither counted nor breaking it)."""
    if not found:
        return 0
    *past, current = found
    run = 0
    for week in reversed(past):
        if week.on_hold:
            continue
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
    if goal is None or current.on_hold:
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
    """The average immediate change in pain over ``sessions``: of every session with both
    scores (kind ``all``), or of those with one muscle or tool."""

    kind: str  # "all", "muscle" or "tool"
    id: str
    sessions: int
    mean_change: float

    @property
    def too_few(self) -> bool:
        return self.sessions < FEW


def what_helped(effects: Iterable[SessionEffect]) -> list[Helped]:
    """The mean change in pain over all sessions first, then per muscle and per tool: the
    biggest drop first, and those with too few sessions to tell after those with enough."""
    changes: dict[tuple[str, str], list[int]] = defaultdict(list)
    every: list[int] = []
    for effect in effects:
        every.append(effect.change)
        for muscle in effect.muscles:
            changes["muscle", muscle].append(effect.change)
        for tool in effect.tools:
            changes["tool", tool].append(effect.change)
    found = [
        Helped(kind, name, len(values), round(statistics.fmean(values), 1))
        for (kind, name), values in changes.items()
    ]
    overall = [Helped("all", "all", len(every), round(statistics.fmean(every), 1))] if every else []
    return overall + sorted(found, key=lambda h: (h.too_few, h.mean_change, h.kind, h.id))
