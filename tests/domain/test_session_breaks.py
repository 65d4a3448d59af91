"""A session whose player went away mid-countdown: it waits at the step's get-ready, with its
full time, and nothing after the last word from the player is counted (issue 25, item 2)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.domain.session import (
    BAD_PAIN,
    GET_READY_SECONDS,
    PHASES,
    POSITION_SECONDS,
    TIMED_PHASES,
    Next,
    Pause,
    ReportFeeling,
    ReportSpot,
    Resume,
    SessionState,
    Start,
    StepOutcome,
    Stop,
    apply,
    break_off,
    elapse,
    start_session,
)
from sciatica_coach.domain.session_record import session_record, state_from_json, state_to_json

from .test_session import EVENTS, Wait, in_phase, plan_of, results, run, step


def test_a_hold_broken_off_waits_at_its_get_ready_with_its_full_time() -> None:
    holding = elapse(in_phase("holding"), 12)
    broken = break_off(holding)
    assert (broken.phase, broken.paused_from) == ("paused", "get_ready")
    assert broken.remaining == GET_READY_SECONDS
    assert broken.interrupted
    assert broken.carried == 12  # pressed before the break: it counts for the dose
    assert broken.outcomes == holding.outcomes  # no hold taken as done, no check-in


def test_carrying_on_plays_the_whole_hold_then_asks_how_it_felt() -> None:
    broken = break_off(elapse(in_phase("holding"), 12))
    again = apply(broken, Resume())
    assert (again.phase, again.interrupted) == ("get_ready", False)
    held = run(again, Wait(GET_READY_SECONDS), Wait(29))
    assert held.phase == "holding"  # the full 30 s, not the 18 left before the break
    asked = elapse(held, 1)
    assert asked.phase == "checking_in"
    assert asked.outcomes[-1].seconds == 30 + 12  # every second pressed, once


def test_stopping_after_a_break_counts_the_time_held_before_it() -> None:
    broken = break_off(elapse(in_phase("holding"), 12))
    stopped = apply(broken, Stop())
    assert results(stopped)[-1] == "stopped"
    assert stopped.outcomes[-1].seconds == 12
    assert session_record(stopped).holds_done == (("piriformis", "left", 1),)


def test_a_get_ready_broken_off_has_pressed_nothing() -> None:
    broken = break_off(elapse(in_phase("get_ready"), 2))
    assert (broken.phase, broken.remaining, broken.carried) == ("paused", GET_READY_SECONDS, 0)
    assert session_record(apply(broken, Stop())).holds_done == ()


def test_a_rest_broken_off_goes_on_to_the_next_set_from_its_get_ready() -> None:
    resting = in_phase("resting")
    broken = break_off(resting)
    assert broken.set_index == resting.set_index + 1
    assert (broken.paused_from, broken.remaining) == ("get_ready", POSITION_SECONDS)
    done = run(apply(broken, Resume()), Wait(POSITION_SECONDS), Wait(20))
    assert done.outcomes[-1].result == "done"
    assert done.outcomes[-1].seconds == 2 * 20


def test_steps_that_wait_for_the_person_are_left_as_they_are() -> None:
    for phase in PHASES:
        if phase not in (*TIMED_PHASES, "paused"):
            assert break_off(in_phase(phase)) == in_phase(phase)


def test_the_break_is_kept_in_the_stored_state() -> None:
    broken = break_off(elapse(in_phase("holding"), 12))
    assert state_from_json(state_to_json(broken)) == broken


def test_the_next_step_starts_clean() -> None:
    broken = break_off(elapse(in_phase("holding"), 12))
    skipped = apply(apply(broken, Resume()), Next())
    assert skipped.outcomes[-1].seconds == 12  # skipped in its get-ready: the 12 s before
    assert (skipped.carried, skipped.interrupted) == (0, False)


@given(
    st.sampled_from(sorted(TIMED_PHASES)),
    st.floats(min_value=0, max_value=200),
    st.lists(st.sampled_from(sorted(EVENTS)), max_size=8),
)
def test_a_break_never_adds_a_step_done_nor_loses_time_held(
    phase: str, seconds: float, names: list[str]
) -> None:
    state: SessionState = elapse(in_phase(phase), seconds)  # type: ignore[arg-type]
    broken = break_off(state)
    assert broken.outcomes == state.outcomes
    assert broken.phase in ("paused", *[p for p in PHASES if p not in TIMED_PHASES])
    assert broken.elapsed == state.elapsed
    # whatever follows, the seconds recorded for the broken step are at least those carried
    for name in names:
        try:
            broken = run(broken, EVENTS[name])
        except ValueError:
            continue
    assert all(o.seconds >= 0 for o in broken.outcomes)


def test_a_pause_left_behind_starts_the_hold_again_from_its_get_ready() -> None:
    paused = apply(elapse(in_phase("holding"), 12), Pause())
    broken = break_off(paused)
    assert (broken.paused_from, broken.remaining, broken.carried) == ("get_ready", 5.0, 12)
    assert broken.interrupted
    assert break_off(broken) == broken  # already waiting after a break: nothing more


def test_it_hurts_on_a_check_in_is_the_answer_bad() -> None:
    asking = in_phase("checking_in")
    stopped = apply(asking, Stop(BAD_PAIN))
    answered = apply(asking, ReportFeeling("bad"))
    assert stopped.outcomes == answered.outcomes
    assert (stopped.stop_reason, stopped.bad_step_id) == (BAD_PAIN, answered.bad_step_id)


LONG_HOLDS = plan_of(
    step("find", "find_spot", 30),
    step("hold", "hold", 45, check_in=True),
    step("find2", "find_spot", 30, spot=2),
    step("hold2", "hold", 45, spot=2),
    step("hold3", "hold", 45, spot=3),
)


def on_a_long_hold(index: int, seconds: float) -> SessionState:
    """``seconds`` into the 45 s hold at step ``index`` of :data:`LONG_HOLDS`."""
    state = run(start_session(LONG_HOLDS), Start(), ReportSpot(True))
    if index == 3:
        state = run(state, Wait(GET_READY_SECONDS + 45), ReportFeeling("good"), ReportSpot(True))
    return elapse(state, GET_READY_SECONDS + seconds)


def test_a_hold_again_in_full_never_presses_a_spot_past_a_minute() -> None:
    early = break_off(on_a_long_hold(1, 10))  # 10 + 45 = 55 s at most: again, in full
    assert (early.phase, early.carried) == ("paused", 10)
    late = break_off(on_a_long_hold(1, 20))  # 20 + 45 would be 65 s: done, as held
    assert late.phase == "checking_in"  # it was pressed 20 s: it is asked how it felt
    assert late.outcomes[-1] == StepOutcome("hold", "done", seconds=20)


def test_a_hold_done_by_a_break_leaves_the_next_countdown_waiting() -> None:
    broken = break_off(on_a_long_hold(3, 30))
    assert results(broken)[-1] == "done" and broken.outcomes[-1].seconds == 30
    assert (broken.phase, broken.paused_from, broken.interrupted) == (
        "paused",
        "get_ready",
        True,
    )
    assert broken.plan.steps[broken.index].id == "hold3"
    assert broken.remaining == GET_READY_SECONDS


def test_a_hold_may_be_skipped_after_a_break_rather_than_done_again() -> None:
    broken = break_off(on_a_long_hold(1, 10))
    skipped = apply(broken, Next())
    assert skipped.outcomes[-1] == StepOutcome("hold", "skipped", seconds=10)
    assert skipped.plan.steps[skipped.index].id == "find2"
