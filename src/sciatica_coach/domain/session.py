"""The guided session: a state machine that walks a person through a :class:`Plan`.

A session moves through these phases:

``ready``
    Created, not started. ``Start`` (with the pain score before, if given) enters the first step.
``showing``
    An untimed step (safety, warm-up, stretch, strengthen, habit). Waits for ``Next``.
``finding``
    A ``find_spot`` step. Waits for ``ReportSpot``: the person must say found or not found.
``get_ready``
    A short countdown (:data:`GET_READY_SECONDS`) before each hold, time to settle the tool.
``holding``
    The hold itself, counted down from ``step.seconds``.
``paused``
    Paused from ``get_ready`` or ``holding``; the remaining time is kept and frozen.
``checking_in``
    After a hold that asks how it felt. Waits for ``ReportFeeling``.
``finished`` / ``stopped``
    Over. Only ``Tick`` (ignored) and :func:`set_pain_after` are accepted.

Two safety rules live here, not in the players:

* a ``bad`` feeling (sharp, electric, shooting down the leg, numbness) stops the session at once;
* a spot that cannot be found is not searched for harder: its holds are passed over.

Why pure: the terminal player and the web player both drive this one module, so the rules
cannot drift apart between them. Nothing here reads a clock, prints or stores anything; the
players feed in ``Tick(seconds)`` from their own timer and show whatever state comes back.
Every state is frozen data, every transition is a function, so the whole machine is tested
exhaustively (every phase against every event) and with random event sequences.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal, TypeVar, get_args

from sciatica_coach.domain.plan_model import Plan, PlanFormatError, PlanStep, plan_from_json

__all__ = [
    "BAD_PAIN",
    "BREATHE_IN_SECONDS",
    "BREATHE_OUT_SECONDS",
    "FEELINGS",
    "GET_READY_SECONDS",
    "PHASES",
    "RESULTS",
    "STATUSES",
    "Event",
    "Feeling",
    "HoldCount",
    "Next",
    "Pause",
    "Phase",
    "ReportFeeling",
    "ReportSpot",
    "Result",
    "Resume",
    "SessionError",
    "SessionRecord",
    "SessionState",
    "SpotReport",
    "Start",
    "Status",
    "StepOutcome",
    "Stop",
    "Tick",
    "apply",
    "breathing_cue",
    "current_step",
    "is_over",
    "progress",
    "record_from_json",
    "session_record",
    "set_pain_after",
    "start_session",
]

GET_READY_SECONDS = 5.0
"""Countdown before each hold: time to place the tool and let the muscle soften first."""
# A breath out longer than the breath in helps the muscle let go under pressure.
BREATHE_IN_SECONDS = 4.0
BREATHE_OUT_SECONDS = 6.0

Feeling = Literal["good", "bad", "no_change"]
"""``good``: mild ache, pressure, relief. ``bad``: sharp, electric, shooting down the leg, numb."""
FEELINGS: tuple[Feeling, ...] = get_args(Feeling)

Phase = Literal[
    "ready",
    "showing",
    "finding",
    "get_ready",
    "holding",
    "paused",
    "checking_in",
    "finished",
    "stopped",
]
PHASES: tuple[Phase, ...] = get_args(Phase)
TimedPhase = Literal["get_ready", "holding"]

Result = Literal["done", "skipped", "found", "not_found", "skipped_not_found"]
RESULTS: tuple[Result, ...] = get_args(Result)

Status = Literal["finished", "stopped", "in_progress"]
STATUSES: tuple[Status, ...] = get_args(Status)

BAD_PAIN = "bad_pain"
"""The stop reason when a check-in reports a ``bad`` feeling."""

_TERMINAL: tuple[Phase, ...] = ("finished", "stopped")
_UNTIMED: tuple[Phase, ...] = ("showing", "finding", "checking_in")


class SessionError(ValueError):
    """An event that makes no sense in the current phase, or a value out of range."""


# --- Events ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Start:
    """Begin the session; ``pain_before`` is the 0-10 pain score now, if the person gave one."""

    pain_before: int | None = None


@dataclass(frozen=True)
class Tick:
    """Time passed, fed in by the player's own timer (the core never reads a clock)."""

    seconds: float


@dataclass(frozen=True)
class Next:
    """Done with this step; during a hold countdown it skips the hold."""


@dataclass(frozen=True)
class Pause:
    """Freeze the countdown of a hold or its get-ready."""


@dataclass(frozen=True)
class Resume:
    """Carry on the countdown that was paused."""


@dataclass(frozen=True)
class ReportSpot:
    """The answer on a find-spot step: was the tender spot found?"""

    found: bool


@dataclass(frozen=True)
class ReportFeeling:
    """The answer to a check-in after a hold."""

    feeling: Feeling


@dataclass(frozen=True)
class Stop:
    """End the session early, from any phase that is not already over."""

    reason: str = "stopped_by_user"


Event = Start | Tick | Next | Pause | Resume | ReportSpot | ReportFeeling | Stop


# --- State -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepOutcome:
    """What happened on one step.

    ``seconds`` is the active time the step took; for a hold it is the time actually held
    (the get-ready countdown is not counted), so a skipped hold shows how long it lasted.
    ``feeling`` is set only on holds that asked how it felt.
    """

    step_id: str
    result: Result
    feeling: Feeling | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class SessionState:
    """Where a session is. Replace it with :func:`apply`; never change it in place.

    ``remaining`` is the time left in ``get_ready`` or ``holding`` (kept while paused).
    ``elapsed`` counts active seconds only: time paused, before the start and after the end
    is not part of the session. ``outcomes`` hold one entry per step passed, in plan order.
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


def start_session(plan: Plan) -> SessionState:
    """A session for ``plan`` waiting for :class:`Start`."""
    return SessionState(plan=plan)


def apply(state: SessionState, event: Event) -> SessionState:
    """The state after ``event``, or :class:`SessionError` if the event is wrong for the phase.

    ``Tick`` never fails for being in the wrong phase: players tick on a timer whatever the
    phase, so a tick before the start, while paused or after the end is simply ignored.
    """
    match event:
        case Tick(seconds=seconds):
            return _tick(state, seconds)
        case Start(pain_before=pain):
            _expect(state, event, ("ready",))
            return _enter(replace(state, pain_before=_pain(pain, "pain before")), 0)
        case Next():
            _expect(state, event, ("showing", "get_ready", "holding"))
            return _next(state)
        case Pause():
            _expect(state, event, ("get_ready", "holding"))
            return replace(state, phase="paused", paused_from=_timed(state.phase))
        case Resume():
            _expect(state, event, ("paused",))
            resumed: TimedPhase = state.paused_from or "holding"
            return replace(state, phase=resumed, paused_from=None)
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
            step = current_step(state)
            bad_step = step.id if reason == BAD_PAIN and step is not None else state.bad_step_id
            return replace(
                state,
                phase="stopped",
                paused_from=None,
                stop_reason=reason,
                bad_step_id=bad_step,
            )
    raise SessionError(f"{event!r} is not a session event")


def set_pain_after(state: SessionState, pain: int) -> SessionState:
    """Record the 0-10 pain score after the session; only once it is finished or stopped."""
    if state.phase not in _TERMINAL:
        raise SessionError(
            f"the pain score after is asked once the session is over, not while {state.phase}"
        )
    checked = _pain(pain, "pain after")
    return replace(state, pain_after=checked)


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


def breathing_cue(state: SessionState) -> Literal["in", "out"] | None:
    """``in`` or ``out`` while holding, ``None`` otherwise.

    The cycle is 4 s in then 6 s out, counted from the start of the hold, so every hold
    begins on a breath in and the long breath out comes while the pressure sinks in.
    """
    step = current_step(state)
    if state.phase != "holding" or step is None:
        return None
    held = max(0.0, _hold_length(step) - state.remaining)
    position = held % (BREATHE_IN_SECONDS + BREATHE_OUT_SECONDS)
    return "in" if position < BREATHE_IN_SECONDS else "out"


def is_over(state: SessionState) -> bool:
    """True once the session is finished or stopped."""
    return state.phase in _TERMINAL


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
    "paused": "Resume, or Stop",
    "checking_in": "say how that hold felt (ReportFeeling)",
    "finished": "the session is over",
    "stopped": "the session is over",
}


def _timed(phase: Phase) -> TimedPhase:
    return "get_ready" if phase == "get_ready" else "holding"


def _hold_length(step: PlanStep) -> float:
    return float(max(0, step.seconds))


def _pain(pain: object, what: str) -> int | None:
    if pain is None:
        return None
    if isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= 10:
        raise SessionError(f"{what} must be a whole number from 0 to 10, not {pain!r}")
    return pain


def _step_seconds(state: SessionState) -> float:
    return round(state.elapsed - state.step_started, 1)


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
    )
    if index >= len(steps):
        return replace(base, index=len(steps), phase="finished")
    kind = steps[index].kind
    if kind == "hold":
        return replace(base, index=index, phase="get_ready", remaining=GET_READY_SECONDS)
    return replace(base, index=index, phase="finding" if kind == "find_spot" else "showing")


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


def _tick(state: SessionState, seconds: float) -> SessionState:
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise SessionError(f"Tick needs a number of seconds, not {seconds!r}")
    if not math.isfinite(seconds) or seconds < 0:
        raise SessionError(f"Tick seconds must be a finite number of 0 or more, not {seconds!r}")
    if state.phase in ("ready", "paused", *_TERMINAL):
        return state
    left = float(seconds)
    while state.phase in ("get_ready", "holding"):
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
    """Get-ready ends in the hold; the hold ends in a check-in or the next step."""
    step = state.plan.steps[state.index]
    if state.phase == "get_ready":
        return replace(state, phase="holding", remaining=_hold_length(step))
    done = StepOutcome(step.id, "done", seconds=_hold_length(step))
    state = replace(state, outcomes=(*state.outcomes, done), remaining=0.0)
    if step.check_in:
        return replace(state, phase="checking_in")
    return _enter(state, state.index + 1)


def _next(state: SessionState) -> SessionState:
    step = state.plan.steps[state.index]
    if state.phase == "showing":
        outcome = StepOutcome(step.id, "done", seconds=_step_seconds(state))
    else:
        held = _hold_length(step) - state.remaining if state.phase == "holding" else 0.0
        outcome = StepOutcome(step.id, "skipped", seconds=round(held, 1))
    return _enter(replace(state, outcomes=(*state.outcomes, outcome)), state.index + 1)


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


# --- The record kept after a session ---------------------------------------------------------

SpotReport = tuple[str | None, str | None, int | None, bool]
"""``(muscle_id, side, spot, found)`` for one find-spot answer."""
HoldCount = tuple[str | None, str | None, int]
"""``(muscle_id, side, holds done)``."""


@dataclass(frozen=True)
class SessionRecord:
    """What is kept of a session: enough to show progress and to spot a pattern of bad pain.

    ``feelings``, ``spots`` and ``holds_done`` are summaries of ``outcomes`` kept alongside
    them so a progress view does not need to walk the plan again.
    """

    status: Status
    stop_reason: str | None
    bad_step_id: str | None
    plan: Plan
    outcomes: tuple[StepOutcome, ...]
    feelings: tuple[tuple[str, Feeling], ...]
    spots: tuple[SpotReport, ...]
    holds_done: tuple[HoldCount, ...]
    pain_before: int | None
    pain_after: int | None
    duration_seconds: float

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; :func:`record_from_json` reads it back unchanged."""
        return {
            "status": self.status,
            "stop_reason": self.stop_reason,
            "bad_step_id": self.bad_step_id,
            "plan": self.plan.to_json(),
            "outcomes": [
                {
                    "step_id": o.step_id,
                    "result": o.result,
                    "feeling": o.feeling,
                    "seconds": o.seconds,
                }
                for o in self.outcomes
            ],
            "feelings": [list(pair) for pair in self.feelings],
            "spots": [list(spot) for spot in self.spots],
            "holds_done": [list(count) for count in self.holds_done],
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
            "duration_seconds": self.duration_seconds,
        }


def session_record(state: SessionState) -> SessionRecord:
    """Summarise a session, over or not, for storage and the progress view."""
    status: Status = (
        "finished"
        if state.phase == "finished"
        else "stopped"
        if state.phase == "stopped"
        else "in_progress"
    )
    steps = {step.id: step for step in state.plan.steps}
    spots: list[SpotReport] = []
    holds: dict[tuple[str | None, str | None], int] = {}
    for outcome in state.outcomes:
        step = steps[outcome.step_id]
        if outcome.result in ("found", "not_found"):
            spots.append((step.muscle_id, step.side, step.spot, outcome.result == "found"))
        # A skipped hold that was partly held still pressed the spot: it counts for dose.
        if step.kind == "hold" and (
            outcome.result == "done" or (outcome.result == "skipped" and outcome.seconds > 0)
        ):
            key = (step.muscle_id, step.side)
            holds[key] = holds.get(key, 0) + 1
    return SessionRecord(
        status=status,
        stop_reason=state.stop_reason,
        bad_step_id=state.bad_step_id,
        plan=state.plan,
        outcomes=state.outcomes,
        feelings=tuple((o.step_id, o.feeling) for o in state.outcomes if o.feeling is not None),
        spots=tuple(spots),
        holds_done=tuple((muscle, side, count) for (muscle, side), count in holds.items()),
        pain_before=state.pain_before,
        pain_after=state.pain_after,
        duration_seconds=round(state.elapsed, 1),
    )


def record_from_json(data: object) -> SessionRecord:
    """Read a record written by :meth:`SessionRecord.to_json`, or raise ``PlanFormatError``."""
    if not isinstance(data, dict):
        raise PlanFormatError("a session record must be a JSON object")
    try:
        plan = plan_from_json(data["plan"])
        outcomes = tuple(_outcome(raw) for raw in _items(data["outcomes"], "outcomes"))
        known = {step.id for step in plan.steps}
        for outcome in outcomes:
            if outcome.step_id not in known:
                raise PlanFormatError(f"outcome for step '{outcome.step_id}' not in the plan")
        return SessionRecord(
            status=_choice(data["status"], STATUSES, "status"),
            stop_reason=_text_or_none(data["stop_reason"], "stop_reason"),
            bad_step_id=_text_or_none(data["bad_step_id"], "bad_step_id"),
            plan=plan,
            outcomes=outcomes,
            feelings=tuple(_feeling_pair(raw) for raw in _items(data["feelings"], "feelings")),
            spots=tuple(_spot(raw) for raw in _items(data["spots"], "spots")),
            holds_done=tuple(_hold_count(raw) for raw in _items(data["holds_done"], "holds_done")),
            pain_before=_stored_pain(data["pain_before"], "pain_before"),
            pain_after=_stored_pain(data["pain_after"], "pain_after"),
            duration_seconds=_number(data["duration_seconds"], "duration_seconds"),
        )
    except KeyError as error:
        raise PlanFormatError(f"the session record is missing '{error.args[0]}'") from None


_T = TypeVar("_T", bound=str)


def _choice(value: object, options: tuple[_T, ...], what: str) -> _T:
    for option in options:
        if value == option:
            return option
    raise PlanFormatError(f"{what} must be one of {', '.join(options)}, not {value!r}")


def _items(value: object, what: str, size: int | None = None) -> list[object]:
    if not isinstance(value, list | tuple):
        raise PlanFormatError(f"{what} must be a list, not {value!r}")
    if size is not None and len(value) != size:
        raise PlanFormatError(f"{what} must have {size} entries, not {len(value)}")
    return list(value)


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise PlanFormatError(f"{what} must be text, not {value!r}")
    return value


def _text_or_none(value: object, what: str) -> str | None:
    return None if value is None else _text(value, what)


def _whole(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PlanFormatError(f"{what} must be a whole number, not {value!r}")
    return value


def _whole_or_none(value: object, what: str) -> int | None:
    return None if value is None else _whole(value, what)


def _stored_pain(value: object, what: str) -> int | None:
    pain = _whole_or_none(value, what)
    if pain is not None and not 0 <= pain <= 10:
        raise PlanFormatError(f"{what} must be from 0 to 10, not {pain}")
    return pain


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PlanFormatError(f"{what} must be a number, not {value!r}")
    if not math.isfinite(value) or value < 0:
        raise PlanFormatError(f"{what} must be a finite number of 0 or more, not {value!r}")
    return float(value)


def _outcome(raw: object) -> StepOutcome:
    if not isinstance(raw, dict):
        raise PlanFormatError("each outcome must be a JSON object")
    step_id = _text(raw["step_id"], "an outcome's step_id")
    feeling = raw.get("feeling")
    return StepOutcome(
        step_id=step_id,
        result=_choice(raw["result"], RESULTS, f"the result of '{step_id}'"),
        feeling=None if feeling is None else _choice(feeling, FEELINGS, f"feeling of '{step_id}'"),
        seconds=_number(raw.get("seconds", 0.0), f"the seconds of '{step_id}'"),
    )


def _feeling_pair(raw: object) -> tuple[str, Feeling]:
    step_id, feeling = _items(raw, "each feeling", 2)
    return _text(step_id, "a feeling's step id"), _choice(feeling, FEELINGS, "a feeling")


def _spot(raw: object) -> SpotReport:
    muscle, side, spot, found = _items(raw, "each spot", 4)
    if not isinstance(found, bool):
        raise PlanFormatError(f"a spot's found must be true or false, not {found!r}")
    return (
        _text_or_none(muscle, "a spot's muscle"),
        _text_or_none(side, "a spot's side"),
        _whole_or_none(spot, "a spot's number"),
        found,
    )


def _hold_count(raw: object) -> HoldCount:
    muscle, side, count = _items(raw, "each hold count", 3)
    return (
        _text_or_none(muscle, "a hold count's muscle"),
        _text_or_none(side, "a hold count's side"),
        _whole(count, "a hold count"),
    )
