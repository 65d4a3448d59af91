"""Guided sessions in progress, kept in the app's memory and saved to the journal at the end.

Why in memory: a session changes several times a second (the page ticks the clock), and only
its end result belongs in the journal. Each session sits under a random id, so one browser
tab cannot guess another's. All changes go through one lock: the page's clock ticks and a
button press can arrive at the same moment, and the domain's state machine must see them one
after the other. ``version`` goes up with every change so the page can drop late answers.

When a session is saved (``Journal.add_session``):

* when the person finishes it (with the pain score after, if they give one);
* otherwise, before anything reads the journal for safety (the next screening, plan or
  session: see :meth:`SessionStore.settle`), so a stop for bad pain always counts;
* when the app shuts down, or after :data:`IDLE_LIMIT` without any event, a session still
  running is stopped and saved as it is, so the holds already done count toward the limits.

A session that was never started is not kept: opening the page is not a session.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sciatica_coach.domain.activity import PastSession
from sciatica_coach.domain.plan_model import Plan
from sciatica_coach.domain.session import (
    BAD_PAIN,
    Event,
    SessionError,
    SessionState,
    Start,
    Stop,
    apply,
    is_over,
    session_record,
    set_pain_after,
    start_session,
)
from sciatica_coach.storage import Journal

from .errors import Conflict, NotFound

IDLE_LIMIT = timedelta(hours=2)
KEEP_SAVED = timedelta(hours=1)
MAX_SESSIONS = 50
LEFT_UNFINISHED = "left_unfinished"
APP_CLOSED = "app_closed"


@dataclass
class ActiveSession:
    """One session: the domain state plus what the web needs around it."""

    id: str
    state: SessionState
    plan_id: int | None
    before_map_id: int | None
    created_at: datetime
    last_event_at: datetime
    started_at: datetime | None = None
    ended_at: datetime | None = None
    version: int = 0
    journal_id: int | None = None
    after_map_id: int | None = None

    @property
    def saved(self) -> bool:
        return self.journal_id is not None

    @property
    def plan(self) -> Plan:
        return self.state.plan

    def past(self) -> PastSession | None:
        """This session as the dose limits count it, once it has started."""
        if self.started_at is None:
            return None
        record = session_record(self.state)
        holds = {(m, s): n for m, s, n in record.holds_done if m is not None and s is not None}
        return PastSession(self.started_at, holds, self.state.stop_reason == BAD_PAIN)


class SessionStore:
    """The sessions in progress, by id. Safe to use from several threads."""

    def __init__(self) -> None:
        self._sessions: dict[str, ActiveSession] = {}
        self._lock = threading.RLock()

    def create(
        self, plan: Plan, plan_id: int | None, before_map_id: int | None, now: datetime
    ) -> ActiveSession:
        with self._lock:
            if len(self._sessions) >= MAX_SESSIONS:
                self._forget_oldest_saved()
            if len(self._sessions) >= MAX_SESSIONS:
                raise Conflict(
                    "too_many_sessions",
                    "Too many sessions are open. Finish or close one before you start another.",
                )
            session_id = secrets.token_urlsafe(16)
            active = ActiveSession(
                session_id, start_session(plan), plan_id, before_map_id, now, now
            )
            self._sessions[session_id] = active
            return active

    def get(self, session_id: str) -> ActiveSession:
        with self._lock:
            try:
                return self._sessions[session_id]
            except KeyError:
                raise NotFound(
                    "There is no session with this id. It may have ended a while ago; "
                    "your journal has every saved session."
                ) from None

    def apply(self, session_id: str, event: Event, now: datetime) -> ActiveSession:
        """Feed one event to the domain's state machine; a wrong-phase event is a conflict."""
        with self._lock:
            active = self.get(session_id)
            try:
                state = apply(active.state, event)
            except SessionError as error:
                raise Conflict("wrong_phase", str(error), phase=active.state.phase) from None
            self._update(active, state, now, started=isinstance(event, Start))
            return active

    def finish(
        self,
        session_id: str,
        journal: Journal,
        pain_after: int | None,
        now: datetime,
        after_map: Callable[[int], int | None] | None = None,
    ) -> ActiveSession:
        """Record the pain score after, save the session, then save the map after (if any)."""
        with self._lock:
            active = self.get(session_id)
            if not is_over(active.state):
                raise Conflict(
                    "not_over",
                    "The session is still going. Stop it first.",
                    phase=active.state.phase,
                )
            if active.started_at is None:
                raise Conflict("never_started", "This session never started, so nothing is saved.")
            if active.saved:
                raise Conflict(
                    "already_saved", "This session is already saved in your journal.",
                    journal_id=active.journal_id,
                )  # fmt: skip
            if pain_after is not None:
                try:
                    active.state = set_pain_after(active.state, pain_after)
                except SessionError as error:
                    raise Conflict("wrong_phase", str(error)) from None
            self._save(active, journal, now)
            if after_map is not None and active.journal_id is not None:
                active.after_map_id = after_map(active.journal_id)
            active.version += 1
            return active

    def settle(self, journal: Journal, now: datetime, closing: bool = False) -> None:
        """Save every session that is over; stop and save those left idle (or all, if closing).

        Called before the journal is read for safety decisions, so nothing is missed."""
        with self._lock:
            for active in list(self._sessions.values()):
                idle = now - active.last_event_at >= IDLE_LIMIT
                if active.started_at is None:
                    if idle or closing or is_over(active.state):
                        del self._sessions[active.id]
                    continue
                if not is_over(active.state) and (idle or closing):
                    stopped = apply(active.state, Stop(APP_CLOSED if closing else LEFT_UNFINISHED))
                    self._update(active, stopped, now, started=False)
                if is_over(active.state) and not active.saved:
                    self._save(active, journal, now)
                if active.saved and active.ended_at and now - active.ended_at >= KEEP_SAVED:
                    del self._sessions[active.id]

    def in_progress(self) -> list[ActiveSession]:
        """Started sessions not yet in the journal (they count toward today's limits)."""
        with self._lock:
            return [s for s in self._sessions.values() if s.started_at and not s.saved]

    def unfinished(self) -> list[ActiveSession]:
        """Sessions opened and not over yet, started or not (for a "go back" link)."""
        with self._lock:
            return [s for s in self._sessions.values() if not is_over(s.state)]

    def _update(
        self, active: ActiveSession, state: SessionState, now: datetime, started: bool
    ) -> None:
        active.state = state
        active.version += 1
        active.last_event_at = now
        if started:
            active.started_at = now
        if is_over(state) and active.ended_at is None:
            active.ended_at = now

    def _save(self, active: ActiveSession, journal: Journal, now: datetime) -> None:
        record = session_record(active.state)
        started = active.started_at or active.created_at
        ended = max(active.ended_at or now, started)
        active.journal_id = journal.add_session_record(record, started, ended, active.plan_id)

    def _forget_oldest_saved(self) -> None:
        saved = sorted(
            (s for s in self._sessions.values() if s.saved), key=lambda s: s.last_event_at
        )
        for active in saved[: max(1, len(saved) // 2)]:
            del self._sessions[active.id]
