"""Invariants of the session state machine for any small plan and any stream of events.

Players send whatever the person presses, in any order, so every sequence must either move
the session on or be refused with a :class:`SessionError`, and the safety rules must hold.
"""

from __future__ import annotations

import contextlib
import json
import math
import random
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from sciatica_coach.domain.plan_model import TIMED_EXERCISES, Plan, PlanStep, StepKind
from sciatica_coach.domain.session import (
    FEELINGS,
    Event,
    Next,
    Pause,
    Phase,
    ReportFeeling,
    ReportSpot,
    Resume,
    SessionError,
    SessionState,
    Start,
    Stop,
    advance,
    apply,
    elapse,
    is_over,
    set_pain_after,
    start_session,
)
from sciatica_coach.domain.session_record import (
    record_from_json,
    session_record,
    state_from_json,
    state_to_json,
)

UNTIMED: tuple[StepKind, ...] = ("safety", "warm_up", "stretch", "strengthen", "habit")
Spot = tuple[str, str, int]
# Few spots, so a hold often shares its spot with an earlier find-spot step.
SPOTS = st.tuples(st.sampled_from(("piriformis", "glute_med")), st.just("left"), st.integers(1, 2))


def pressing(step_id: str, kind: StepKind, spot: Spot, seconds: int, check_in: bool) -> PlanStep:
    muscle, side, number = spot
    return PlanStep(
        id=step_id,
        kind=kind,
        title=kind,
        instructions=("Press.",),
        seconds=seconds,
        muscle_id=muscle,
        side=side,
        spot=number,
        check_in=check_in,
    )


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """Up to 5 blocks: an untimed step, a lone find-spot or hold, or a find-spot followed by
    one or two holds on the same spot (the shape the planner builds)."""
    steps: list[PlanStep] = []
    for _ in range(draw(st.integers(0, 5))):
        block = draw(st.sampled_from(("untimed", "find", "hold", "find_then_hold", "sets")))
        spot = draw(SPOTS)
        if block == "untimed":
            kind = draw(st.sampled_from(UNTIMED))
            steps.append(PlanStep(f"s{len(steps)}", kind, kind, ("Do it.",), 60))
        if block == "sets":
            kind = draw(st.sampled_from(TIMED_EXERCISES))
            sets, per_set, rest = draw(st.integers(1, 3)), draw(st.integers(1, 20)), 0
            rest = draw(st.integers(0, 10)) if sets > 1 else 0
            step = PlanStep(f"s{len(steps)}", kind, kind, ("Do it.",), sets * per_set)
            steps.append(replace(step, sets=sets, set_seconds=per_set, rest_seconds=rest))
        if block in ("find", "find_then_hold"):
            steps.append(pressing(f"s{len(steps)}", "find_spot", spot, 30, False))
        if block in ("hold", "find_then_hold"):
            for _ in range(draw(st.integers(1, 2))):
                seconds, check_in = draw(st.integers(0, 20)), draw(st.booleans())
                steps.append(pressing(f"s{len(steps)}", "hold", spot, seconds, check_in))
    return Plan(
        steps=tuple(steps),
        targets=(),
        minutes=5,
        experience="new",
        screening_level="green",
        restrictions=(),
    )


@dataclass(frozen=True)
class PainAfter:
    """Not an event: stands for a call to :func:`set_pain_after` in a sequence (brought up to
    ``at`` first, as the service layer does)."""

    pain: int
    at: datetime | None = None


@dataclass(frozen=True)
class Wait:
    """Not an event: this much time passes on the clock (:func:`elapse`)."""

    seconds: float


Action = Event | PainAfter | Wait

seconds = st.one_of(
    st.floats(min_value=0, max_value=40, allow_nan=False),
    st.sampled_from((-1.0, float("nan"), float("inf"))),
)
actions: st.SearchStrategy[Action] = st.one_of(
    st.builds(Start, st.one_of(st.none(), st.integers(-2, 12))),
    st.builds(Wait, seconds),
    st.builds(Wait, seconds),
    st.just(Next()),
    st.just(Pause()),
    st.just(Resume()),
    st.builds(ReportSpot, st.booleans()),
    st.builds(ReportFeeling, st.sampled_from(FEELINGS)),
    st.builds(Stop, st.sampled_from(("stopped_by_user", "phone_rang", ""))),
    st.builds(PainAfter, st.integers(-1, 11)),
)
ANYTHING: tuple[Action, ...] = (
    Start(),
    Start(pain_before=11),
    Wait(-1.0),
    Wait(float("nan")),
    Wait(float("inf")),
    Next(),
    Pause(),
    Resume(),
    ReportSpot(found=True),
    ReportSpot(found=False),
    *(ReportFeeling(feeling) for feeling in FEELINGS),
    Stop(),
    Stop(""),
    PainAfter(5),
    PainAfter(12),
)


def person(rng: random.Random, phase: Phase) -> Action:
    """What a person might press next: usually what the phase asks for, sometimes anything.

    Plain random choices reach deep into long plans (holds, check-ins, bad feelings) far
    more often than drawing each press from Hypothesis, which favours short, simple runs.
    """
    if rng.random() < 0.15:
        return rng.choice(ANYTHING)
    gap = rng.uniform(0, 40) if rng.random() < 0.05 else rng.choice((0.5, 1.0, rng.uniform(0, 3)))
    tick = Wait(gap)
    options: dict[Phase, list[Action]] = {
        "ready": [Start(rng.choice((None, 0, 5, 10)))],
        "showing": [Next(), tick],
        "finding": [ReportSpot(found=rng.random() < 0.7)],
        "get_ready": [*[tick] * 8, Pause(), Next()],
        "holding": [*[tick] * 8, Pause(), Next()],
        "resting": [*[tick] * 8, Pause(), Next()],
        "paused": [Resume(), tick],
        "checking_in": [ReportFeeling(rng.choice(FEELINGS))],
        "finished": [PainAfter(rng.randint(-1, 11)), tick],
        "stopped": [PainAfter(rng.randint(-1, 11)), tick],
    }
    return rng.choice(options[phase])


Scenario = tuple[Plan, list[Action]]


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """A plan and a stream of actions: either drawn wholly at random by Hypothesis (shrinks
    well), or pressed by a seeded random :func:`person` (gets deep into the session)."""
    plan = draw(plans())
    if draw(st.booleans()):
        return plan, draw(st.lists(actions, max_size=50))
    rng = draw(st.randoms(use_true_random=True))
    state = start_session(plan)
    steps: list[Action] = []
    for _ in range(rng.randint(1, 120)):
        action = person(rng, state.phase)
        steps.append(action)
        with contextlib.suppress(SessionError):
            state = act(state, action)
    return plan, steps


def act(state: SessionState, action: Action) -> SessionState:
    if isinstance(action, PainAfter):
        current = advance(state, action.at) if action.at else state
        return set_pain_after(current, action.pain)
    if isinstance(action, Wait):
        return elapse(state, action.seconds)
    return apply(state, action)


def walk(plan: Plan, steps: list[Action]) -> list[tuple[SessionState, Action, SessionState]]:
    """Every (before, action, after); a refused action leaves the state as it was."""
    state = start_session(plan)
    trail = []
    for action in steps:
        try:
            after = act(state, action)
        except SessionError:
            after = state
        trail.append((state, action, after))
        state = after
    return trail


def final(plan: Plan, steps: list[Action]) -> SessionState:
    trail = walk(plan, steps)
    return trail[-1][2] if trail else start_session(plan)


@settings(max_examples=400)
@given(scenarios())
def test_only_session_errors_are_raised(scenario: Scenario) -> None:
    plan, steps = scenario
    state = start_session(plan)
    for action in steps:
        with contextlib.suppress(SessionError):
            state = act(state, action)


@settings(max_examples=300)
@given(scenarios())
def test_elapsed_never_decreases(scenario: Scenario) -> None:
    plan, steps = scenario
    for before, _, after in walk(plan, steps):
        assert after.elapsed >= before.elapsed


@settings(max_examples=300)
@given(scenarios())
def test_a_session_that_is_over_only_takes_a_pain_score(scenario: Scenario) -> None:
    plan, steps = scenario
    for before, action, after in walk(plan, steps):
        if not is_over(before):
            continue
        if isinstance(action, PainAfter):
            assert after == replace(before, pain_after=after.pain_after)
        else:
            assert after == before


@settings(max_examples=400)
@given(scenarios())
def test_a_bad_feeling_stops_the_session_for_good(scenario: Scenario) -> None:
    plan, steps = scenario
    trail = walk(plan, steps)
    bad = [
        after
        for before, action, after in trail
        if action == ReportFeeling("bad") and before.phase == "checking_in"
    ]
    if not bad:
        return
    state = trail[-1][2]
    assert state.phase == "stopped" and state.stop_reason == "bad_pain"
    assert state.bad_step_id == bad[0].bad_step_id
    ids = [step.id for step in plan.steps]
    position = ids.index(state.bad_step_id or "")
    assert all(ids.index(o.step_id) <= position for o in state.outcomes)
    assert session_record(state).status == "stopped"


@settings(max_examples=300)
@given(scenarios())
def test_outcomes_follow_the_plan_and_holds_are_done_at_most_once(scenario: Scenario) -> None:
    plan, steps = scenario
    state = final(plan, steps)
    holds = [step for step in plan.steps if step.kind == "hold"]
    done = [o for o in state.outcomes if o.result == "done" and plan.step(o.step_id) in holds]
    assert len(done) <= len(holds)
    assert [o.step_id for o in state.outcomes] == [s.id for s in plan.steps[: len(state.outcomes)]]
    assert all(o.feeling is None or plan.step(o.step_id).check_in for o in state.outcomes)


@settings(max_examples=300)
@given(scenarios())
def test_sets_are_worked_in_order_and_never_for_longer_than_the_dose(scenario: Scenario) -> None:
    plan, steps = scenario
    for _before, _action, state in walk(plan, steps):
        step = plan.steps[state.index] if state.index < len(plan.steps) else None
        assert 0 <= state.set_index < (step.sets if step else 1)
        for outcome in state.outcomes:
            worked = plan.step(outcome.step_id)
            if worked.timed:
                assert outcome.seconds <= worked.work_seconds * worked.sets + 1e-9
        assert state_from_json(json.loads(json.dumps(state_to_json(state)))) == state


@settings(max_examples=300)
@given(scenarios())
def test_the_record_round_trips_through_json(scenario: Scenario) -> None:
    plan, steps = scenario
    record = session_record(final(plan, steps))
    assert record_from_json(json.loads(json.dumps(record.to_json()))) == record


@settings(max_examples=300)
@given(scenarios())
def test_a_spot_not_found_is_never_pressed(scenario: Scenario) -> None:
    plan, steps = scenario
    state = final(plan, steps)
    answers: dict[tuple[str | None, str | None, int | None], str] = {}
    for step, outcome in zip(plan.steps, state.outcomes, strict=False):
        key = (step.muscle_id, step.side, step.spot)
        if step.kind == "find_spot":
            answers[key] = outcome.result
        elif step.kind == "hold":
            missed = answers.get(key) == "not_found"
            assert (outcome.result == "skipped_not_found") == missed


T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def in_milliseconds(steps: list[Action]) -> list[Action]:
    """Waits in whole milliseconds, the finest a clock moment keeps here without rounding."""
    return [
        Wait(round(s.seconds, 3))
        if isinstance(s, Wait) and math.isfinite(s.seconds) and s.seconds >= 0
        else s
        for s in steps
        if not isinstance(s, Wait) or (math.isfinite(s.seconds) and s.seconds >= 0)
    ]


def rounded(value: object) -> object:
    """A state's JSON with every number rounded, for comparing states reached by two routes."""
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items() if k not in ("clock", "started_at")}
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return value


def on_the_clock(steps: list[Action]) -> tuple[list[Action], datetime]:
    """The same actions with real moments: each event carries ``at``, time passes by the clock
    (as the players and the service layer drive the machine), not by :func:`elapse`. Also the
    moment at the end, when the state is read."""
    moment = T0
    timed: list[Action] = []
    for action in steps:
        if isinstance(action, Wait):
            if math.isfinite(action.seconds) and action.seconds >= 0:
                moment += timedelta(seconds=action.seconds)
            continue
        timed.append(replace(action, at=moment))
    return timed, moment


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_events_on_the_clock_give_the_same_session_as_time_passing(scenario: Scenario) -> None:
    """Driving the machine by moments (``at=``) and by durations lands in the same place, so
    a player that only sends what the person did cannot make a hold shorter or longer."""
    plan, steps = scenario
    steps = in_milliseconds(steps)
    by_duration = final(plan, steps)
    timed, end = on_the_clock(steps)
    by_clock = advance(final(plan, timed), end)
    assert rounded(state_to_json(by_clock)) == rounded(state_to_json(by_duration))


@settings(max_examples=300, deadline=None)
@given(scenarios(), st.lists(st.floats(0, 200), min_size=1, max_size=6))
def test_reading_the_clock_any_number_of_times_changes_nothing(
    scenario: Scenario, looks: list[float]
) -> None:
    """Two tabs, ten tabs: reading the state at many moments on the way equals reading it once."""
    plan, steps = scenario
    state = final(plan, on_the_clock(steps)[0])
    if state.clock is None:
        return
    moments = sorted(state.clock + timedelta(seconds=s) for s in looks)
    stepwise = state
    for moment in moments:
        stepwise = advance(stepwise, moment)
    once = advance(state, moments[-1])
    assert rounded(state_to_json(stepwise)) == rounded(state_to_json(once))
    assert stepwise.clock == once.clock
