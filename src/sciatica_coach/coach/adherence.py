"""Use cases for keeping the habit: set a weekly goal, and see the weeks, the streak and the
pain just before and just after sessions, from the journal. Days are the person's own
(``now``'s time zone).

While self-massage is paused (:func:`sciatica_coach.coach.pause.paused`, the one place that
says so), nothing here pushes toward a session: this week's goal is on hold, weeks the pause
held neither count nor break the streak, and the pain before and after sessions is not even
worked out, so no door can show it as a reason to go on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.adherence import (
    FEW,
    Helped,
    SessionEffect,
    Week,
    WeeklyGoal,
    WeekToGo,
    goal_problems,
    held,
    streak,
    to_go,
    week_start,
    weeks,
    what_helped,
)
from sciatica_coach.domain.days import midnight
from sciatica_coach.domain.plan_model import PlanFormatError
from sciatica_coach.domain.session_record import holds_used

from .errors import Invalid
from .history import local_day
from .pause import Pause, paused
from .ports import JournalPort

STREAK_WEEKS = 52
"""How far back a streak is counted (a year of weeks met is shown as 52)."""


@dataclass(frozen=True)
class Habit:
    """The goal, this week against it, the weeks before, and pain just before and just after
    sessions (none while paused)."""

    goal: WeeklyGoal | None
    weeks: list[Week]
    """The last weeks, oldest first; the current week last."""
    streak: int
    to_go: WeekToGo
    helped: list[Helped]
    sessions_per_day: int
    pause: Pause | None = None
    """The pause in force now: the goal is on hold and ``helped`` is empty."""

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
    """The goal and the last ``shown`` weeks (the streak looks back up to a year), with the
    pain just before and just after sessions over those weeks, unless paused."""
    per_day = kb.routine.limits.sessions_per_day
    today = local_day(now, now)
    counted = max(shown, STREAK_WEEKS)
    first = week_start(today) - timedelta(weeks=counted - 1)
    since = midnight(first, now) - timedelta(days=1)
    with journal.snapshot() as snapshot:
        pause = paused(kb, snapshot, now)
        outcomes = [s for s in snapshot.session_outcomes(since) if s.status != "ready"]
        pegs = [local_day(p.recorded_at, now) for p in snapshot.peg_entries(since)]
        chosen = goals(snapshot, now)
        session_days = [local_day(s.started_at, now) for s in outcomes if s.started_at <= now]
        found = weeks(session_days, pegs, chosen, today, counted, per_day)
        on_hold = _paused_weeks(kb, snapshot, now, found[:-1], shown)
        found = held(found, on_hold, pause is not None)
        helped_since = midnight(week_start(today) - timedelta(weeks=shown - 1), now)
        effects = [] if pause else _effects(snapshot, helped_since, now)
    today_count = sum(1 for day in session_days if day == today)
    return Habit(
        goal=chosen[-1] if chosen else None,
        weeks=found[-shown:],
        streak=streak(found),
        to_go=to_go(found[-1], today, today_count, per_day),
        helped=what_helped(effects),
        sessions_per_day=per_day,
        pause=pause,
    )


def _paused_weeks(
    kb: KnowledgeBase, journal: JournalPort, now: datetime, past: list[Week], shown: int
) -> set[date]:
    """The past weeks (by their Monday) a pause stood in, as it began or as it ended.

    Only a week with a goal it did not reach can be on hold, so only those are asked about:
    each of the ``shown`` weeks, and before them only as far back as the streak runs (the
    first week that breaks it ends the search: older weeks cannot change it)."""
    asked: dict[date, bool] = {}

    def paused_on(day: date) -> bool:  # at the very start of ``day``
        if day not in asked:
            asked[day] = paused(kb, journal, midnight(day, now)) is not None
        return asked[day]

    found: set[date] = set()
    for back, week in enumerate(reversed(past), start=2):  # this week is the first
        if week.reached:
            continue
        if week.goal is not None and (
            paused_on(week.start) or paused_on(week.start + timedelta(weeks=1))
        ):
            found.add(week.start)
        elif back > shown:
            break
    return found


def _effects(journal: JournalPort, since: datetime, now: datetime) -> list[SessionEffect]:
    """Sessions since ``since`` with pain before and after, and the muscles and tools of
    the holds actually done in them (none when the record cannot be read)."""
    found: list[SessionEffect] = []
    for stored in journal.sessions(since):
        if stored.pain_before is None or stored.pain_after is None or stored.started_at > now:
            continue
        try:
            muscles, tools = holds_used(stored.record)
        except PlanFormatError:
            muscles, tools = frozenset(), frozenset()
        found.append(SessionEffect(stored.pain_after - stored.pain_before, muscles, tools))
    return found


def helped_caveat(kb: KnowledgeBase) -> str:
    """What the numbers are and are not (content, with Furlan et al. 2015), and when they are
    too few."""
    return f"{kb.routine.before_after.caveat} Under {FEW} sessions there are too few to tell."


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def goal_words(habit: Habit) -> list[str]:
    """This week against the goal, in plain sentences for either door."""
    goal, week, left = habit.goal, habit.this_week, habit.to_go
    if habit.pause is not None:
        said = [f'Self-massage is paused: your last safety check said "{habit.pause.title}".']
        if goal is not None:
            said.append(
                "This week's goal is on hold: no session counts toward it, and a week on hold "
                "does not break your streak."
            )
        return said
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


ALL_SESSIONS = "All sessions"


def helped_lines(kb: KnowledgeBase, habit: Habit) -> list[HelpedLine]:
    """Pain just before and just after: all sessions first, then each muscle and tool, named
    from the content (an id the content no longer has is left out). None while paused."""
    lines = []
    for found in habit.helped:
        if found.kind == "all":
            name = ALL_SESSIONS
        else:
            catalog = kb.muscles if found.kind == "muscle" else kb.tools
            if found.id not in catalog:
                continue
            name = catalog[found.id].name
        lines.append(HelpedLine(name, found.kind, found.sessions, found.mean_change, found.too_few))
    return lines
