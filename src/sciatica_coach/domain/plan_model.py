"""What a plan is: an ordered list of steps a person follows, and why each is there.

The planner (:mod:`.planning`) builds a :class:`Plan`; the session state machine
(:mod:`.session`) walks through its steps; adapters print it, play it and store it as JSON.
Plans are plain frozen data so the same plan gives the same session everywhere.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

StepKind = Literal["safety", "warm_up", "find_spot", "hold", "stretch", "strengthen", "habit"]
STEP_KINDS: tuple[StepKind, ...] = (
    "safety",
    "warm_up",
    "find_spot",
    "hold",
    "stretch",
    "strengthen",
    "habit",
)
Experience = Literal["new", "experienced"]
EXPERIENCES: tuple[Experience, ...] = ("new", "experienced")
Pressure = Literal["light", "moderate", "firm"]


class PlanFormatError(ValueError):
    """A stored or hand-edited plan that cannot be read back; the message says what is wrong."""


@dataclass(frozen=True)
class PlanStep:
    """One thing to do.

    ``seconds`` is the time the step is expected to take; for a ``hold`` it is the hold itself,
    counted down by the session. ``region`` is where pressure goes (``left:buttock_center``),
    set only on ``find_spot`` and ``hold`` steps. ``check_in`` steps ask how it felt afterwards.
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

    @property
    def timed(self) -> bool:
        """Steps the session counts down with a timer (holds, and stretches held for time)."""
        return self.kind == "hold"


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
        """A JSON-ready dict; :func:`plan_from_json` reads it back unchanged."""
        return asdict(self)


def plan_from_json(data: object) -> Plan:
    """Read a plan written by :meth:`Plan.to_json`, or raise :class:`PlanFormatError`."""
    if not isinstance(data, dict):
        raise PlanFormatError("a plan must be a JSON object")
    try:
        raw_steps = data["steps"]
        steps = tuple(_step(raw) for raw in raw_steps)
        targets = tuple(Target(**raw) for raw in data["targets"])
        experience = data["experience"]
        if experience not in EXPERIENCES:
            raise PlanFormatError(f"experience must be one of {', '.join(EXPERIENCES)}")
        return Plan(
            steps=steps,
            targets=targets,
            minutes=int(data["minutes"]),
            experience=experience,
            screening_level=str(data["screening_level"]),
            restrictions=tuple(data["restrictions"]),
            dropped=tuple(data.get("dropped", ())),
            notes=tuple(data.get("notes", ())),
            sources=tuple(data.get("sources", ())),
            estimated_seconds=int(data.get("estimated_seconds", 0)),
        )
    except KeyError as error:
        raise PlanFormatError(f"the plan is missing '{error.args[0]}'") from None
    except TypeError as error:
        raise PlanFormatError(f"the plan has a malformed entry: {error}") from None


def _step(raw: object) -> PlanStep:
    if not isinstance(raw, dict):
        raise PlanFormatError("each step must be a JSON object")
    if raw.get("kind") not in STEP_KINDS:
        raise PlanFormatError(f"step '{raw.get('id')}' has an unknown kind '{raw.get('kind')}'")
    fields = dict(raw)
    fields["instructions"] = tuple(fields.get("instructions", ()))
    fields["sources"] = tuple(fields.get("sources", ()))
    return PlanStep(**fields)
