"""Guided sessions kept in the journal from the first moment: open, start, act, finish, resume.

The state machine is the domain's (:mod:`sciatica_coach.domain.session`); here it is made
durable. Every event is applied to the stored state brought up to ``now`` and saved at once,
with the record the dose limits read, in one write; a write based on an old version is refused
(:class:`~sciatica_coach.coach.errors.Conflict` ``stale_version``) and the caller shows the
state as it now is. So a reload, a second tab, another worker process or a server restart all
see the same session on the same clock, and nothing done is ever only in memory.

Rules that belong to sessions as a whole:

* opening a session checks what a start will check (so a page can say no at once); starting
  checks again, in one transaction with counting today's sessions, so no two starts can both
  pass the daily limit; starting also closes any other session still running (one person
  does one session at a time);
* a player showing a session says so now and then (:func:`touch`); a player that opens it
  again after :data:`LOST_AFTER` without a word (a tab closed, a terminal killed, contact lost)
  finds it paused at the get-ready of the step it was on, with its full time (:func:`reopen`):
  nothing after the last word is counted, and no hold is taken as done;
* "stop" and "pause" happen when the person pressed them: a player that was out of contact
  sends that moment, and it is honoured within what the server knows (:func:`act`);
* a session nobody has touched for :data:`IDLE_LIMIT` is closed as ``left_unfinished`` at the
  last moment a player was there, by whichever process looks first; one never started is
  removed;
* a session that never got past its first step does not count toward the day's limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.body_map import RegionKey
from sciatica_coach.domain.plan_checks import plan_problems
from sciatica_coach.domain.plan_model import PlanFormatError
from sciatica_coach.domain.session import (
    Event,
    Pause,
    SessionError,
    SessionState,
    Start,
    Stop,
    advance,
    apply,
    break_off,
    is_over,
    leave_unfinished,
    set_pain_after,
    start_session,
)
from sciatica_coach.domain.session_record import (
    record_from_json,
    session_record,
    state_from_json,
    state_to_json,
)
from sciatica_coach.storage.entries import StoredSession
from sciatica_coach.storage.journal import StaleVersion

from . import activity
from .errors import Conflict, Invalid, NotAllowed, NotFound
from .maps import find_map, save_map
from .plans import find_plan, plan_map
from .ports import JournalPort
from .safety import allowing_check

IDLE_LIMIT = timedelta(hours=2)
LOST_AFTER = timedelta(seconds=30)
"""How long a running session may go without a word from a player before opening it again
counts as coming back after a break. Players speak every 10 s or so (:func:`touch`), so a
few lost answers or a slow network are not a break; a closed tab or a killed terminal is."""
STOP_ATTEMPTS = 3
"""A stop that lost a race with another write (a tab saying it is back, a worker closing idle
sessions) is tried again on the session as it now is: a stop is never refused for a version."""
NOT_PLAYABLE = "This plan cannot be played now."
STALE = "The session changed in another window. Here is where it is now."


@dataclass(frozen=True)
class LiveSession:
    """A session as it is at ``as_of``: its state brought up to that moment, and its version."""

    id: int
    state: SessionState
    version: int
    plan_id: int | None
    before_map_id: int | None
    after_map_id: int | None
    opened_at: datetime
    updated_at: datetime | None
    as_of: datetime
    after_given: bool
    """Whether the pain score or the body map after the session has been given."""


def open_session(
    kb: KnowledgeBase,
    journal: JournalPort,
    now: datetime,
    plan_id: int,
    before_map_id: int | None = None,
) -> LiveSession:
    """A new session for a saved plan, ready to start, if the plan may be played now. With
    no ``before_map_id`` it takes the map the plan was made from, whichever door opens it."""
    plan, stored_plan = find_plan(journal, plan_id)
    if before_map_id is not None:
        find_map(journal, before_map_id)
    else:
        made_from = plan_map(journal, stored_plan)
        before_map_id = made_from.id if made_from is not None else None
    recent = activity.recent(journal, now)
    checked = allowing_check(kb, journal, now, recent)
    problems = plan_problems(kb, plan, checked.result, recent)
    if problems:
        raise NotAllowed("plan_problems", NOT_PLAYABLE, reasons=problems)
    state = start_session(plan)
    session_id = journal.open_session(
        now, plan_id, before_map_id, state_to_json(state), session_record(state)
    )
    return get(journal, now, session_id)


def get(journal: JournalPort, now: datetime, session_id: int) -> LiveSession:
    """The session as it is now (closing it first if it was left alone too long)."""
    stored = _load(journal, session_id)
    if _idle(stored, now):
        close_idle(journal, now)
        stored = _load(journal, session_id)
    return _live(stored, now)


def unfinished(journal: JournalPort, now: datetime) -> list[LiveSession]:
    """Sessions opened and not over, oldest first, after closing those left alone."""
    close_idle(journal, now)
    return [_live(s, now) for s in journal.unfinished_sessions()]


def running(journal: JournalPort, now: datetime) -> LiveSession | None:
    """The session in progress (started, not over), if there is one: to resume it."""
    started = [s for s in unfinished(journal, now) if s.state.phase != "ready"]
    return started[-1] if started else None


def touch(journal: JournalPort, now: datetime, session_id: int) -> LiveSession:
    """A player still shows the session at ``now``: noted, so opening it again soon after is
    not taken for a return after a break (see :func:`reopen`). No new version."""
    stored = _load(journal, session_id)
    if not _idle(stored, now):
        journal.touch_session(session_id, now)
    return get(journal, now, session_id)


def reopen(journal: JournalPort, now: datetime, session_id: int) -> LiveSession:
    """A player opens the session again: a page loaded, a tab shown again, contact back,
    ``session resume`` in the terminal.

    If no player said a word for :data:`LOST_AFTER` while a countdown ran or stood paused,
    nobody knows what happened after the last word: the session waits, paused, at the
    get-ready of the step it was on, with its full time
    (:func:`~sciatica_coach.domain.session.break_off`). It never asks how a hold felt that may
    not have been done, and counts nothing after the last word.
    """
    live = get(journal, now, session_id)
    stored = _load(journal, session_id)
    last = stored.updated_at or stored.started_at
    if stored.status != "in_progress" or now - last < LOST_AFTER:
        return touch(journal, now, session_id)
    state = _state(stored)
    at_last_word = advance(state, last)
    waiting = break_off(at_last_word)  # kept on the clock of the last word: a stop pressed
    # out of contact after it, and sent only now, still lands at the moment it was pressed
    if waiting == at_last_word:  # a step that waits for the person: nothing to start again
        return touch(journal, now, session_id)
    try:
        return _save(journal, stored, state, waiting, now)
    except Conflict:
        return live  # another player acted meanwhile: theirs is the session as it is


def act(
    kb: KnowledgeBase,
    journal: JournalPort,
    now: datetime,
    session_id: int,
    event: Event,
    version: int | None = None,
    client_at: datetime | None = None,
) -> LiveSession:
    """Apply what the person did, at ``now``, and save it.

    ``version`` is the version the person was looking at; a change since then means they did
    not see what they answered, so it is refused (``stale_version``) — except a stop, which is
    never refused for that: whatever the person saw, they want it to end. A start runs the
    day's limits again, atomically (see the module docstring).

    ``client_at`` is when the person pressed stop or pause, from a player that may have been
    out of contact: the session stops or pauses at that moment, so nothing after it is counted.
    It is kept within what the server knows: not before the session's last saved moment, not
    after ``now``. Other events happen at ``now``: a start, above all, is on the server's
    clock, so no player can move a session into another day (the daily limit)."""
    if isinstance(event, Start):
        return _start(kb, journal, now, session_id, event, version)
    for attempt in range(STOP_ATTEMPTS):
        try:
            return _act_once(journal, now, session_id, event, version, client_at)
        except Conflict as conflict:
            lost_a_race = conflict.code == "stale_version" and isinstance(event, Stop)
            if not lost_a_race or attempt == STOP_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _act_once(
    journal: JournalPort,
    now: datetime,
    session_id: int,
    event: Event,
    version: int | None,
    client_at: datetime | None,
) -> LiveSession:
    stored = _load(journal, session_id)
    if not isinstance(event, Stop):
        _same_version(stored, version)
    state = _state(stored)
    event = replace(event, at=_pressed_at(state, now, event, client_at))
    try:
        changed = apply(state, event)
    except SessionError as error:
        raise Conflict(
            "wrong_phase", str(error), phase=advance(state, now).phase, session_id=stored.id
        ) from None
    return _save(journal, stored, state, changed, now)


def finish(
    journal: JournalPort,
    now: datetime,
    session_id: int,
    pain_after: int | None,
    after: tuple[Sequence[RegionKey], Sequence[str]] | None = None,
) -> LiveSession:
    """After the end: the pain score now and, if given, the body map marked again (which needs
    the pain score, as its intensity). Once only."""
    if after is not None and after[0] and pain_after is None:
        raise Invalid.one(("pain_after",), "Give your pain now, from 0 to 10, with the map.")
    with journal.atomic() as tx:
        stored = _load(tx, session_id)
        state = advance(_state(stored), now)
        if not is_over(state):
            raise Conflict("not_over", "The session is still going. Stop it first.")
        if stored.pain_after is not None or stored.after_map_id is not None:
            raise Conflict("already_saved", "What you said after this session is saved.")
        if pain_after is not None:
            try:
                state = set_pain_after(state, pain_after)
            except SessionError as error:
                raise Invalid.one(("pain_after",), str(error)) from None
        after_map_id = None
        if after is not None:
            places, feels = after
            after_map_id = save_map(tx, now, places, feels, pain_after or 0, "after")
        return _save(tx, stored, state, state, now, after_map_id=after_map_id)


def close_idle(journal: JournalPort, now: datetime) -> None:
    """Close every session nobody has touched for :data:`IDLE_LIMIT`: started ones stop as
    ``left_unfinished`` at the last moment a player was there (a hold under way counts the
    time held until then, no more); ones never started are removed."""
    for stored in journal.unfinished_sessions():
        if not _idle(stored, now):
            continue
        try:
            if stored.status == "ready":
                journal.delete_session(stored.id, stored.version)
                continue
            ended = stored.updated_at or stored.started_at
            left = leave_unfinished(advance(_state(stored), ended))
            journal.save_session(
                stored.id,
                stored.version,
                state_to_json(left),
                session_record(left),
                updated_at=now,
                ended_at=ended,
            )
        except (StaleVersion, Conflict):
            continue  # someone touched it meanwhile, or it cannot be read: leave it


# --- inside ------------------------------------------------------------------------------------


def _start(
    kb: KnowledgeBase,
    journal: JournalPort,
    now: datetime,
    session_id: int,
    event: Start,
    version: int | None,
) -> LiveSession:
    with journal.atomic() as tx:
        stored = _load(tx, session_id)
        _same_version(stored, version)
        running = [
            other
            for other in tx.unfinished_sessions()
            if other.id != stored.id and other.status == "in_progress"
        ]
        now = _not_before(now, [stored, *running])
        state = _state(stored)
        if state.phase != "ready":
            raise Conflict(
                "wrong_phase",
                "This session has already started.",
                phase=advance(state, now).phase,
                session_id=stored.id,
            )
        checked = allowing_check(kb, tx, now)
        for other in running:
            _leave(tx, other, now)
        problems = plan_problems(
            kb, state.plan, checked.result, activity.recent(tx, now, leave_out=stored.id)
        )
        if problems:
            raise NotAllowed("plan_problems", NOT_PLAYABLE, reasons=problems)
        try:
            started = apply(state, replace(event, at=now))
        except SessionError as error:
            raise Invalid.one(("pain_before",), str(error)) from None
        return _save(tx, stored, state, started, now, started_at=now)


def _not_before(now: datetime, touched: Sequence[StoredSession]) -> datetime:
    """The moment of a start: ``now``, or the latest moment already saved on a session it
    touches if that is later.

    ``now`` was read before the start waited for the write lock; a start that committed
    meanwhile saved a later moment. Closing that session at the older ``now`` would end it
    before it began, so a start is never earlier than what is already in the journal (a few
    milliseconds at most: the time spent waiting)."""
    saved = [moment for s in touched for moment in (s.started_at, s.updated_at) if moment]
    return max([now, *saved])


def _leave(journal: JournalPort, stored: StoredSession, now: datetime) -> None:
    """Close a session still running because another one starts."""
    state = _state(stored)
    left = leave_unfinished(advance(state, now))
    journal.save_session(
        stored.id, stored.version, state_to_json(left), session_record(left), now, ended_at=now
    )


def _load(journal: JournalPort, session_id: int) -> StoredSession:
    stored = journal.session(session_id)
    if stored is None:
        raise NotFound(
            f"There is no session {session_id} in your journal. Your journal lists every "
            "session you have done."
        )
    return stored


def _pressed_at(
    state: SessionState, now: datetime, event: Event, client_at: datetime | None
) -> datetime:
    """When the event happened: ``now``, or for a stop or pause the moment the player says it
    was pressed, kept between the session's last saved moment and ``now``."""
    if client_at is None or not isinstance(event, Stop | Pause):
        return now
    earliest = state.clock or now
    return max(earliest, min(client_at, now))


def _same_version(stored: StoredSession, version: int | None) -> None:
    if version is not None and version != stored.version:
        raise Conflict("stale_version", STALE, version=stored.version, session_id=stored.id)


def _idle(stored: StoredSession, now: datetime) -> bool:
    last = stored.updated_at or stored.started_at
    return stored.status in ("ready", "in_progress") and now - last >= IDLE_LIMIT


def _state(stored: StoredSession) -> SessionState:
    """The stored state, or for a session saved whole (before durable sessions) its end."""
    try:
        if stored.state is not None:
            return state_from_json(stored.state)
        record = record_from_json(stored.record)
    except PlanFormatError as error:
        raise Conflict(
            "unreadable_session", f"This session cannot be read ({error}).", session_id=stored.id
        ) from None
    return SessionState(
        plan=record.plan,
        index=len(record.plan.steps),
        phase="finished" if record.status == "finished" else "stopped",
        elapsed=record.duration_seconds,
        outcomes=record.outcomes,
        pain_before=record.pain_before,
        pain_after=record.pain_after,
        stop_reason=record.stop_reason,
        bad_step_id=record.bad_step_id,
        started_at=stored.started_at,
    )


def _save(
    journal: JournalPort,
    stored: StoredSession,
    before: SessionState,
    after: SessionState,
    now: datetime,
    started_at: datetime | None = None,
    after_map_id: int | None = None,
) -> LiveSession:
    ended = (after.clock or now) if is_over(after) and stored.ended_at is None else None
    try:
        version = journal.save_session(
            stored.id,
            stored.version,
            state_to_json(after),
            session_record(after),
            updated_at=now,
            started_at=started_at,
            ended_at=ended,
            after_map_id=after_map_id,
        )
    except StaleVersion as stale:
        latest = stale.current.version if stale.current else stored.version
        raise Conflict("stale_version", STALE, version=latest, session_id=stored.id) from None
    saved = _load(journal, stored.id)
    assert saved.version == version
    return _live(saved, now)


def _live(stored: StoredSession, now: datetime) -> LiveSession:
    state = advance(_state(stored), now)
    return LiveSession(
        id=stored.id,
        state=state,
        version=stored.version,
        plan_id=stored.plan_id,
        before_map_id=stored.before_map_id,
        after_map_id=stored.after_map_id,
        opened_at=stored.started_at,
        updated_at=stored.updated_at,
        as_of=now,
        after_given=stored.pain_after is not None or stored.after_map_id is not None,
    )
