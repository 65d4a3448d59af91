"""What is kept of a guided session, and the JSON forms of a session and of its record.

The state of a session in progress is stored whole (:func:`state_to_json`), so it survives a
reload, a second tab, a closed laptop and a server restart; the record (:class:`SessionRecord`)
is the summary the journal, the progress view and the dose limits read. Both are read back with
every field checked (:func:`state_from_json`, :func:`record_from_json`): stored data may come from
an older version or an edited file, and nothing may reach the state machine as the wrong type.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, TypeVar, get_args

from .kept import Kept
from .plan_model import Plan, PlanFormatError, plan_from_json
from .session import (
    FEELINGS,
    PHASES,
    RESULTS,
    TIMED_PHASES,
    Feeling,
    SessionState,
    StepOutcome,
    is_over,
    tenths,
)

Status = Literal["ready", "in_progress", "finished", "stopped"]
"""``ready``: opened, not started. ``in_progress``: started and not over."""
STATUSES: tuple[Status, ...] = get_args(Status)


def status_of(state: SessionState) -> Status:
    if state.phase == "ready":
        return "ready"
    if state.phase == "finished":
        return "finished"
    return "stopped" if state.phase == "stopped" else "in_progress"


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
            "outcomes": [_outcome_json(o) for o in self.outcomes],
            "feelings": [list(pair) for pair in self.feelings],
            "spots": [list(spot) for spot in self.spots],
            "holds_done": [list(count) for count in self.holds_done],
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
            "duration_seconds": self.duration_seconds,
        }


def session_record(state: SessionState) -> SessionRecord:
    """Summarise a session, over or not, for storage and the progress view."""
    status = status_of(state)
    steps = {step.id: step for step in state.plan.steps}
    spots: list[SpotReport] = []
    holds: dict[tuple[str | None, str | None], int] = {}
    for outcome in state.outcomes:
        step = steps[outcome.step_id]
        if outcome.result in ("found", "not_found"):
            spots.append((step.muscle_id, step.side, step.spot, outcome.result == "found"))
        # A hold skipped or stopped part-way still pressed the spot: it counts for dose.
        if step.kind == "hold" and (
            outcome.result == "done"
            or (outcome.result in ("skipped", "stopped") and outcome.seconds > 0)
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
        duration_seconds=tenths(state.elapsed),
    )


def record_from_json(data: object, plan: Plan | None = None) -> SessionRecord:
    """Read a record written by :meth:`SessionRecord.to_json`, or raise ``PlanFormatError``.

    ``plan``: the record's plan, read before from the record's ``"plan"`` (which ``data`` may
    then leave out): an export reads the same few plans in thousands of records."""
    if not isinstance(data, dict):
        raise PlanFormatError("a session record must be a JSON object")
    try:
        plan = plan_from_json(data["plan"]) if plan is None else plan
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


def holds_used(data: object) -> tuple[frozenset[str], frozenset[str]]:
    """``(muscle ids, tool ids)`` of the holds done in a stored record, read straight from its
    JSON: progress views ask this of every session in weeks, and reading the whole plan back
    (:func:`record_from_json`) costs several times more. ``PlanFormatError`` if malformed."""
    if not isinstance(data, dict):
        raise PlanFormatError("a session record must be a JSON object")
    try:
        plan = data["plan"]
        steps = {
            _text(step["id"], "step id"): step
            for step in _items(plan["steps"] if isinstance(plan, dict) else None, "steps")
            if isinstance(step, dict)
        }
        held = [
            steps[_text(raw["step_id"], "step_id")]
            for raw in _items(data["outcomes"], "outcomes")
            if isinstance(raw, dict) and raw.get("result") == "done" and raw["step_id"] in steps
        ]
    except KeyError as error:
        raise PlanFormatError(f"the session record is missing '{error.args[0]}'") from None
    held = [step for step in held if step.get("kind") == "hold"]
    return (
        frozenset(m for step in held if isinstance(m := step.get("muscle_id"), str) and m),
        frozenset(t for step in held if isinstance(t := step.get("tool_id"), str) and t),
    )


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


def _flag(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise PlanFormatError(f"{what} must be true or false, not {value!r}")
    return value


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PlanFormatError(f"{what} must be a number, not {value!r}")
    if not math.isfinite(value) or value < 0:
        raise PlanFormatError(f"{what} must be a finite number of 0 or more, not {value!r}")
    return float(value)


OUTCOMES_KEPT = 4096
"""Outcomes read, kept to be handed out again (see :func:`_outcome`): the most recent ones."""
_outcomes: Kept[StepOutcome] = Kept(OUTCOMES_KEPT)


def _outcome(raw: object) -> StepOutcome:
    """An outcome read from its JSON, or the same outcome read before (as
    :func:`~.plan_model._step` does for steps): ten years of sessions hold some 50,000
    outcomes, most the same few (a hold done in its 30 seconds). Only the four values it is
    read from make the key, the seconds' type with them, so ``true`` is never taken for ``1``;
    an outcome that cannot be read is never kept, so it is refused every time."""
    if type(raw) is not dict:
        return _read_outcome(raw)
    seconds = raw.get("seconds", 0.0)
    key = (raw.get("step_id"), raw.get("result"), raw.get("feeling"), seconds, seconds.__class__)
    try:
        found = _outcomes.get(key)
    except TypeError:  # a value no key can hold: never a valid outcome's (read to say why)
        return _read_outcome(raw)
    return found if found is not None else _outcomes.keep(key, _read_outcome(raw))


def _read_outcome(raw: object) -> StepOutcome:
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


# --- The state of a session in progress ------------------------------------------------------


def state_to_json(state: SessionState) -> dict[str, Any]:
    """A JSON-ready dict of the whole state; :func:`state_from_json` reads it back unchanged."""
    return {
        "plan": state.plan.to_json(),
        "index": state.index,
        "phase": state.phase,
        "remaining": state.remaining,
        "paused_from": state.paused_from,
        "elapsed": state.elapsed,
        "outcomes": [_outcome_json(o) for o in state.outcomes],
        "pain_before": state.pain_before,
        "pain_after": state.pain_after,
        "stop_reason": state.stop_reason,
        "bad_step_id": state.bad_step_id,
        "step_started": state.step_started,
        "clock": state.clock.isoformat() if state.clock else None,
        "started_at": state.started_at.isoformat() if state.started_at else None,
        "set_index": state.set_index,
        "carried": state.carried,
        "interrupted": state.interrupted,
    }


def state_from_json(data: object) -> SessionState:
    """Read a state written by :func:`state_to_json`, or raise ``PlanFormatError``."""
    if not isinstance(data, dict):
        raise PlanFormatError("a session state must be a JSON object")
    try:
        plan = plan_from_json(data["plan"])
        outcomes = tuple(_outcome(raw) for raw in _items(data["outcomes"], "outcomes"))
        if not _lined_up([step.id for step in plan.steps], outcomes):
            raise PlanFormatError("the outcomes do not follow the plan's steps")
        index = _whole(data["index"], "index")
        if not 0 <= index <= len(plan.steps):
            raise PlanFormatError(f"index must be from 0 to {len(plan.steps)}, not {index}")
        paused_from = data["paused_from"]
        if paused_from is not None and paused_from not in TIMED_PHASES:
            raise PlanFormatError(
                f"paused_from must be one of {', '.join(TIMED_PHASES)}, not {paused_from!r}"
            )
        state = SessionState(
            plan=plan,
            index=index,
            phase=_choice(data["phase"], PHASES, "phase"),
            remaining=_number(data["remaining"], "remaining"),
            paused_from=paused_from,
            elapsed=_number(data["elapsed"], "elapsed"),
            outcomes=outcomes,
            pain_before=_stored_pain(data["pain_before"], "pain_before"),
            pain_after=_stored_pain(data["pain_after"], "pain_after"),
            stop_reason=_text_or_none(data["stop_reason"], "stop_reason"),
            bad_step_id=_text_or_none(data["bad_step_id"], "bad_step_id"),
            step_started=_number(data["step_started"], "step_started"),
            clock=_moment(data["clock"], "clock"),
            started_at=_moment(data["started_at"], "started_at"),
            set_index=_whole(data.get("set_index", 0), "set_index"),  # older states: 0
            carried=_number(data.get("carried", 0.0), "carried"),
            interrupted=_flag(data.get("interrupted", False), "interrupted"),
        )
    except KeyError as error:
        raise PlanFormatError(f"the session state is missing '{error.args[0]}'") from None
    if state.phase == "paused" and state.paused_from is None:
        raise PlanFormatError("a paused session must say what it paused")
    if is_over(state) is False and state.phase != "ready" and state.index >= len(plan.steps):
        raise PlanFormatError("a session in progress must be on one of its steps")
    sets = plan.steps[state.index].sets if state.index < len(plan.steps) else 1
    if not 0 <= state.set_index < sets:
        raise PlanFormatError(f"set_index must be from 0 to {sets - 1}, not {state.set_index}")
    return state


def _lined_up(known: list[str], outcomes: tuple[StepOutcome, ...]) -> bool:
    """Outcomes are one per step passed, in plan order (a stopped hold adds the last one)."""
    return all(i < len(known) and o.step_id == known[i] for i, o in enumerate(outcomes))


def _outcome_json(outcome: StepOutcome) -> dict[str, Any]:
    return {
        "step_id": outcome.step_id,
        "result": outcome.result,
        "feeling": outcome.feeling,
        "seconds": outcome.seconds,
    }


def _moment(value: object, what: str) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise PlanFormatError(f"{what} must be an ISO 8601 time, not {value!r}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise PlanFormatError(f"{what} must be an ISO 8601 time, not {value!r}") from None
    if moment.utcoffset() is None:
        raise PlanFormatError(f"{what} must carry a time zone")
    return moment
