"""Safety invariants of the planner, for every screening, map, tool set, time and history.

Whatever the input, either there is no plan (refused, or a clear input error) or the plan:
never presses a no-pressure region or an avoided one, never uses a tool a restriction or a
region rules out, stays within the day's dose limits and the minutes given.
"""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sciatica_coach.content import default_knowledge_base
from sciatica_coach.domain.activity import RecentActivity
from sciatica_coach.domain.body_map import RegionKey
from sciatica_coach.domain.plan_checks import plan_problems
from sciatica_coach.domain.plan_model import EXPERIENCES, Plan
from sciatica_coach.domain.planning import PlanInputError, PlanRefused, TargetChoice, build_plan
from sciatica_coach.domain.restrictions import Limits
from sciatica_coach.domain.screening import ScreeningResult, screen

from .screening_cases import SPEC, all_clear
from .test_screening_properties import full_answers, value_for

KB = default_knowledge_base()
LIMITS = KB.routine.limits

# Answer sets that allow a session but may add any restriction: most plans get made.
CAUTION_IDS = [q for q, (_, level, _) in SPEC.items() if level == "caution"]
caution_answers = st.fixed_dictionaries({q: value_for(q) for q in CAUTION_IDS}).map(
    lambda changed: {**all_clear(), **changed}
)
any_answers = st.one_of(full_answers, caution_answers, caution_answers, caution_answers)

targets = st.lists(
    st.builds(
        TargetChoice,
        st.sampled_from(list(KB.muscles)),
        st.sampled_from(["left", "right"]),
        st.just("test"),
    ),
    min_size=1,
    max_size=4,
    unique_by=lambda t: (t.muscle_id, t.side),
)
tool_sets = st.frozensets(st.sampled_from(list(KB.tools)))
activities = st.builds(
    RecentActivity,
    st.sampled_from([0, 0, 0, 1, 2]),
    st.dictionaries(
        st.tuples(st.sampled_from(list(KB.muscles)), st.sampled_from(["left", "right"])),
        st.integers(0, LIMITS.holds_per_muscle_per_day),
        max_size=4,
    ),
    st.just(0),
    st.frozensets(
        st.tuples(
            st.sampled_from(list(KB.muscles)), st.sampled_from(["left", "right"]), st.integers(1, 3)
        ),
        max_size=3,
    ),
)


def check_plan(plan: Plan, result: ScreeningResult, activity: RecentActivity) -> None:
    limits = Limits.from_ids(result.restrictions)
    assert plan.estimated_seconds <= plan.minutes * 60
    holds: dict[tuple[str, str], int] = {}
    for step in plan.steps:
        if step.tool_id == "heat":
            assert not limits.forbids("no_heat")
        if step.kind not in ("find_spot", "hold"):
            assert step.region is None
            continue
        assert step.region is not None and step.muscle_id and step.side and step.tool_id
        side, _, region_id = step.region.partition(":")
        region = KB.regions[region_id]
        assert not region.no_pressure, f"pressure planned on {step.region}"
        assert RegionKey(side, region_id) not in limits.avoid
        tool = KB.tools[step.tool_id]
        muscle = KB.muscles[step.muscle_id]
        assert not any(getattr(region, flag) for flag in tool.keep_off)
        assert not (tool.large_muscles_only and not muscle.large)
        assert not (tool.kind == "percussion" and limits.forbids("no_massage_gun"))
        assert not (tool.hard and limits.forbids("no_hard_ball"))
        assert not (
            tool.hard
            and (region.near_bone or region.beside_spine)
            and limits.forbids("no_hard_ball_near_bone")
        )
        if limits.forbids("light_pressure_only"):
            assert step.pressure == "light" and not tool.hard and tool.intensity != "deep"
        if plan.experience == "new":
            assert tool.beginner_friendly and step.pressure != "firm"
        if step.kind == "hold":
            assert 20 <= step.seconds <= 60 and step.check_in
            assert (step.muscle_id, step.side, step.spot) not in activity.bad_spots_today
            key = (step.muscle_id, step.side)
            holds[key] = holds.get(key, 0) + 1
    spots = [(s.muscle_id, s.side, s.spot) for s in plan.steps if s.kind == "hold"]
    assert len(spots) == len(set(spots)), "a spot is pressed twice in one session"
    assert all(s.pressure == "light" for s in plan.steps if s.tool_id == "massage_gun")
    for (muscle_id, side), count in holds.items():
        assert count + activity.holds_done(muscle_id, side) <= LIMITS.holds_per_muscle_per_day
    assert activity.sessions_today < LIMITS.sessions_per_day


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    any_answers,
    targets.map(lambda t: t + t[:1]),  # a repeat must not double the dose
    tool_sets,
    st.one_of(st.integers(12, 60), st.integers(1, 90)),
    st.sampled_from(EXPERIENCES),
    activities,
)
def test_no_plan_ever_breaks_a_safety_rule(
    answers: dict[str, object],
    chosen: list[TargetChoice],
    tools: frozenset[str],
    minutes: int,
    experience: str,
    activity: RecentActivity,
) -> None:
    result = screen(KB, answers)
    try:
        plan = build_plan(KB, result, chosen, tools, minutes, experience, activity)  # type: ignore[arg-type]
    except PlanRefused:
        assert not result.session_allowed or activity.sessions_today >= LIMITS.sessions_per_day
        return
    except PlanInputError:
        return
    assert result.session_allowed, "a plan was made although screening forbids a session"
    assert plan.to_json() == dataclasses.asdict(plan)  # the fast copy is asdict's, exactly
    check_plan(plan, result, activity)
    assert plan_problems(KB, plan, result, activity) == [], "a fresh plan fails its own checks"
