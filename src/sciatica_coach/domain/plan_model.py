"""What a plan is: an ordered list of steps a person follows, and why each is there.

The planner (:mod:`.planning`) builds a :class:`Plan`; the session state machine
(:mod:`.session`) walks through its steps; adapters print it, play it and store it as JSON.
Plans are plain frozen data so the same plan gives the same session everywhere.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal, get_args

from .kept import Kept

StepKind = Literal["safety", "warm_up", "find_spot", "hold", "stretch", "strengthen", "habit"]
STEP_KINDS: tuple[StepKind, ...] = get_args(StepKind)
TIMED_EXERCISES: tuple[StepKind, ...] = ("warm_up", "stretch", "strengthen")
"""Kinds of step that a plan may time in sets (see :attr:`PlanStep.set_seconds`)."""
Experience = Literal["new", "experienced"]
EXPERIENCES: tuple[Experience, ...] = get_args(Experience)
Pressure = Literal["light", "moderate", "firm"]


class PlanFormatError(ValueError):
    """A stored or hand-edited plan that cannot be read back; the message says what is wrong."""


@dataclass(frozen=True)
class PlanStep:
    """One thing to do.

    ``seconds`` is the time the step is expected to take; for a ``hold`` it is the hold itself,
    counted down by the session. ``region`` is where pressure goes (``left:buttock_center``),
    set only on ``find_spot`` and ``hold`` steps. ``check_in`` steps ask how it felt afterwards.

    A warm-up, stretch or strengthening step with ``set_seconds`` is timed too: ``sets``
    countdowns of ``set_seconds`` with a rest of ``rest_seconds`` between them, so a person on
    the floor is walked through it without touching the phone. ``reps`` is how many slow
    movements one set holds (strengthening), ``dose`` says the whole of it in a few words
    ("3 sets of 30 seconds, left side").
    """

    id: str
    kind: StepKind
    title: str
    instructions: tuple[str, ...]
    seconds: int
    muscle_id: str | None = None
    side: str | None = None
    spot: int | None = None
    region: str | None = None
    tool_id: str | None = None
    pressure: Pressure | None = None
    check_in: bool = False
    sources: tuple[str, ...] = ()
    sets: int = 1
    set_seconds: int = 0
    rest_seconds: int = 0
    reps: int | None = None
    dose: str | None = None
    pose: str | None = None
    """The technique or exercise whose picture shows the position (``poses.yaml``)."""

    @property
    def timed(self) -> bool:
        """Steps the session counts down with a timer: holds, and exercises given a set time."""
        return self.kind == "hold" or (self.kind in TIMED_EXERCISES and self.set_seconds > 0)

    @property
    def work_seconds(self) -> int:
        """The length of one countdown of work: the hold, or one set of an exercise."""
        return self.seconds if self.kind == "hold" else self.set_seconds


@dataclass(frozen=True)
class Target:
    """A muscle on one side that the plan works on, and why it was chosen."""

    muscle_id: str
    side: str
    technique_id: str
    tool_id: str
    pressure: Pressure
    spots: int
    hold_seconds: int
    why: str


@dataclass(frozen=True)
class Plan:
    """A routine that fits the time given and respects every screening restriction."""

    steps: tuple[PlanStep, ...]
    targets: tuple[Target, ...]
    minutes: int
    experience: Experience
    screening_level: str
    restrictions: tuple[str, ...]
    dropped: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = field(default=())
    estimated_seconds: int = 0

    @property
    def total_seconds(self) -> int:
        """Seconds of the steps themselves (``estimated_seconds`` adds countdowns, check-ins)."""
        return sum(step.seconds for step in self.steps)

    def step(self, step_id: str) -> PlanStep:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; :func:`plan_from_json` reads it back unchanged. The same as
        :func:`dataclasses.asdict` gives (tested), several times faster: a plan is written
        into the journal and into the answer each time one is made."""
        return _plain(self)  # type: ignore[no-any-return]


_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """A dataclass tree as dicts, tuples and lists, as :func:`dataclasses.asdict` makes it
    (the plan holds only strings, numbers, booleans and None besides)."""
    kind = type(value)
    if kind in (str, int, float, bool) or value is None:
        return value
    if kind is tuple:
        return tuple(_plain(item) for item in value)
    if kind is list:
        return [_plain(item) for item in value]
    if kind is dict:
        return {_plain(key): _plain(item) for key, item in value.items()}
    names = _FIELDS.get(kind)
    if names is None:
        if not is_dataclass(value):
            return copy.deepcopy(value)
        names = _FIELDS[kind] = tuple(f.name for f in fields(value))
    return {name: _plain(getattr(value, name)) for name in names}


def plan_from_json(data: object) -> Plan:
    """Read a plan written by :meth:`Plan.to_json`, or raise :class:`PlanFormatError`.

    Every field is type-checked: a plan file may have been edited by hand, and nothing in it
    may reach the session player as the wrong type. (Whether it is *safe* is checked by
    :func:`sciatica_coach.domain.plan_checks.plan_problems`.)
    """
    if not isinstance(data, dict):
        raise PlanFormatError("a plan must be a JSON object")
    try:
        experience = data["experience"]
        if experience not in EXPERIENCES:
            raise PlanFormatError(f"experience must be one of {', '.join(EXPERIENCES)}")
        return Plan(
            steps=tuple(_step(raw) for raw in _list(data["steps"], "steps")),
            targets=tuple(_target(raw) for raw in _list(data["targets"], "targets")),
            minutes=_int(data["minutes"], "minutes", 1, 600),
            experience=experience,
            screening_level=_str(data["screening_level"], "screening_level"),
            restrictions=_strings(data["restrictions"], "restrictions"),
            dropped=_strings(data.get("dropped", []), "dropped"),
            notes=_strings(data.get("notes", []), "notes"),
            sources=_strings(data.get("sources", []), "sources"),
            estimated_seconds=_int(data.get("estimated_seconds", 0), "estimated_seconds", 0, 36000),
        )
    except KeyError as error:
        raise PlanFormatError(f"the plan is missing '{error.args[0]}'") from None
    except (TypeError, ValueError, OverflowError) as error:
        if isinstance(error, PlanFormatError):
            raise
        raise PlanFormatError(f"the plan has a malformed entry: {error}") from None


def _list(value: object, what: str) -> list[object]:
    if not isinstance(value, list | tuple):
        raise PlanFormatError(f"{what} must be a list")
    return list(value)


def _str(value: object, what: str) -> str:
    if not isinstance(value, str) or "\x00" in value:
        raise PlanFormatError(f"{what} must be text")
    return value


def _optional_str(value: object, what: str) -> str | None:
    return None if value is None else _str(value, what)


def _strings(value: object, what: str) -> tuple[str, ...]:
    return tuple(_str(item, what) for item in _list(value, what))


def _int(value: object, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise PlanFormatError(f"{what} must be a whole number from {low} to {high}")
    return value


STEPS_KEPT = 1024
"""Steps read, kept to be handed out again (see :func:`_step`): the most recent ones."""
_steps: Kept[PlanStep] = Kept(STEPS_KEPT)


def _step(raw: object) -> PlanStep:
    """A step read from its JSON, or the same step read before: a journal's plans repeat
    the same steps (the same muscles, spots and holds), and an export reads every session's
    plan, some 50,000 steps in ten years. A step is immutable, so one may be handed out
    twice; the key holds each value's type too, so ``1`` is never taken for ``true``."""
    if type(raw) is not dict:
        return _read_step(raw)
    key = tuple([(n, v.__class__, tuple(v) if v.__class__ is list else v) for n, v in raw.items()])
    try:
        found = _steps.get(key)
    except TypeError:  # a value no key can hold: never a valid step's (read to say why)
        return _read_step(raw)
    return found if found is not None else _steps.keep(key, _read_step(raw))


def _read_step(raw: object) -> PlanStep:
    if not isinstance(raw, dict):
        raise PlanFormatError("each step must be a JSON object")
    step_id = _str(raw.get("id"), "a step id")
    if raw.get("kind") not in STEP_KINDS:
        raise PlanFormatError(f"step '{step_id}' has an unknown kind '{raw.get('kind')}'")
    unknown = set(raw) - set(PlanStep.__dataclass_fields__)
    if unknown:
        raise PlanFormatError(f"step '{step_id}' has unknown fields: {', '.join(sorted(unknown))}")
    pressure = raw.get("pressure")
    if pressure not in (None, "light", "moderate", "firm"):
        raise PlanFormatError(f"step '{step_id}' has an unknown pressure '{pressure}'")
    check_in = raw.get("check_in", False)
    if not isinstance(check_in, bool):
        raise PlanFormatError(f"step '{step_id}': check_in must be true or false")
    spot = raw.get("spot")
    reps = raw.get("reps")
    return PlanStep(
        id=step_id,
        kind=raw["kind"],
        title=_str(raw.get("title"), f"step '{step_id}' title"),
        instructions=_strings(raw.get("instructions", []), f"step '{step_id}' instructions"),
        seconds=_int(raw.get("seconds"), f"step '{step_id}' seconds", 0, 3600),
        muscle_id=_optional_str(raw.get("muscle_id"), f"step '{step_id}' muscle_id"),
        side=_optional_str(raw.get("side"), f"step '{step_id}' side"),
        spot=None if spot is None else _int(spot, f"step '{step_id}' spot", 1, 20),
        region=_optional_str(raw.get("region"), f"step '{step_id}' region"),
        tool_id=_optional_str(raw.get("tool_id"), f"step '{step_id}' tool_id"),
        pressure=pressure,
        check_in=check_in,
        sources=_strings(raw.get("sources", []), f"step '{step_id}' sources"),
        sets=_int(raw.get("sets", 1), f"step '{step_id}' sets", 1, 10),
        set_seconds=_int(raw.get("set_seconds", 0), f"step '{step_id}' set_seconds", 0, 900),
        rest_seconds=_int(raw.get("rest_seconds", 0), f"step '{step_id}' rest_seconds", 0, 300),
        reps=None if reps is None else _int(reps, f"step '{step_id}' reps", 1, 60),
        dose=_optional_str(raw.get("dose"), f"step '{step_id}' dose"),
        pose=_optional_str(raw.get("pose"), f"step '{step_id}' pose"),
    )


def _target(raw: object) -> Target:
    if not isinstance(raw, dict):
        raise PlanFormatError("each target must be a JSON object")
    pressure = raw.get("pressure")
    if pressure not in ("light", "moderate", "firm"):
        raise PlanFormatError(f"a target has an unknown pressure '{pressure}'")
    return Target(
        muscle_id=_str(raw.get("muscle_id"), "target muscle_id"),
        side=_str(raw.get("side"), "target side"),
        technique_id=_str(raw.get("technique_id"), "target technique_id"),
        tool_id=_str(raw.get("tool_id"), "target tool_id"),
        pressure=pressure,
        spots=_int(raw.get("spots"), "target spots", 0, 20),
        hold_seconds=_int(raw.get("hold_seconds"), "target hold_seconds", 0, 3600),
        why=_str(raw.get("why"), "target why"),
    )
