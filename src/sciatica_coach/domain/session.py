"""The guided session: a state machine that walks a person through a :class:`Plan`, in time.

A session moves through these phases:

``ready``
    Created, not started. ``Start`` (with the pain score before, if given) enters the first step.
``showing``
    An untimed step (safety, habit, or an exercise the plan gives no set time). Waits for
    ``Next``.
``finding``
    A ``find_spot`` step. Waits for ``ReportSpot``: the person must say found or not found.
``get_ready``
    A short countdown before each timed step: :data:`GET_READY_SECONDS` to settle the tool
    before a hold, :data:`POSITION_SECONDS` to get into position for an exercise.
``holding``
    The hold itself, counted down from ``step.seconds``; or one set of a timed warm-up,
    stretch or strengthening exercise (``set_index`` says which), from ``step.set_seconds``.
``resting``
    The rest between two sets of an exercise, counted down from ``step.rest_seconds``; the
    next set starts by itself.
``paused``
    Paused from ``get_ready``, ``holding`` or ``resting``; the time left is kept and frozen.
    A session whose player went away mid-countdown (:func:`break_off`) waits here too, at the
    get-ready of the step it was on, with ``interrupted`` set.
``checking_in``
    After a hold that asks how it felt. Waits for ``ReportFeeling``.
``finished`` / ``stopped``
    Over. Only :func:`set_pain_after` is accepted.

Time comes from the clock, not from ticks. Each event carries the moment it happened (``at``);
the state remembers the moment it describes (``clock``) and :func:`advance` brings it up to any
later moment, running countdowns out on the way (a hold ends by itself when its time is up).
So any number of players, tabs or server processes that read the same stored state see the same
clock, and a state saved before a restart is still right after it.

Two safety rules live here, not in the players:

* a ``bad`` feeling (sharp, electric, shooting down the leg, numbness) stops the session at once;
* a spot that cannot be found is not searched for harder: its holds are passed over.

Why pure: the terminal, the web page and the API all drive this one module, so the rules
cannot drift apart. Nothing here reads a clock, prints or stores anything; every state is
frozen data and every transition a function, so the machine is tested exhaustively (every phase
against every event) and with random event sequences. The record kept of a session, and the
JSON form of a state, are in :mod:`.session_record`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal, get_args

from .plan_model import Plan, PlanStep

GET_READY_SECONDS = 5.0
"""Countdown before each hold: time to place the tool and let the muscle soften first."""
LONGEST_HOLD_SECONDS = 60.0
"""The most time one hold may press a spot: the guide's holds are 20 to 60 s (the bounds of
``routine.yaml``'s hold times). A hold started again after a break keeps within it."""
POSITION_SECONDS = 20.0
"""Countdown before a timed exercise: time to get down on the floor, onto a cushion or up
against the wall without rushing (``routine.yaml`` plans the same ``position_seconds``)."""
# A breath out longer than the breath in helps the muscle let go under pressure.
BREATHE_IN_SECONDS = 4.0
BREATHE_OUT_SECONDS = 6.0

Feeling = Literal["good", "bad", "no_change"]
"""``good``: a dull, familiar ache that fades. ``bad``: burning, electric, tingling, numb or
shooting."""
FEELINGS: tuple[Feeling, ...] = get_args(Feeling)

Phase = Literal[
    "ready",
    "showing",
    "finding",
    "get_ready",
    "holding",
    "resting",
    "paused",
    "checking_in",
    "finished",
    "stopped",
]
PHASES: tuple[Phase, ...] = get_args(Phase)
TimedPhase = Literal["get_ready", "holding", "resting"]
TIMED_PHASES: tuple[TimedPhase, ...] = get_args(TimedPhase)

Result = Literal["done", "skipped", "stopped", "found", "not_found", "skipped_not_found"]
"""``stopped``: the hold that was running when the session stopped (its time held is kept)."""
RESULTS: tuple[Result, ...] = get_args(Result)

BAD_PAIN = "bad_pain"
"""The stop reason when a check-in, or the person during a hold, reports bad pain."""
STOPPED_BY_USER = "stopped_by_user"
LEFT_UNFINISHED = "left_unfinished"
"""The stop reason of a session nobody came back to (see :func:`leave_unfinished`)."""

_TERMINAL: tuple[Phase, ...] = ("finished", "stopped")
_UNTIMED: tuple[Phase, ...] = ("showing", "finding", "checking_in")


class SessionError(ValueError):
    """An event that makes no sense in the current phase, or a value out of range."""


# --- Events ----------------------------------------------------------------------------------
# ``at`` is when it happened; the state is first brought up to that moment. Without it, no
# time passes (tests, and events replayed in order).


@dataclass(frozen=True)
class Start:
    """Begin the session; ``pain_before`` is the 0-10 pain score now, if the person gave one."""

    pain_before: int | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class Next:
    """Done with this step; during a countdown it skips the rest of the hold or exercise."""

    at: datetime | None = None


@dataclass(frozen=True)
class Pause:
    """Freeze the countdown under way (get-ready, hold or set, rest)."""

    at: datetime | None = None


@dataclass(frozen=True)
class Resume:
    """Carry on the countdown that was paused."""

    at: datetime | None = None


@dataclass(frozen=True)
class ReportSpot:
    """The answer on a find-spot step: was the tender spot found?"""

    found: bool
    at: datetime | None = None


@dataclass(frozen=True)
class ReportFeeling:
    """The answer to a check-in after a hold."""

    feeling: Feeling
    at: datetime | None = None


@dataclass(frozen=True)
class Stop:
    """End the session early, from any phase that is not already over. ``bad_pain`` during a
    hold stops it exactly as a "bad" check-in does."""

    reason: str = STOPPED_BY_USER
    at: datetime | None = None


Event = Start | Next | Pause | Resume | ReportSpot | ReportFeeling | Stop


# --- State -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepOutcome:
    """What happened on one step.

    ``seconds`` is the active time the step took; for a hold it is the time actually held
    (the get-ready countdown is not counted), so a skipped or stopped hold shows how long it
    lasted. ``feeling`` is set on holds that asked how it felt, and on a hold stopped for bad
    pain.
    """

    step_id: str
    result: Result
    feeling: Feeling | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class SessionState:
    """Where a session is, as of ``clock``. Replace it with :func:`apply`; never change it.

    ``remaining`` is the time left in ``get_ready``, ``holding`` or ``resting`` at ``clock``
    (kept while paused); ``set_index`` counts the sets of an exercise already done.
    ``elapsed`` counts active seconds only: time paused, before the start and after the end is
    not part of the session. ``outcomes`` hold one entry per step passed, in plan order.
    ``step_started`` is ``elapsed`` when the current step began, to time the step.
    """

    plan: Plan
    index: int = 0
    phase: Phase = "ready"
    remaining: float = 0.0
    paused_from: TimedPhase | None = None
    elapsed: float = 0.0
    outcomes: tuple[StepOutcome, ...] = ()
    pain_before: int | None = None
    pain_after: int | None = None
    stop_reason: str | None = None
    bad_step_id: str | None = None
    step_started: float = 0.0
    clock: datetime | None = None
    started_at: datetime | None = None
    set_index: int = 0
    carried: float = 0.0
    """Seconds of work done on the current step before a break (:func:`break_off`): kept so
    the record counts every second pressed, though the step starts again from its get-ready."""
    interrupted: bool = False
    """Paused by :func:`break_off` rather than by the person, until they carry on."""


def start_session(plan: Plan) -> SessionState:
    """A session for ``plan`` waiting for :class:`Start`."""
    return SessionState(plan=plan)


def apply(state: SessionState, event: Event) -> SessionState:
    """The state after ``event``, or :class:`SessionError` if the event is wrong for the phase.

    The state is first brought up to ``event.at`` (a hold whose time ran out meanwhile is done),
    so the event applies to the phase the person actually sees."""
    at = event.at
    if at is not None:
        state = advance(state, at)
    match event:
        case Start(pain_before=pain):
            _expect(state, event, ("ready",))
            started = replace(state, pain_before=_pain(pain, "pain before"), started_at=at)
            return _enter(replace(started, clock=at), 0)
        case Next():
            if not (state.phase == "paused" and state.interrupted):  # may skip a hold after
                _expect(state, event, ("showing", *TIMED_PHASES))  # a break instead of redoing it
            return _next(state)
        case Pause():
            _expect(state, event, TIMED_PHASES)
            return replace(state, phase="paused", paused_from=_timed(state.phase))
        case Resume():
            _expect(state, event, ("paused",))
            resumed: TimedPhase = state.paused_from or "holding"
            return replace(state, phase=resumed, paused_from=None, interrupted=False)
        case ReportSpot(found=found):
            _expect(state, event, ("finding",))
            return _report_spot(state, found)
        case ReportFeeling(feeling=feeling):
            _expect(state, event, ("checking_in",))
            return _report_feeling(state, feeling)
        case Stop(reason=reason):
            _expect(state, event, tuple(p for p in PHASES if p not in _TERMINAL))
            if not isinstance(reason, str) or not reason:
                raise SessionError("Stop needs a reason, such as 'stopped_by_user'")
            return _stop(state, reason)
    raise SessionError(f"{event!r} is not a session event")


def advance(state: SessionState, now: datetime) -> SessionState:
    """The state as it is at ``now``: countdowns run down, holds whose time is up are done.

    A moment before the state's own clock changes nothing (clocks of different processes may
    differ a little; time never runs backwards)."""
    if state.clock is None or state.phase == "ready":
        return state
    seconds = (now - state.clock).total_seconds()
    if seconds <= 0:
        return state
    return replace(elapse(state, seconds), clock=now)


def elapse(state: SessionState, seconds: float) -> SessionState:
    """Let ``seconds`` of active time pass (what :func:`advance` does between two moments)."""
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise SessionError(f"the time that passed must be a number of seconds, not {seconds!r}")
    if not math.isfinite(seconds) or seconds < 0:
        raise SessionError(f"the time that passed must be 0 s or more, not {seconds!r}")
    return _elapse(state, float(seconds))


def leave_unfinished(state: SessionState) -> SessionState:
    """Close a session nobody came back to, as of ``state`` (the last moment a player was
    there): it stops as ``left_unfinished``. A hold under way keeps the time held until then and
    no more; nothing that might have happened later is taken as done."""
    if is_over(state):
        return state
    return _stop(state, LEFT_UNFINISHED)


def break_off(state: SessionState) -> SessionState:
    """The session as it should wait after its player went away mid-countdown (a tab closed,
    a terminal killed, contact lost, or a pause left behind): ``state`` is as of the last
    moment a player was there.

    Nobody knows what happened after that moment, so nothing after it is counted and no hold
    is taken as done: the step starts again from its get-ready with its full time, paused until
    the person carries on (a tool put down long ago is placed again, and a hold is never a few
    seconds left over). Work already done on the step up to that moment is ``carried`` into its
    outcome (it was pressed, so it counts for the dose). Two limits keep to the guide's dose:
    a hold whose full time again would press the spot past :data:`LONGEST_HOLD_SECONDS` counts
    as done, with the time it was held (the person is asked how it felt when they are back),
    and the person may skip the hold rather than do it again. A rest between sets was earned:
    the next set starts from its get-ready. Steps that wait for the person are left as they
    are, and so is a session already waiting after a break.
    """
    timed = state.paused_from if state.phase == "paused" else state.phase
    if timed not in TIMED_PHASES or state.interrupted:
        return state
    step = state.plan.steps[state.index]
    carried = state.carried
    set_index = state.set_index
    if timed == "holding":
        carried += _work_length(step) - state.remaining
    elif timed == "resting":
        set_index += 1
    if step.kind == "hold" and carried + _work_length(step) > LONGEST_HOLD_SECONDS:
        return _held_enough(state, step, carried)
    return replace(
        state,
        phase="paused",
        paused_from="get_ready",
        remaining=_get_ready_length(step),
        set_index=set_index,
        carried=tenths(carried),
        interrupted=True,
    )


def _held_enough(state: SessionState, step: PlanStep, held: float) -> SessionState:
    """A hold broken off after pressing long enough: done, as held; the session then waits
    (a check-in, or the next step's countdown paused at its start)."""
    done = StepOutcome(step.id, "done", seconds=tenths(held))
    state = replace(state, outcomes=(*state.outcomes, done), remaining=0.0, carried=0.0)
    if step.check_in:
        return replace(state, phase="checking_in", paused_from=None)
    following = _enter(state, state.index + 1)
    if following.phase in TIMED_PHASES:
        return replace(following, phase="paused", paused_from="get_ready", interrupted=True)
    return following


def set_pain_after(state: SessionState, pain: int) -> SessionState:
    """Record the 0-10 pain score after the session; only once it is finished or stopped."""
    if state.phase not in _TERMINAL:
        raise SessionError(
            f"the pain score after is asked once the session is over, not while {state.phase}"
        )
    return replace(state, pain_after=_pain(pain, "pain after"))


# --- Questions a player asks -----------------------------------------------------------------


def current_step(state: SessionState) -> PlanStep | None:
    """The step being shown, counted down or checked in on; ``None`` before the start or at
    the end. A stopped session keeps the step it stopped on, so a player can say which."""
    if state.phase in ("ready", "finished") or state.index >= len(state.plan.steps):
        return None
    return state.plan.steps[state.index]


def progress(state: SessionState) -> tuple[int, int]:
    """``(steps completed, total steps)``, for a progress bar."""
    return len(state.outcomes), len(state.plan.steps)


def countdown_total(state: SessionState) -> float:
    """The full length of the countdown under way (or paused): for a ring or a bar."""
    timed = state.paused_from if state.phase == "paused" else state.phase
    step = current_step(state)
    if step is None:
        return 0.0
    if timed == "get_ready":
        return _get_ready_length(step)
    if timed == "holding":
        return _work_length(step)
    if timed == "resting":
        return float(step.rest_seconds)
    return 0.0


def set_number(state: SessionState) -> tuple[int, int] | None:
    """``(set, sets)`` of a timed exercise under way, counted from 1: "set 2 of 3". During a
    rest it is the set about to start. ``None`` for holds and untimed steps."""
    step = current_step(state)
    if step is None or step.kind == "hold" or not step.timed or is_over(state):
        return None
    timed = state.paused_from if state.phase == "paused" else state.phase
    if timed not in TIMED_PHASES:
        return None
    upcoming = 1 if timed == "resting" else 0
    return min(step.sets, state.set_index + 1 + upcoming), step.sets


def rep_number(state: SessionState) -> tuple[int, int] | None:
    """``(movement, reps)`` within a strengthening set, for pacing: the set's time is shared
    evenly among its slow movements. ``None`` outside a strengthening set."""
    step = current_step(state)
    if step is None or step.kind != "strengthen" or not step.reps or not step.timed:
        return None
    if state.phase != "holding":
        return None
    per_rep = _work_length(step) / step.reps
    done = _work_length(step) - state.remaining
    return min(step.reps, int(done // per_rep) + 1), step.reps


def breathing_cue(state: SessionState) -> Literal["in", "out"] | None:
    """``in`` or ``out`` during a hold or a stretch, ``None`` otherwise.

    The cycle is 4 s in then 6 s out, counted from the start of the hold (or of the set), so
    every hold begins on a breath in and the long breath out comes while the muscle lets go.
    Strengthening sets keep their own pace (:func:`rep_number`), the warm-up none.
    """
    step = current_step(state)
    if state.phase != "holding" or step is None or step.kind not in ("hold", "stretch"):
        return None
    held = max(0.0, _work_length(step) - state.remaining)
    position = held % (BREATHE_IN_SECONDS + BREATHE_OUT_SECONDS)
    return "in" if position < BREATHE_IN_SECONDS else "out"


def is_over(state: SessionState) -> bool:
    """True once the session is finished or stopped."""
    return state.phase in _TERMINAL


def past_first_step(state: SessionState) -> bool:
    """Whether the session got past its first step: only then does it count toward the day's
    session limit (opening a session and leaving at once is not a session)."""
    return bool(state.outcomes)


# --- Transitions -----------------------------------------------------------------------------


def _expect(state: SessionState, event: Event, phases: tuple[Phase, ...]) -> None:
    if state.phase in phases:
        return
    name = type(event).__name__
    raise SessionError(
        f"{name} is not allowed while the session is {state.phase}: {_HINTS[state.phase]}"
    )


_HINTS: dict[Phase, str] = {
    "ready": "start it first",
    "showing": "press Next when this step is done",
    "finding": "say whether you found the spot (ReportSpot)",
    "get_ready": "the hold is about to start; Pause, Next to skip, or Stop",
    "holding": "the hold is running; Pause, Next to skip, or Stop",
    "resting": "this is a rest between sets; Pause, Next to skip, or Stop",
    "paused": "Resume, or Stop",
    "checking_in": "say how that hold felt (ReportFeeling)",
    "finished": "the session is over",
    "stopped": "the session is over",
}


def _timed(phase: Phase) -> TimedPhase:
    for timed in TIMED_PHASES:
        if phase == timed:
            return timed
    return "holding"


def _work_length(step: PlanStep) -> float:
    """One countdown of work: the whole hold, or one set of an exercise."""
    return float(max(0, step.work_seconds))


def _get_ready_length(step: PlanStep) -> float:
    return GET_READY_SECONDS if step.kind == "hold" else POSITION_SECONDS


def _pain(pain: object, what: str) -> int | None:
    if pain is None:
        return None
    if isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= 10:
        raise SessionError(f"{what} must be a whole number from 0 to 10, not {pain!r}")
    return pain


def _step_seconds(state: SessionState) -> float:
    return tenths(state.elapsed - state.step_started)


def _enter(state: SessionState, index: int) -> SessionState:
    """Begin step ``index``, passing over holds on spots that were not found."""
    steps = state.plan.steps
    outcomes = state.outcomes
    while index < len(steps) and _spot_not_found(steps[index], steps, outcomes):
        outcomes += (StepOutcome(steps[index].id, "skipped_not_found"),)
        index += 1
    base = replace(
        state,
        outcomes=outcomes,
        paused_from=None,
        remaining=0.0,
        step_started=state.elapsed,
        set_index=0,
        carried=0.0,
        interrupted=False,
    )
    if index >= len(steps):
        return replace(base, index=len(steps), phase="finished")
    step = steps[index]
    if step.timed:
        return replace(base, index=index, phase="get_ready", remaining=_get_ready_length(step))
    return replace(base, index=index, phase="finding" if step.kind == "find_spot" else "showing")


def _spot_not_found(
    step: PlanStep, steps: Sequence[PlanStep], outcomes: Sequence[StepOutcome]
) -> bool:
    """A hold whose spot was last reported not found: it is not pressed, the person moves on.

    Outcomes line up with steps (one per step passed, in order), so the latest find-spot
    answer for the same muscle, side and spot decides.
    """
    if step.kind != "hold":
        return False
    key = (step.muscle_id, step.side, step.spot)
    answer: Result | None = None
    for done, outcome in zip(steps, outcomes, strict=False):
        if done.kind == "find_spot" and (done.muscle_id, done.side, done.spot) == key:
            answer = outcome.result
    return answer == "not_found"


def _elapse(state: SessionState, seconds: float) -> SessionState:
    """Spend ``seconds``: through countdowns first, then on a step that waits for the
    person."""
    if state.phase in ("ready", "paused", *_TERMINAL):
        return state
    left = seconds
    while state.phase in TIMED_PHASES:
        used = min(left, state.remaining)
        left -= used
        state = replace(state, remaining=state.remaining - used, elapsed=state.elapsed + used)
        if state.remaining > 0:
            return state
        state = _countdown_over(state)
    if state.phase in _UNTIMED:
        state = replace(state, elapsed=state.elapsed + left)
    return state


def _countdown_over(state: SessionState) -> SessionState:
    """Get-ready ends in the hold (or first set); a set in a rest, a rest in the next set; the
    last set or the hold ends in a check-in or the next step."""
    step = state.plan.steps[state.index]
    if state.phase == "get_ready":
        return replace(state, phase="holding", remaining=_work_length(step))
    if state.phase == "resting":
        return replace(
            state, phase="holding", remaining=_work_length(step), set_index=state.set_index + 1
        )
    if state.set_index + 1 < step.sets:
        if step.rest_seconds > 0:
            return replace(state, phase="resting", remaining=float(step.rest_seconds))
        return replace(state, remaining=_work_length(step), set_index=state.set_index + 1)
    work = _work_length(step) * step.sets + state.carried
    done = StepOutcome(step.id, "done", seconds=tenths(work))
    state = replace(state, outcomes=(*state.outcomes, done), remaining=0.0)
    if step.check_in:
        return replace(state, phase="checking_in")
    return _enter(state, state.index + 1)


def _held(state: SessionState) -> float:
    """Seconds of work on the timed step under way: pressure on the hold, or the sets of an
    exercise done so far and the one under way (nothing more during the get-ready), plus any
    work ``carried`` from before a break."""
    step = state.plan.steps[state.index]
    timed = state.paused_from if state.phase == "paused" else state.phase
    sets_done = _work_length(step) * state.set_index + state.carried
    if timed == "holding":
        return tenths(sets_done + _work_length(step) - state.remaining)
    if timed == "resting":
        return tenths(sets_done + _work_length(step))
    return tenths(sets_done)


def _next(state: SessionState) -> SessionState:
    step = state.plan.steps[state.index]
    if state.phase == "showing":
        outcome = StepOutcome(step.id, "done", seconds=_step_seconds(state))
    else:
        outcome = StepOutcome(step.id, "skipped", seconds=_held(state))
    return _enter(replace(state, outcomes=(*state.outcomes, outcome)), state.index + 1)


def _stop(state: SessionState, reason: str) -> SessionState:
    """Stop here. A hold under way is kept as ``stopped`` with the time it was held, so it
    counts toward the day's dose however the session ended (skip, stop, pause then stop)."""
    step = current_step(state)
    outcomes = state.outcomes
    bad_step = state.bad_step_id
    if step is not None and reason == BAD_PAIN:
        bad_step = step.id
    if step is not None and state.phase in (*TIMED_PHASES, "paused"):
        feeling: Feeling | None = "bad" if reason == BAD_PAIN else None
        outcomes += (StepOutcome(step.id, "stopped", feeling, _held(state)),)
    elif state.phase == "checking_in" and reason == BAD_PAIN:
        # "It hurts" on the check-in (a stop a player can send without a connection) is the
        # answer "bad" to it: the hold asked about keeps that feeling
        outcomes = (*outcomes[:-1], replace(outcomes[-1], feeling="bad"))
    return replace(
        state,
        phase="stopped",
        paused_from=None,
        interrupted=False,
        outcomes=outcomes,
        stop_reason=reason,
        bad_step_id=bad_step,
    )


def _report_spot(state: SessionState, found: object) -> SessionState:
    if not isinstance(found, bool):
        raise SessionError(f"ReportSpot needs found=True or found=False, not {found!r}")
    step = state.plan.steps[state.index]
    result: Result = "found" if found else "not_found"
    outcome = StepOutcome(step.id, result, seconds=_step_seconds(state))
    return _enter(replace(state, outcomes=(*state.outcomes, outcome)), state.index + 1)


def _report_feeling(state: SessionState, feeling: object) -> SessionState:
    chosen = next((f for f in FEELINGS if f == feeling), None)
    if chosen is None:
        raise SessionError(f"a feeling must be one of {', '.join(FEELINGS)}, not {feeling!r}")
    hold = replace(state.outcomes[-1], feeling=chosen)
    state = replace(state, outcomes=(*state.outcomes[:-1], hold))
    if chosen == "bad":
        return replace(state, phase="stopped", stop_reason=BAD_PAIN, bad_step_id=hold.step_id)
    return _enter(state, state.index + 1)


def tenths(seconds: float) -> float:
    """Seconds to a tenth, the same whichever way they were added up: first to the
    millisecond (the finest a clock moment keeps), so 0.1 + 0.25 and 0.35 round alike."""
    return round(round(seconds, 3), 1)
