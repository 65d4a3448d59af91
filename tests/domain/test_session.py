"""The guided-session state machine: every phase against every event, then the stories.

Time passes with :func:`elapse` here (``Wait`` in an event list); the tests at the end drive the
same machine with real moments (``at=``), as the players do.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.plan_model import Plan, PlanFormatError, PlanStep, StepKind
from sciatica_coach.domain.session import (
    BAD_PAIN,
    GET_READY_SECONDS,
    LEFT_UNFINISHED,
    PHASES,
    POSITION_SECONDS,
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
    StepOutcome,
    Stop,
    advance,
    apply,
    breathing_cue,
    countdown_total,
    current_step,
    elapse,
    is_over,
    leave_unfinished,
    past_first_step,
    progress,
    rep_number,
    set_number,
    set_pain_after,
    start_session,
)
from sciatica_coach.domain.session_record import (
    record_from_json,
    session_record,
    state_from_json,
    state_to_json,
)


@dataclass(frozen=True)
class Wait:
    """Test-only: this many seconds pass (what the clock does between two events)."""

    seconds: float


Step = Event | Wait

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


def run(state: SessionState, *events: Step) -> SessionState:
    for event in events:
        state = elapse(state, event.seconds) if isinstance(event, Wait) else apply(state, event)
    return state


def act(state: SessionState, event: Step) -> SessionState:
    return run(state, event)


def results(state: SessionState) -> tuple[Result, ...]:
    return tuple(o.result for o in state.outcomes)


# --- Every phase x every event ---------------------------------------------------------------

TABLE_PLAN = plan_of(
    step("safety", "safety", 30),
    step("find", "find_spot", 30),
    step("hold", "hold", 30, check_in=True),
    step("stretch", "stretch", 60),
    replace(step("sets", "stretch", 50), sets=2, set_seconds=20, rest_seconds=10),
)


def in_phase(phase: Phase) -> SessionState:
    """A state of TABLE_PLAN in ``phase``, reached by ordinary events."""
    ready = start_session(TABLE_PLAN)
    showing = apply(ready, Start())
    finding = apply(showing, Next())
    get_ready = apply(finding, ReportSpot(found=True))
    holding = act(get_ready, Wait(GET_READY_SECONDS))
    states: dict[Phase, SessionState] = {
        "ready": ready,
        "showing": showing,
        "finding": finding,
        "get_ready": get_ready,
        "holding": holding,
        "paused": apply(holding, Pause()),
        "checking_in": act(holding, Wait(30)),
        "resting": run(
            holding, Wait(30), ReportFeeling("good"), Next(), Wait(POSITION_SECONDS), Wait(20)
        ),
        "finished": run(holding, Wait(30), ReportFeeling("good"), Next(), Next()),
        "stopped": apply(showing, Stop()),
    }
    assert states[phase].phase == phase
    return states[phase]


EVENTS: dict[str, Step] = {
    "Start": Start(),
    "Wait": Wait(1.0),
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
    ("ready", "Wait"): Expect("ready", 0, ()),
    ("ready", "Stop"): Expect("stopped", 0, ()),
    ("showing", "Wait"): Expect("showing", 0, ()),
    ("showing", "Next"): Expect("finding", 1, D),
    ("showing", "Stop"): Expect("stopped", 0, ()),
    ("finding", "Wait"): Expect("finding", 1, D),
    ("finding", "ReportSpot"): Expect("get_ready", 2, DF),
    ("finding", "Stop"): Expect("stopped", 1, D),
    ("get_ready", "Wait"): Expect("get_ready", 2, DF),
    ("get_ready", "Next"): Expect("showing", 3, (*DF, "skipped")),
    ("get_ready", "Pause"): Expect("paused", 2, DF),
    ("get_ready", "Stop"): Expect("stopped", 2, (*DF, "stopped")),
    ("holding", "Wait"): Expect("holding", 2, DF),
    ("holding", "Next"): Expect("showing", 3, (*DF, "skipped")),
    ("holding", "Pause"): Expect("paused", 2, DF),
    ("holding", "Stop"): Expect("stopped", 2, (*DF, "stopped")),
    ("paused", "Wait"): Expect("paused", 2, DF),
    ("paused", "Resume"): Expect("holding", 2, DF),
    ("paused", "Stop"): Expect("stopped", 2, (*DF, "stopped")),
    ("checking_in", "Wait"): Expect("checking_in", 2, DFD),
    ("checking_in", "ReportFeeling"): Expect("showing", 3, DFD),
    ("checking_in", "Stop"): Expect("stopped", 2, DFD),
    ("resting", "Wait"): Expect("resting", 4, (*DFD, "done")),
    ("resting", "Next"): Expect("finished", 5, (*DFD, "done", "skipped")),
    ("resting", "Pause"): Expect("paused", 4, (*DFD, "done")),
    ("resting", "Stop"): Expect("stopped", 4, (*DFD, "done", "stopped")),
    ("finished", "Wait"): Expect("finished", 5, (*DFD, "done", "skipped")),
    ("stopped", "Wait"): Expect("stopped", 0, ()),
}

COMBINATIONS = [(phase, name) for phase in PHASES for name in EVENTS]


def test_the_table_covers_every_phase_and_event() -> None:
    assert len(COMBINATIONS) == 10 * 8
    assert set(ALLOWED) <= set(COMBINATIONS)


@pytest.mark.parametrize(("phase", "name"), COMBINATIONS, ids=[f"{p}-{n}" for p, n in COMBINATIONS])
def test_every_phase_and_event(phase: Phase, name: str) -> None:
    state = in_phase(phase)
    expected = ALLOWED.get((phase, name))
    if expected is None:
        with pytest.raises(SessionError, match=rf"^{name} is not allowed while the session is "):
            act(state, EVENTS[name])
        return
    after = act(state, EVENTS[name])
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
        act(state, EVENTS[wrong])
    assert wrong in str(error.value) and phase in str(error.value)


def test_time_counts_only_while_active() -> None:
    active: tuple[Phase, ...] = (
        "showing",
        "finding",
        "get_ready",
        "holding",
        "resting",
        "checking_in",
    )
    for phase in active:
        state = in_phase(phase)
        assert elapse(state, 1.5).elapsed == state.elapsed + 1.5
    idle: tuple[Phase, ...] = ("ready", "paused", "finished", "stopped")
    for phase in idle:
        state = in_phase(phase)
        assert elapse(state, 1.5) == state


@pytest.mark.parametrize("seconds", [-0.1, -5.0, float("nan"), float("inf")])
def test_a_bad_amount_of_time_is_refused(seconds: float) -> None:
    with pytest.raises(SessionError, match="the time that passed"):
        elapse(in_phase("holding"), seconds)


# --- Countdowns ------------------------------------------------------------------------------


def test_get_ready_counts_down_into_the_hold_and_carries_the_extra_time() -> None:
    state = run(start_session(plan_of(step("h", "hold", 10), step("s", "stretch"))), Start())
    assert (state.phase, state.remaining) == ("get_ready", GET_READY_SECONDS)
    state = act(state, Wait(3))
    assert (state.phase, state.remaining) == ("get_ready", 2)
    state = act(state, Wait(4))
    assert (state.phase, state.remaining, state.elapsed) == ("holding", 8, 7)
    state = act(state, Wait(8))
    assert (state.phase, state.index, state.elapsed) == ("showing", 1, 15)
    assert state.outcomes[0].result == "done" and state.outcomes[0].seconds == 10


def test_a_long_tick_runs_through_holds_but_not_past_the_end() -> None:
    plan = plan_of(step("a", "hold", 3), step("b", "hold", 3, spot=2))
    state = run(start_session(plan), Start(), Wait(100))
    assert state.phase == "finished"
    assert results(state) == ("done", "done")
    assert state.elapsed == 2 * (GET_READY_SECONDS + 3)


def test_time_left_after_a_hold_is_spent_on_the_next_step() -> None:
    state = run(start_session(plan_of(step("h", "hold", 10), step("s", "stretch"))), Start())
    state = act(state, Wait(20))
    assert (state.phase, state.index, state.elapsed) == ("showing", 1, 20)
    state = run(state, Wait(4), Next())
    assert state.outcomes[-1].seconds == 9


def test_a_zero_second_hold_is_done_when_get_ready_ends() -> None:
    state = run(start_session(plan_of(step("h", "hold", 0))), Start(), Wait(GET_READY_SECONDS))
    assert state.phase == "finished" and results(state) == ("done",)


def test_a_hold_with_check_in_waits_for_the_feeling() -> None:
    plan = plan_of(step("h", "hold", 10, check_in=True), step("s", "stretch"))
    state = run(start_session(plan), Start(), Wait(15), Wait(30))
    assert (state.phase, state.index, state.elapsed) == ("checking_in", 0, 45)
    state = apply(state, ReportFeeling("no_change"))
    assert (state.phase, state.index) == ("showing", 1)
    assert state.outcomes[0].feeling == "no_change"


# --- Timed exercises: sets and rests ----------------------------------------------------------


def sets_of(
    kind: StepKind, sets: int, per_set: int, rest: int, reps: int | None = None
) -> PlanStep:
    timed = step(kind, kind, sets * per_set + (sets - 1) * rest)
    return replace(timed, sets=sets, set_seconds=per_set, rest_seconds=rest, reps=reps)


def test_an_exercise_plays_its_sets_and_rests_by_itself() -> None:
    plan = plan_of(sets_of("stretch", 3, 30, 15), step("habit", "habit"))
    state = run(start_session(plan), Start())
    assert (state.phase, countdown_total(state)) == ("get_ready", POSITION_SECONDS)
    seen = []
    for _ in range(int(POSITION_SECONDS + 3 * 30 + 2 * 15)):
        state = act(state, Wait(1))
        seen.append((state.phase, set_number(state)))
    assert (state.phase, state.index) == ("showing", 1)
    assert seen.count(("holding", (1, 3))) == 30 and seen.count(("holding", (3, 3))) == 30
    assert seen.count(("resting", (2, 3))) == 15 and seen.count(("resting", (3, 3))) == 15
    assert state.outcomes[0] == StepOutcome("stretch", "done", seconds=90)


def test_a_rest_counts_down_from_the_rest_and_pauses_like_a_hold() -> None:
    state = run(start_session(plan_of(sets_of("strengthen", 2, 40, 15))), Start())
    state = run(state, Wait(POSITION_SECONDS + 40 + 5))
    assert (state.phase, state.remaining, countdown_total(state)) == ("resting", 10, 15)
    state = run(state, Pause(), Wait(100))
    assert (state.phase, state.remaining, set_number(state)) == ("paused", 10, (2, 2))
    state = run(state, Resume(), Wait(10))
    assert (state.phase, state.remaining, state.set_index) == ("holding", 40, 1)


def test_skipping_or_stopping_an_exercise_keeps_the_time_worked() -> None:
    plan = plan_of(sets_of("stretch", 3, 30, 15))
    mid_second_set = run(start_session(plan), Start(), Wait(POSITION_SECONDS + 30 + 15 + 12))
    assert apply(mid_second_set, Next()).outcomes[-1] == StepOutcome("stretch", "skipped", None, 42)
    in_rest = run(start_session(plan), Start(), Wait(POSITION_SECONDS + 30 + 5))
    assert apply(in_rest, Stop(BAD_PAIN)).outcomes[-1] == StepOutcome(
        "stretch", "stopped", "bad", 30
    )
    stopped = apply(in_rest, Stop(BAD_PAIN))
    assert (stopped.stop_reason, stopped.bad_step_id) == (BAD_PAIN, "stretch")


def test_no_rest_means_the_next_set_follows_at_once() -> None:
    state = run(start_session(plan_of(sets_of("stretch", 2, 20, 0))), Start())
    state = run(state, Wait(POSITION_SECONDS + 25))
    assert (state.phase, state.remaining, set_number(state)) == ("holding", 15, (2, 2))


def test_a_strengthening_set_paces_its_movements_and_a_stretch_its_breath() -> None:
    lifts = run(start_session(plan_of(sets_of("strengthen", 2, 40, 15, reps=10))), Start())
    lifts = act(lifts, Wait(POSITION_SECONDS))
    paces = []
    for seconds in (0, 3.9, 0.1, 32, 3.9):
        lifts = act(lifts, Wait(seconds))
        paces.append(rep_number(lifts))
    assert paces == [(1, 10), (1, 10), (2, 10), (10, 10), (10, 10)]
    assert breathing_cue(lifts) is None
    stretch = run(start_session(plan_of(sets_of("stretch", 2, 30, 15))), Start())
    stretch = act(stretch, Wait(POSITION_SECONDS + 4.5))
    assert (breathing_cue(stretch), rep_number(stretch)) == ("out", None)
    warm = run(start_session(plan_of(sets_of("warm_up", 1, 300, 0))), Start())
    warm = act(warm, Wait(POSITION_SECONDS + 1))
    assert (warm.phase, breathing_cue(warm), set_number(warm)) == ("holding", None, (1, 1))


def test_an_exercise_without_a_set_time_waits_for_next() -> None:
    state = run(start_session(plan_of(step("stretch", "stretch", 60))), Start())
    assert (state.phase, set_number(state)) == ("showing", None)


# --- Safety stories --------------------------------------------------------------------------

SAFETY_PLAN = plan_of(
    step("find", "find_spot"),
    step("hold1", "hold", 30, check_in=True),
    step("hold2", "hold", 30, check_in=True),
    step("stretch", "stretch"),
)


def test_a_bad_feeling_stops_at_once_and_nothing_later_is_done() -> None:
    state = run(start_session(SAFETY_PLAN), Start(pain_before=4), ReportSpot(found=True), Wait(35))
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
    state = run(state, Wait(35), ReportSpot(found=True), Wait(35))
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
    state = run(start_session(SAFETY_PLAN), Start(), ReportSpot(found=True), Wait(17))
    assert (state.phase, state.remaining) == ("holding", 18)
    state = apply(state, Next())
    assert (state.phase, state.index) == ("get_ready", 2)
    assert state.outcomes[-1].result == "skipped" and state.outcomes[-1].seconds == 12


def test_pause_freezes_time_and_resume_returns_to_the_same_countdown() -> None:
    state = run(start_session(SAFETY_PLAN), Start(), ReportSpot(found=True), Wait(2))
    paused = apply(state, Pause())
    assert paused.paused_from == "get_ready"
    assert act(paused, Wait(100)) == paused
    state = apply(paused, Resume())
    assert (state.phase, state.remaining, state.elapsed) == ("get_ready", 3, 2)
    state = run(state, Wait(13), Pause(), Wait(50), Resume())
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
    assert (current_step(state), progress(state), is_over(state)) == (None, (0, 5), False)
    state = run(state, Start(), Next())
    assert current_step(state) == TABLE_PLAN.steps[1] and progress(state) == (1, 5)
    assert progress(in_phase("checking_in")) == (3, 5)
    assert progress(in_phase("finished")) == (5, 5)
    assert session_record(in_phase("holding")).status == "in_progress"


def test_the_breathing_cue_is_4_seconds_in_then_6_out() -> None:
    state = run(start_session(plan_of(step("h", "hold", 30))), Start())
    assert breathing_cue(state) is None
    state = act(state, Wait(GET_READY_SECONDS))
    cues = []
    for seconds in (0.0, 3.9, 0.1, 5.9, 0.1, 3.9, 0.1):
        state = act(state, Wait(seconds))
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
        Wait(2.25),
        ReportSpot(found=True),
        Wait(35),
        ReportFeeling("good"),
        Wait(7),
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
    state = run(start_session(SAFETY_PLAN), Start(), Wait(2.25), ReportSpot(found=True), Wait(8))
    assert state.phase == "holding"
    stopped = apply(state, Stop(BAD_PAIN))
    assert stopped.phase == "stopped" and stopped.bad_step_id == current_step(state).id  # type: ignore[union-attr]


# --- Time from the clock ---------------------------------------------------------------------

T0 = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_a_hold_ends_by_itself_when_its_time_is_up() -> None:
    state = run(start_session(SAFETY_PLAN), Start(at=at(0)), ReportSpot(True, at=at(3)))
    assert (state.phase, state.clock) == ("get_ready", at(3))
    assert advance(state, at(3 + GET_READY_SECONDS + 10)).remaining == 20
    later = advance(state, at(3 + GET_READY_SECONDS + 30))
    assert later.phase == "checking_in" and results(later) == ("found", "done")
    assert state.phase == "get_ready"  # reading the time does not change the stored state


def test_any_number_of_readers_see_the_same_clock() -> None:
    """Two tabs, or two server processes, read one stored state: neither speeds it up."""
    stored = run(start_session(SAFETY_PLAN), Start(at=at(0)), ReportSpot(True, at=at(0)))
    moments = [at(5 + s) for s in (1.0, 7.5, 12.25)]
    first_tab = [advance(stored, m).remaining for m in moments]
    second_tab = [advance(stored, m).remaining for m in moments]
    assert first_tab == second_tab == [29.0, 22.5, 17.75]


def test_an_event_applies_to_the_phase_at_its_moment() -> None:
    state = run(start_session(SAFETY_PLAN), Start(at=at(0)), ReportSpot(True, at=at(0)))
    with pytest.raises(SessionError, match="while the session is checking_in"):
        apply(state, Next(at=at(40)))  # the hold was over by then
    state = apply(state, ReportFeeling("good", at=at(40)))
    assert (state.phase, state.index, state.clock) == ("get_ready", 2, at(40))


def test_pausing_stops_the_clock_for_the_hold() -> None:
    state = run(start_session(SAFETY_PLAN), Start(at=at(0)), ReportSpot(True, at=at(0)))
    state = run(state, Pause(at=at(10)), Resume(at=at(500)))
    assert (state.phase, state.remaining) == ("holding", 25)
    assert advance(state, at(525)).phase == "checking_in"


def test_a_moment_before_the_state_changes_nothing() -> None:
    state = run(start_session(SAFETY_PLAN), Start(at=at(0)), ReportSpot(True, at=at(10)))
    assert advance(state, at(9)) == state
    assert apply(state, Pause(at=at(9))).remaining == GET_READY_SECONDS


def test_stopping_mid_hold_keeps_the_time_held_for_the_dose() -> None:
    for stop in (Stop(), Stop(BAD_PAIN)):
        state = run(start_session(SAFETY_PLAN), Start(), ReportSpot(True), Wait(12))
        state = run(state, Pause(), stop)
        assert state.outcomes[-1] == StepOutcome(
            "hold1", "stopped", "bad" if stop.reason == BAD_PAIN else None, 7.0
        )
        assert session_record(state).holds_done == (("piriformis", "left", 1),)


def test_stopping_during_get_ready_presses_nothing() -> None:
    state = run(start_session(SAFETY_PLAN), Start(), ReportSpot(True), Wait(2), Stop())
    assert state.outcomes[-1].seconds == 0
    assert session_record(state).holds_done == ()


def test_a_session_left_alone_stops_where_it_was_left() -> None:
    state = run(start_session(SAFETY_PLAN), Start(), ReportSpot(True), Wait(10))
    left = leave_unfinished(state)
    assert (left.phase, left.stop_reason) == ("stopped", LEFT_UNFINISHED)
    assert results(left) == ("found", "stopped")  # never "done": nobody saw it end
    assert left.outcomes[-1].seconds == 10 - GET_READY_SECONDS
    assert left.elapsed == state.elapsed  # no time after the last moment counted
    assert leave_unfinished(left) == left
    waiting = leave_unfinished(in_phase("finding"))
    assert waiting.elapsed == in_phase("finding").elapsed


def test_only_a_session_past_its_first_step_counts_as_done_today() -> None:
    assert not past_first_step(in_phase("ready"))
    assert not past_first_step(in_phase("showing"))
    assert not past_first_step(apply(in_phase("showing"), Stop()))
    assert past_first_step(in_phase("finding"))


# --- The stored state ------------------------------------------------------------------------


def test_a_state_round_trips_through_json_in_every_phase() -> None:
    for phase in PHASES:
        state = replace(in_phase(phase), clock=at(1), started_at=at(0))
        data = json.loads(json.dumps(state_to_json(state)))
        assert state_from_json(data) == state, phase


STATE_MALFORMED: list[tuple[str, Mutation, str]] = [
    ("not_an_object", lambda d: [d], "must be a JSON object"),
    ("missing_phase", lambda d: _without(d, "phase"), "missing 'phase'"),
    ("bad_phase", lambda d: _with(d, "phase", "dancing"), "phase must be one of"),
    ("index_out_of_range", lambda d: _with(d, "index", 99), "index must be from 0"),
    ("bad_clock", lambda d: _with(d, "clock", "yesterday"), "ISO 8601"),
    ("naive_clock", lambda d: _with(d, "clock", "2026-12-01T10:00:00"), "time zone"),
    ("bad_paused_from", lambda d: _with(d, "paused_from", "showing"), "paused_from must be"),
    ("outcomes_out_of_order", lambda d: _with(d, "outcomes", d["outcomes"][::-1]), "follow"),
    ("negative_remaining", lambda d: _with(d, "remaining", -3), "finite number of 0"),
]


@pytest.mark.parametrize(
    ("mutate", "message"), [m[1:] for m in STATE_MALFORMED], ids=[m[0] for m in STATE_MALFORMED]
)
def test_a_malformed_state_is_refused_clearly(mutate: Mutation, message: str) -> None:
    state = replace(in_phase("holding"), clock=at(1), started_at=at(0))
    with pytest.raises(PlanFormatError, match=message):
        state_from_json(mutate(state_to_json(state)))


def test_the_countdowns_are_the_ones_the_planner_allows_for(kb: KnowledgeBase) -> None:
    """The planner estimates a session's length from ``routine.yaml``; the session counts
    down the same seconds."""
    timing = kb.routine.timing
    assert (
        timing.get_ready_seconds,
        timing.position_seconds,
    ) == (GET_READY_SECONDS, POSITION_SECONDS)


def test_an_outcome_read_again_is_the_same_and_a_bad_one_is_refused_after_a_good_one() -> None:
    data = finished_record_json()
    first = record_from_json(data)
    assert record_from_json(copy.deepcopy(data)) == first
    whole = _bad_outcome(data, seconds=1)
    assert record_from_json(whole).outcomes[0].seconds == 1.0
    for bad in (True, "1", float("nan"), -1.0, [1]):
        with pytest.raises(PlanFormatError):
            record_from_json(_bad_outcome(data, seconds=bad))
    with pytest.raises(PlanFormatError):
        record_from_json(_bad_outcome(data, step_id=["find"]))
    assert record_from_json(_bad_outcome(data, seconds=1.0)) == record_from_json(whole)
