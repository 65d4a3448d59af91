"""Use case: where a returning person stands, in one look.

The last safety check and whether it still counts, the sessions left (and, when none, when the
next may start: at most so many in any 24 hours and on one day), a session still
running, the last plan and this week's goal. ``sciatica-coach status`` and the web's home
page (for someone with a journal) both show it. A check whose result does not allow a
session (a red flag, a reason to see someone) is shown as that result, and no session is
offered while it stands: the status never invites a session the check would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.activity import dose_refusal
from sciatica_coach.domain.screening import ScreeningResult
from sciatica_coach.domain.session_limit import in_window

from . import activity, adherence, journal_health, plans, safety, sessions
from .adherence import Habit
from .pause import Pause
from .plans import PlanSummary
from .ports import JournalPort

NextStep = Literal["follow_check", "recover", "resume", "check", "log_pain", "session", "plan"]
"""The one thing to do next, for a door to word: what the check said when it says no or
self-massage is paused (never a session then), getting a damaged journal back (nothing new
can be saved), the session still running, a check, the pain log once the day's sessions are
done, a session with the last plan, or a first plan."""


@dataclass(frozen=True)
class Status:
    last_check_at: datetime | None
    """When the last safety check was taken (whether or not it still counts)."""
    last_check_id: int | None
    check: safety.CheckStatus
    valid_until: datetime | None
    sessions_today: int
    sessions_in_24_hours: int
    """Sessions started in the last 24 hours: more than today's when some were late
    yesterday, and then they decide how many are left."""
    sessions_left: int
    """Sessions that may still start: the fewer of today's and the last 24 hours' room."""
    next_session_at: datetime | None
    """When none may start now because of the dose limit: the first moment one may, in the
    person's zone (``now``'s). None while one may, or while self-massage is paused."""
    next_session_words: tuple[str, str] | None
    """That moment and why, in words ("You can start another session from 08:10 tomorrow.")."""
    running_session: int | None
    """A session started and not over: the place to go back to."""
    last_plan: PlanSummary | None
    habit: Habit
    returning: bool
    """The journal holds anything: a first-time visitor gets the welcome instead."""
    pause: Pause | None
    """Self-massage is paused: no session today, whatever the hour."""
    sessions_per_day: int
    damaged: bool = False
    """The journal is damaged and open read-only: nothing new can be saved."""

    @property
    def result(self) -> ScreeningResult | None:
        """The check's result, when the check still counts."""
        return self.check.checked.result if self.check.checked else None

    @property
    def next_step(self) -> NextStep:
        result = self.result
        if self.pause is not None or (result is not None and not result.session_allowed):
            return "follow_check"
        if self.damaged:
            return "recover"
        if self.running_session is not None:
            return "resume"
        if result is None:
            return "check"
        if self.sessions_left == 0:
            return "log_pain"
        return "plan" if self.last_plan is None else "session"

    @property
    def session_allowed(self) -> bool:
        """A session may start now: no pause, a check that counts and allows one, and room
        today."""
        return bool(
            self.pause is None
            and self.result
            and self.result.session_allowed
            and self.sessions_left > 0
        )


def status(kb: KnowledgeBase, journal: JournalPort, now: datetime) -> Status:
    """The returning person's summary at ``now``."""
    live = sessions.running(journal, now)  # closes first any session left alone too long
    with journal.snapshot() as snapshot:
        recent = activity.recent(snapshot, now)
        check = safety.check_status(kb, snapshot, now, recent)
        latest = snapshot.latest_screening(until=now)
        last_plan = plans.plan_summaries(kb, snapshot, 1).entries
        habit = adherence.habit(kb, snapshot, now)  # it asks whether paused, once
        pause = habit.pause
        returning = not snapshot.is_empty()
    limits = kb.routine.limits
    per_day = limits.sessions_per_day
    room = recent.room(per_day)
    valid_until = (
        check.checked.taken_at + safety.rescreen_window(kb) if check.checked is not None else None
    )
    return Status(
        last_check_at=latest.taken_at if latest else None,
        last_check_id=latest.id if latest else None,
        check=check,
        valid_until=valid_until,
        sessions_today=recent.sessions_today,
        sessions_in_24_hours=len(in_window(recent.starts, now)),
        sessions_left=0 if pause else room.left,
        next_session_at=None if pause else room.next_at,
        next_session_words=None if pause else dose_refusal(limits, recent),
        running_session=live.id if live else None,
        last_plan=last_plan[0] if last_plan else None,
        habit=habit,
        returning=returning,
        pause=pause,
        sessions_per_day=per_day,
        damaged=journal_health.is_damaged(journal),
    )


def today_words(found: Status) -> str:
    """Sessions done and left now, as the CLI and the home page say them. When sessions late
    yesterday are what leave none today, the last 24 hours are named, so "0 of 2 done" never
    sits beside "0 left" unexplained (review 29 H4)."""
    done = f"{found.sessions_today} of {found.sessions_per_day} sessions done"
    if found.pause is not None:
        return f"No session while self-massage is paused ({done})."
    if found.damaged:
        return f"No session can be saved while the journal is damaged ({done})."
    if found.sessions_in_24_hours > found.sessions_today:
        done = (
            f"{_sessions(found.sessions_today)} today, "
            f"{_sessions(found.sessions_in_24_hours)} in the last 24 hours"
        )
    words = f"{done}; {found.sessions_left} left."
    return " ".join((words, *found.next_session_words)) if found.next_session_words else words


def _sessions(count: int) -> str:
    return f"{count} session" if count == 1 else f"{count} sessions"
