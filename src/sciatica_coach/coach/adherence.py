"""Use cases for keeping the habit: set a weekly goal, and see the weeks, the streak and what
seemed to help, from the journal. Days are the person's own (``now``'s time zone)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.adherence import (
    FEW,
    Helped,
    SessionEffect,
    Week,
    WeeklyGoal,
    WeekToGo,
    goal_problems,
    streak,
    to_go,
    week_start,
    weeks,
    what_helped,
)
from sciatica_coach.domain.plan_model import PlanFormatError
from sciatica_coach.domain.session_record import holds_used

from .errors import Invalid
from .history import local_day
from .ports import JournalPort

STREAK_WEEKS = 52
"""How far back a streak is counted (a year of weeks met is shown as 52)."""


@dataclass(frozen=True)
class Habit:
    """The goal, this week against it, the weeks before, and what seemed to help."""

    goal: WeeklyGoal | None
    weeks: list[Week]
    """The last weeks, oldest first; the current week last."""
    streak: int
    to_go: WeekToGo
    helped: list[Helped]
    sessions_per_day: int

    @property
    def this_week(self) -> Week:
        return self.weeks[-1]


def goals(journal: JournalPort, now: datetime) -> list[WeeklyGoal]:
    """Every goal set up to now, as the days they start, oldest first."""
    return [
        WeeklyGoal(g.sessions_per_week, g.pegs_per_week, local_day(g.set_at, now))
        for g in journal.goals()
        if g.set_at <= now
    ]


def set_goal(
    kb: KnowledgeBase, journal: JournalPort, now: datetime, sessions: int, pegs: int
) -> WeeklyGoal:
    """Keep a new weekly goal (from this week on), or :class:`Invalid` saying what fits."""
    problems = goal_problems(sessions, pegs, kb.routine.limits.sessions_per_day)
    if problems:
        raise Invalid([((name,), message) for name, message in problems.items()])
    journal.add_goal(now, sessions, pegs)
    return WeeklyGoal(sessions, pegs, local_day(now, now))


def habit(kb: KnowledgeBase, journal: JournalPort, now: datetime, shown: int = 8) -> Habit:
    """The goal and the last ``shown`` weeks (the streak looks back up to a year), with
    what helped over those weeks."""
    per_day = kb.routine.limits.sessions_per_day
    today = local_day(now, now)
    counted = max(shown, STREAK_WEEKS)
    first = week_start(today) - timedelta(weeks=counted - 1)
    since = datetime.combine(first, time(), now.tzinfo) - timedelta(days=1)
    with journal.snapshot() as snapshot:
        outcomes = [s for s in snapshot.session_outcomes(since) if s.status != "ready"]
        pegs = [local_day(p.recorded_at, now) for p in snapshot.peg_entries(since)]
        chosen = goals(snapshot, now)
        helped_since = datetime.combine(
            week_start(today) - timedelta(weeks=shown - 1), time(), now.tzinfo
        )
        effects = _effects(snapshot, helped_since, now)
    session_days = [local_day(s.started_at, now) for s in outcomes if s.started_at <= now]
    found = weeks(session_days, pegs, chosen, today, counted, per_day)
    today_count = sum(1 for day in session_days if day == today)
    return Habit(
        goal=chosen[-1] if chosen else None,
        weeks=found[-shown:],
        streak=streak(found),
        to_go=to_go(found[-1], today, today_count, per_day),
        helped=what_helped(effects),
        sessions_per_day=per_day,
    )


def _effects(journal: JournalPort, since: datetime, now: datetime) -> list[SessionEffect]:
    """Sessions since ``since`` with pain before and after, and the muscles and tools of
    the holds actually done in them."""
    found: list[SessionEffect] = []
    for stored in journal.sessions(since):
        if stored.pain_before is None or stored.pain_after is None or stored.started_at > now:
            continue
        try:
            muscles, tools = holds_used(stored.record)
        except PlanFormatError:
            continue
        if muscles or tools:
            found.append(SessionEffect(stored.pain_after - stored.pain_before, muscles, tools))
    return found


HELPED_CAVEAT = (
    "How pain changed from just before to just after the sessions with each muscle or tool, "
    f"on average. It describes; it does not show what caused a change. Under {FEW} sessions "
    "there are too few to tell."
)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def goal_words(habit: Habit) -> list[str]:
    """This week against the goal, in plain sentences for either door."""
    goal, week, left = habit.goal, habit.this_week, habit.to_go
    if goal is None:
        return [f"This week so far: {_plural(week.sessions, 'session')}. No weekly goal is set."]
    said = [
        f"This week (from {week.start:%a %d %b}): {week.sessions} of "
        f"{_plural(goal.sessions, 'session')}, {week.pegs} of {_plural(goal.pegs, 'PEG score')}."
    ]
    if week.met:
        said.append("This week's goal is met. Rest days are part of the routine too.")
    elif not left.reachable:
        said.append(
            f"This week's goal cannot be met within {habit.sessions_per_day} sessions a day, "
            "and that is fine: do not make up for it. Next week starts fresh."
        )
    else:
        to_do = [
            _plural(n, word)
            for n, word in ((left.sessions_left, "session"), (left.pegs_left, "PEG score"))
            if n
        ]
        said.append(
            f"To go this week: {' and '.join(to_do)}; at most {habit.sessions_per_day} sessions "
            "a day, each after its safety check. Do not make up for missed days."
        )
    return said


def streak_words(habit: Habit) -> list[str]:
    """The streak as a sentence (none without a goal)."""
    return [f"Weeks in a row with the goal met: {habit.streak}."] if habit.goal else []


@dataclass(frozen=True)
class HelpedLine:
    name: str
    kind: str
    sessions: int
    mean_change: float
    too_few: bool

    @property
    def words(self) -> str:
        change = (
            "pain just after was the same as just before, on average"
            if self.mean_change == 0
            else f"pain just after was {abs(self.mean_change):.1f} points "
            f"{'lower' if self.mean_change < 0 else 'higher'} than just before, on average"
        )
        tail = ": too few to tell" if self.too_few else ""
        return f"{self.name}: {change} ({_plural(self.sessions, 'session')}{tail})"


def helped_lines(kb: KnowledgeBase, habit: Habit) -> list[HelpedLine]:
    """What helped, named from the content (an id the content no longer has is left out)."""
    lines = []
    for found in habit.helped:
        catalog = kb.muscles if found.kind == "muscle" else kb.tools
        if found.id in catalog:
            lines.append(
                HelpedLine(
                    catalog[found.id].name, found.kind, found.sessions, found.mean_change,
                    found.too_few,
                )
            )  # fmt: skip
    return lines
