"""The guided-session state machine: every phase against every event, then the stories."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from sciatica_coach.domain.plan_model import Plan, PlanFormatError, PlanStep, StepKind
from sciatica_coach.domain.session import (
    BAD_PAIN,
    GET_READY_SECONDS,
    PHASES,
    Event,
    Next,
    Pause,
    Phase,
    ReportFeeling,
    ReportSpot,
    Result,
    Resume,
    SessionError,
    SessionState,
    Start,
    Stop,
    Tick,
    apply,
    breathing_cue,
    current_step,
    is_over,
    progress,
    record_from_json,
    session_record,
    set_pain_after,
    start_session,
)

# --- Small hand-built plans ------------------------------------------------------------------


def step(
    step_id: str,
    kind: StepKind,
    seconds: int = 0,
    *,
    side: str = "left",
    spot: int = 1,
    muscle: str = "piriformis",
    check_in: bool = False,
) -> PlanStep:
    """A step; find-spot and hold steps get a muscle, side and spot, the rest do not."""
    pressing = kind in ("find_spot", "hold")
    return PlanStep(
        id=step_id,
        kind=kind,
        title=step_id.replace("_", " "),
        instructions=(f"Do {step_id}.",),
        seconds=seconds,
        muscle_id=muscle if pressing else None,
        side=side if pressing else None,
        spot=spot if pressing else None,
        region=f"{side}:buttock_center" if pressing else None,
        tool_id="ball" if pressing else None,
        pressure="moderate" if kind == "hold" else None,
        check_in=check_in,
    )


def plan_of(*steps: PlanStep) -> Plan:
    return Plan(
        steps=steps,
        targets=(),
        minutes=10,
        experience="new",
        screening_level="green",
        restrictions=(),
    )


def run(state: SessionState, *events: Event) -> SessionState:
    for event in events:
        state = apply(state, event)
    return state


def results(state: SessionState) -> tuple[Result, ...]:
    return tuple(o.result for o in state.outcomes)


# --- Every phase x every event ---------------------------------------------------------------

TABLE_PLAN = plan_of(
    step("safety", "safety", 30),
    step("find", "find_spot", 30),
    step("hold", "hold", 30, check_in=True),
    step("stretch", "stretch", 60),
)


def in_phase(phase: Phase) -> SessionState:
    """A state of TABLE_PLAN in ``phase``, reached by ordinary events."""
    ready = start_session(TABLE_PLAN)
    showing = apply(ready, Start())
    finding = apply(showing, Next())
    get_ready = apply(finding, ReportSpot(found=True))
    holding = apply(get_ready, Tick(GET_READY_SECONDS))
    states: dict[Phase, SessionState] = {
        "ready": ready,
        "showing": showing,
        "finding": finding,
        "get_ready": get_ready,
        "holding": holding,
        "paused": apply(holding, Pause()),
        "checking_in": apply(holding, Tick(30)),
        "finished": run(holding, Tick(30), ReportFeeling("good"), Next()),
        "stopped": apply(showing, Stop()),
    }
    assert states[phase].phase == phase
    return states[phase]


EVENTS: dict[str, Event] = {
    "Start": Start(),
    "Tick": Tick(1.0),
    "Next": Next(),
    "Pause": Pause(),
    "Resume": Resume(),
    "ReportSpot": ReportSpot(found=True),
    "ReportFeeling": ReportFeeling("good"),
    "Stop": Stop(),
}


@dataclass(frozen=True)
class Expect:
    phase: Phase
    index: int
    results: tuple[Result, ...]


D: tuple[Result, ...] = ("done",)
DF: tuple[Result, ...] = ("done", "found")
DFD: tuple[Result, ...] = ("done", "found", "done")

# Every allowed (phase, event); any combination missing here must raise SessionError.
ALLOWED: dict[tuple[Phase, str], Expect] = {
    ("ready", "Start"): Expect("showing", 0, ()),
    ("ready", "Tick"): Expect("ready", 0, ()),
    ("ready", "Stop"): Expect("stopped", 0, ()),
    ("showing", "Tick"): Expect("showing", 0, ()),
    ("showing", "Next"): Expect("finding", 1, D),
    ("showing", "Stop"): Expect("stopped", 0, ()),
    ("finding", "Tick"): Expect("finding", 1, D),
    ("finding", "ReportSpot"): Expect("get_ready", 2, DF),
    ("finding", "Stop"): Expect("stopped", 1, D),
    ("get_ready", "Tick"): Expect("get_ready", 2, DF),
    ("get_ready", "Next"): Expect("showing", 3, (*DF, "skipped")),
    ("get_ready", "Pause"): Expect("paused", 2, DF),
    ("get_ready", "Stop"): Expect("stopped", 2, DF),
    ("holding", "Tick"): Expect("holding", 2, DF),
    ("holding", "Next"): Expect("showing", 3, (*DF, "skipped")),
    ("holding", "Pause"): Expect("paused", 2, DF),
    ("holding", "Stop"): Expect("stopped", 2, DF),
    ("paused", "Tick"): Expect("paused", 2, DF),
    ("paused", "Resume"): Expect("holding", 2, DF),
    ("paused", "Stop"): Expect("stopped", 2, DF),
    ("checking_in", "Tick"): Expect("checking_in", 2, DFD),
    ("checking_in", "ReportFeeling"): Expect("showing", 3, DFD),
    ("checking_in", "Stop"): Expect("stopped", 2, DFD),
    ("finished", "Tick"): Expect("finished", 4, (*DFD, "done")),
    ("stopped", "Tick"): Expect("stopped", 0, ()),
}

COMBINATIONS = [(phase, name) for phase in PHASES for name in EVENTS]


def test_the_table_covers_every_phase_and_event() -> None:
    assert len(COMBINATIONS) == 9 * 8
    assert set(ALLOWED) <= set(COMBINATIONS)


@pytest.mark.parametrize(("phase", "name"), COMBINATIONS, ids=[f"{p}-{n}" for p, n in COMBINATIONS])
def test_every_phase_and_event(phase: Phase, name: str) -> None:
    state = in_phase(phase)
    expected = ALLOWED.get((phase, name))
    if expected is None:
        with pytest.raises(SessionError, match=rf"^{name} is not allowed while the session is "):
            apply(state, EVENTS[name])
        return
    after = apply(state, EVENTS[name])
    assert (after.phase, after.index, results(after)) == (
        expected.phase,
        expected.index,
        expected.results,
    )


@pytest.mark.parametrize("phase", PHASES)
def test_errors_name_the_event_and_the_phase(phase: Phase) -> None:
    state = in_phase(phase)
    wrong = next(n for n in EVENTS if (phase, n) not in ALLOWED)
    with pytest.raises(SessionError) as error:
        apply(state, EVENTS[wrong])
    assert wrong in str(error.value) and phase in str(error.value)


def test_ticks_count_time_only_while_active() -> None:
    active: tuple[Phase, ...] = ("showing", "finding", "get_ready", "holding", "checking_in")
    for phase in active:
        state = in_phase(phase)
        assert apply(state, Tick(1.5)).elapsed == state.elapsed + 1.5
    idle: tuple[Phase, ...] = ("ready", "paused", "finished", "stopped")
    for phase in idle:
        state = in_phase(phase)
        assert apply(state, Tick(1.5)) == state


@pytest.mark.parametrize("seconds", [-0.1, -5.0, float("nan"), float("inf")])
def test_a_bad_tick_is_refused(seconds: float) -> None:
    with pytest.raises(SessionError, match="Tick seconds"):
        apply(in_phase("holding"), Tick(seconds))


# --- Countdowns ------------------------------------------------------------------------------


def test_get_ready_counts_down_into_the_hold_and_carries_the_extra_time() -> None:
    state = run(start_session(plan_of(step("h", "hold", 10), step("s", "stretch"))), Start())
    assert (state.phase, state.remaining) == ("get_ready", GET_READY_SECONDS)
    state = apply(state, Tick(3))
    assert (state.phase, state.remaining) == ("get_ready", 2)
    state = apply(state, Tick(4))
    assert (state.phase, state.remaining, state.elapsed) == ("holding", 8, 7)
    state = apply(state, Tick(8))
    assert (state.phase, state.index, state.elapsed) == ("showing", 1, 15)
    assert state.outcomes[0].result == "done" and state.outcomes[0].seconds == 10


def test_a_long_tick_runs_through_holds_but_not_past_the_end() -> None:
    plan = plan_of(step("a", "hold", 3), step("b", "hold", 3, spot=2))
    state = run(start_session(plan), Start(), Tick(100))
    assert state.phase == "finished"
    assert results(state) == ("done", "done")
    assert state.elapsed == 2 * (GET_READY_SECONDS + 3)


def test_time_left_after_a_hold_is_spent_on_the_next_step() -> None:
    state = run(start_session(plan_of(step("h", "hold", 10), step("s", "stretch"))), Start())
    state = apply(state, Tick(20))
    assert (state.phase, state.index, state.elapsed) == ("showing", 1, 20)
    state = run(state, Tick(4), Next())
    assert state.outcomes[-1].seconds == 9


def test_a_zero_second_hold_is_done_when_get_ready_ends() -> None:
    state = run(start_session(plan_of(step("h", "hold", 0))), Start(), Tick(GET_READY_SECONDS))
    assert state.phase == "finished" and results(state) == ("done",)


def test_a_hold_with_check_in_waits_for_the_feeling() -> None:
    plan = plan_of(step("h", "hold", 10, check_in=True), step("s", "stretch"))
    state = run(start_session(plan), Start(), Tick(15), Tick(30))
    assert (state.phase, state.index, state.elapsed) == ("checking_in", 0, 45)
    state = apply(state, ReportFeeling("no_change"))
    assert (state.phase, state.index) == ("showing", 1)
    assert state.outcomes[0].feeling == "no_change"


# --- Safety stories --------------------------------------------------------------------------

SAFETY_PLAN = plan_of(
    step("find", "find_spot"),
    step("hold1", "hold", 30, check_in=True),
    step("hold2", "hold", 30, check_in=True),
    step("stretch", "stretch"),
)


def test_a_bad_feeling_stops_at_once_and_nothing_later_is_done() -> None:
    state = run(start_session(SAFETY_PLAN), Start(pain_before=4), ReportSpot(found=True), Tick(35))
    state = apply(state, ReportFeeling("bad"))
    assert state.phase == "stopped" and is_over(state)
    assert (state.stop_reason, state.bad_step_id) == ("bad_pain", "hold1")
    assert results(state) == ("found", "done")
    assert state.outcomes[-1].feeling == "bad"
    assert current_step(state) == SAFETY_PLAN.steps[1]
    for event in (Next(), Resume(), ReportFeeling("good"), Stop(), Start()):
        with pytest.raises(SessionError, match="the session is over"):
            apply(state, event)
    record = session_record(state)
    assert record.status == "stopped" and record.feelings == (("hold1", "bad"),)
    assert record.holds_done == (("piriformis", "left", 1),)


def test_a_spot_not_found_skips_its_holds_but_not_other_spots() -> None:
    plan = plan_of(
        step("find1", "find_spot"),
        step("hold1a", "hold", 30),
        step("hold1b", "hold", 30),
        step("hold_right", "hold", 30, side="right"),
        step("find2", "find_spot", spot=2),
        step("hold2", "hold", 30, spot=2),
    )
    state = run(start_session(plan), Start(), ReportSpot(found=False))
    assert (state.phase, state.index) == ("get_ready", 3)
    assert results(state) == ("not_found", "skipped_not_found", "skipped_not_found")
    state = run(state, Tick(35), ReportSpot(found=True), Tick(35))
    assert state.phase == "finished"
    assert results(state)[3:] == ("done", "found", "done")
    record = session_record(state)
    assert record.spots == (
        ("piriformis", "left", 1, False),
        ("piriformis", "left", 2, True),
    )
    assert record.holds_done == (("piriformis", "right", 1), ("piriformis", "left", 1))


def test_a_spot_not_found_skips_its_hold_even_after_other_steps() -> None:
    plan = plan_of(step("find", "find_spot"), step("stretch", "stretch"), step("hold", "hold", 30))
    state = run(start_session(plan), Start(), ReportSpot(found=False))
    assert state.phase == "showing"
    state = apply(state, Next())
    assert state.phase == "finished"
    assert results(state) == ("not_found", "done", "skipped_not_found")


def test_a_spot_found_on_a_later_try_is_held_again() -> None:
    plan = plan_of(
        step("find_a", "find_spot"),
        step("hold_a", "hold", 30),
        step("find_b", "find_spot"),
        step("hold_b", "hold", 30),
    )
    state = run(start_session(plan), Start(), ReportSpot(found=False), ReportSpot(found=True))
    assert (state.phase, state.index) == ("get_ready", 3)


def test_skipping_a_hold_moves_on_without_a_check_in() -> None:
    state = run(start_session(SAFETY_PLAN), Start(), ReportSpot(found=True), Tick(17))
    assert (state.phase, state.remaining) == ("holding", 18)
    state = apply(state, Next())
    assert (state.phase, state.index) == ("get_ready", 2)
    assert state.outcomes[-1].result == "skipped" and state.outcomes[-1].seconds == 12


def test_pause_freezes_time_and_resume_returns_to_the_same_countdown() -> None:
    state = run(start_session(SAFETY_PLAN), Start(), ReportSpot(found=True), Tick(2))
    paused = apply(state, Pause())
    assert paused.paused_from == "get_ready"
    assert apply(paused, Tick(100)) == paused
    state = apply(paused, Resume())
    assert (state.phase, state.remaining, state.elapsed) == ("get_ready", 3, 2)
    state = run(state, Tick(13), Pause(), Tick(50), Resume())
    assert (state.phase, state.remaining, state.elapsed) == ("holding", 20, 15)
    assert breathing_cue(apply(state, Pause())) is None


def test_stop_while_paused_keeps_the_reason() -> None:
    state = run(start_session(SAFETY_PLAN), Start(), ReportSpot(found=True), Pause())
    state = apply(state, Stop("phone_rang"))
    assert (state.phase, state.stop_reason, state.bad_step_id) == ("stopped", "phone_rang", None)
    with pytest.raises(SessionError, match="reason"):
        apply(in_phase("showing"), Stop(""))


def test_an_empty_plan_finishes_on_start() -> None:
    state = run(start_session(plan_of()), Start(pain_before=3))
    assert state.phase == "finished" and is_over(state)
    assert progress(state) == (0, 0) and current_step(state) is None
    assert session_record(state).status == "finished"


def test_helpers_follow_the_session() -> None:
    state = start_session(TABLE_PLAN)
    assert (current_step(state), progress(state), is_over(state)) == (None, (0, 4), False)
    state = run(state, Start(), Next())
    assert current_step(state) == TABLE_PLAN.steps[1] and progress(state) == (1, 4)
    assert progress(in_phase("checking_in")) == (3, 4)
    assert progress(in_phase("finished")) == (4, 4)
    assert session_record(in_phase("holding")).status == "in_progress"


def test_the_breathing_cue_is_4_seconds_in_then_6_out() -> None:
    state = run(start_session(plan_of(step("h", "hold", 30))), Start())
    assert breathing_cue(state) is None
    state = apply(state, Tick(GET_READY_SECONDS))
    cues = []
    for seconds in (0.0, 3.9, 0.1, 5.9, 0.1, 3.9, 0.1):
        state = apply(state, Tick(seconds))
        cues.append(breathing_cue(state))
    assert cues == ["in", "in", "out", "out", "in", "in", "out"]
    assert breathing_cue(start_session(plan_of())) is None


# --- Pain scores -----------------------------------------------------------------------------


@pytest.mark.parametrize("pain", [-1, 11, True])
def test_pain_before_must_be_0_to_10(pain: int) -> None:
    with pytest.raises(SessionError, match="pain before must be a whole number from 0 to 10"):
        apply(start_session(TABLE_PLAN), Start(pain_before=pain))


@pytest.mark.parametrize("pain", [0, 10, None])
def test_pain_before_accepts_the_range_or_nothing(pain: int | None) -> None:
    assert apply(start_session(TABLE_PLAN), Start(pain_before=pain)).pain_before == pain


def test_pain_after_is_asked_only_at_the_end_and_in_range() -> None:
    with pytest.raises(SessionError, match="once the session is over"):
        set_pain_after(in_phase("holding"), 3)
    over: tuple[Phase, ...] = ("finished", "stopped")
    for phase in over:
        assert set_pain_after(in_phase(phase), 0).pain_after == 0
        assert set_pain_after(in_phase(phase), 10).pain_after == 10
        with pytest.raises(SessionError, match="pain after"):
            set_pain_after(in_phase(phase), 11)


# --- The stored record -----------------------------------------------------------------------


def finished_record_json() -> dict[str, Any]:
    state = run(
        start_session(SAFETY_PLAN),
        Start(pain_before=6),
        Tick(2.25),
        ReportSpot(found=True),
        Tick(35),
        ReportFeeling("good"),
        Tick(7),
        Next(),
        Next(),
    )
    state = set_pain_after(state, 3)
    record = session_record(state)
    assert record.status == "finished"
    assert record.feelings == (("hold1", "good"),)
    # The second hold was skipped after 2 s of pressure: it still counts toward the dose.
    assert record.holds_done == (("piriformis", "left", 2),)
    assert record.spots == (("piriformis", "left", 1, True),)
    assert (record.pain_before, record.pain_after, record.duration_seconds) == (6, 3, 44.2)
    return record.to_json()


def test_the_record_round_trips_through_json() -> None:
    data = finished_record_json()
    text = json.dumps(data)
    record = record_from_json(json.loads(text))
    assert json.dumps(record.to_json()) == text
    assert record == record_from_json(data)
    assert record.plan == SAFETY_PLAN


def _without(data: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != key}


def _with(data: dict[str, Any], key: str, value: object) -> dict[str, Any]:
    return {**data, key: value}


def _bad_outcome(data: dict[str, Any], **change: object) -> dict[str, Any]:
    return _with(data, "outcomes", [{**data["outcomes"][0], **change}])


Mutation = Callable[[dict[str, Any]], object]

MALFORMED: list[tuple[str, Mutation, str]] = [
    ("not_an_object", lambda d: [d], "must be a JSON object"),
    ("missing_status", lambda d: _without(d, "status"), "missing 'status'"),
    ("bad_status", lambda d: _with(d, "status", "done"), "status must be one of"),
    ("bad_plan", lambda d: _with(d, "plan", "x"), "a plan must be a JSON object"),
    ("outcomes_not_list", lambda d: _with(d, "outcomes", {}), "outcomes must be a list"),
    ("bad_result", lambda d: _bad_outcome(d, result="great"), "result of 'find' must be one"),
    ("unknown_step", lambda d: _bad_outcome(d, step_id="nope"), "'nope' not in the plan"),
    ("bad_feeling", lambda d: _bad_outcome(d, feeling="fine"), "feeling of 'find' must be"),
    ("bad_seconds", lambda d: _bad_outcome(d, seconds="5"), "must be a number"),
    ("pain_out_of_range", lambda d: _with(d, "pain_before", 11), "pain_before must be from 0"),
    ("pain_not_whole", lambda d: _with(d, "pain_after", 2.5), "pain_after must be a whole"),
    ("short_spot", lambda d: _with(d, "spots", [["m", "left", 1]]), "each spot must have 4"),
    ("found_not_bool", lambda d: _with(d, "spots", [["m", "l", 1, 1]]), "true or false"),
    ("bad_count", lambda d: _with(d, "holds_done", [["m", "l", "2"]]), "hold count must be"),
    ("bad_pair", lambda d: _with(d, "feelings", [["hold1", "meh"]]), "a feeling must be"),
    ("bad_duration", lambda d: _with(d, "duration_seconds", -1), "finite number of 0 or"),
    ("bad_reason", lambda d: _with(d, "stop_reason", 3), "stop_reason must be text"),
]


@pytest.mark.parametrize(
    ("mutate", "message"), [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED]
)
def test_a_malformed_record_is_refused_clearly(mutate: Mutation, message: str) -> None:
    with pytest.raises(PlanFormatError, match=message):
        record_from_json(mutate(finished_record_json()))


def test_bad_pain_reported_mid_hold_stops_and_names_the_step() -> None:
    state = run(start_session(SAFETY_PLAN), Start(), Tick(2.25), ReportSpot(found=True), Tick(8))
    assert state.phase == "holding"
    stopped = apply(state, Stop(BAD_PAIN))
    assert stopped.phase == "stopped" and stopped.bad_step_id == current_step(state).id  # type: ignore[union-attr]
