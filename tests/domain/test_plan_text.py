"""What a plan says never contradicts the person's limits or the tool it chose.

Hypothesis builds plans over every combination of cautions (and so restrictions), tools owned,
muscles and sides (chosen, or matched from a random body map) and experience, then reads every
step's words: under "light pressure only" no step says "moderate" or "add more"; under "no hard
balls" no step mentions a lacrosse or peanut ball; a find-the-spot step names the tool the plan
chose and no other; a hold never claims a length it does not have; one-sided exercises speak of
the side being worked.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sciatica_coach.content import default_knowledge_base
from sciatica_coach.domain.body_map import all_region_keys
from sciatica_coach.domain.library import exercise_for_side
from sciatica_coach.domain.matching import match
from sciatica_coach.domain.plan_model import EXPERIENCES, Plan, PlanStep
from sciatica_coach.domain.planning import (
    PlanInputError,
    PlanRefused,
    TargetChoice,
    build_plan,
    targets_from_matches,
)
from sciatica_coach.domain.screening import screen

from .test_planning_properties import caution_answers, targets, tool_sets

KB = default_knowledge_base()
PLACES = all_region_keys(KB.regions)
# Muscles chosen by hand, or the best matches of a random body map (as the app chooses them).
from_maps = st.lists(st.sampled_from(PLACES), min_size=1, max_size=5, unique=True).map(
    lambda marked: targets_from_matches(match(KB, marked))
)
chosen_targets = st.one_of(targets, from_maps)

# Words that name each massage tool. "ball" alone names any ball.
TOOL_WORDS = {
    "thumb_fingers": [r"\bthumbs?\b", r"\bfingertips\b", r"\bfingers\b"],
    "tennis_ball": [r"\btennis ball\b"],
    "lacrosse_ball": [r"\blacrosse\b"],
    "peanut_ball": [r"\bpeanut\b"],
    "foam_roller": [r"\broller\b"],
    "massage_gun": [r"\bmassage gun\b"],
}
BALLS = {"tennis_ball", "lacrosse_ball", "peanut_ball"}
FORBIDDEN_WORDS = {
    "light_pressure_only": [
        r"\bmoderate\b",
        r"\bfirm\b",
        r"\bdeeper\b",
        r"\badd more\b",
        r"\bharder\b",
    ],
    "no_hard_ball": [r"\blacrosse\b", r"\bpeanut\b", r"\bhard ball\b"],
    "no_massage_gun": [r"\bmassage gun\b"],
    "no_heat": [r"\bheat\b", r"\bwarm pack\b", r"\bhot\b"],
}


def words(step: PlanStep) -> str:
    return " ".join([step.title, *step.instructions]).lower()


def plans() -> st.SearchStrategy[Plan | None]:
    def make(
        answers: dict[str, object],
        chosen: list[TargetChoice],
        tools: frozenset[str],
        experience: str,
    ) -> Plan | None:
        try:
            return build_plan(KB, screen(KB, answers), chosen, tools, 30, experience)  # type: ignore[arg-type]
        except (PlanRefused, PlanInputError):
            return None

    return st.builds(make, caution_answers, chosen_targets, tool_sets, st.sampled_from(EXPERIENCES))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_no_step_contradicts_a_restriction(plan: Plan | None) -> None:
    if plan is None:
        return
    flags = {r.split(":")[0] for r in plan.restrictions}
    for step in plan.steps:
        text = words(step)
        for flag in flags & set(FORBIDDEN_WORDS):
            for pattern in FORBIDDEN_WORDS[flag]:
                assert not re.search(pattern, text), (flag, pattern, step.id, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_a_step_that_presses_names_the_chosen_tool_and_no_other(plan: Plan | None) -> None:
    if plan is None:
        return
    for step in plan.steps:
        if step.kind not in ("find_spot", "hold") or step.tool_id is None:
            continue
        text = words(step)
        assert KB.tools[step.tool_id].name.lower() in text, (step.id, step.tool_id)
        others = [t for t in TOOL_WORDS if t != step.tool_id]
        for other in others:
            for pattern in TOOL_WORDS[other]:
                assert not re.search(pattern, text), (step.id, step.tool_id, other, text)
        if step.tool_id not in BALLS:
            assert not re.search(r"\bballs?\b", text), (step.id, step.tool_id, text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_no_step_claims_a_hold_time_it_does_not_have(plan: Plan | None) -> None:
    if plan is None:
        return
    for step in plan.steps:
        assert not re.search(r"\b\d+ to \d+ seconds\b", words(step)), step.id


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_one_sided_exercises_speak_of_the_side_worked(plan: Plan | None) -> None:
    if plan is None:
        return
    for step in plan.steps:
        if step.kind not in ("stretch", "strengthen"):
            continue
        exercise = KB.exercises[step.id.split(".")[1]]
        if exercise.sided:
            assert step.side in ("left", "right") and f"({step.side} side)" in step.title
            written = exercise_for_side(exercise, step.side)
            assert list(step.instructions[: len(written.steps)]) == written.steps
        else:
            assert step.side is None and "side)" not in step.title
