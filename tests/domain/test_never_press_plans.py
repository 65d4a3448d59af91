"""No plan the planner can make presses a place on the never-press list, or puts a tool where
the spot's flags forbid it.

Hypothesis walks plans over random body maps (or chosen muscles), tools owned, experience and
every caution-level restriction (``tests/domain/test_plan_text.py`` builds them). For each step
that presses, the trigger point is measured on the body map's frame against every place in
``never_press.yaml``: it must lie outside each place, and a spot near the nerve's line must carry
the nerve's flag, so that hard balls, the massage gun and the roller keep off it.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from sciatica_coach.content import default_knowledge_base
from sciatica_coach.content.models import Region, TriggerPoint
from sciatica_coach.domain.plan_model import Plan
from sciatica_coach.figures.no_press_geometry import near_flags, place_distance, spot_point

from .test_plan_text import plans

KB = default_knowledge_base()
REGION_FLAGS = ("nerve_path", "beside_spine", "near_bone", "belly")


def spot_flags(region: Region, point: TriggerPoint) -> set[str]:
    """The flags the planner sees on a spot: its region's, and the point's own."""
    flags = {flag for flag in REGION_FLAGS if getattr(region, flag)}
    return flags | ({"nerve_path"} if point.nerve_path else set())


def pressed_points(plan: Plan) -> list[tuple[str, TriggerPoint, str, str]]:
    """Each step that presses: (muscle id, trigger point, region id, tool id)."""
    pressed = []
    for step in plan.steps:
        if step.kind not in ("find_spot", "hold"):
            continue
        assert step.muscle_id and step.spot and step.region and step.tool_id
        point = KB.muscles[step.muscle_id].trigger_points[step.spot - 1]
        pressed.append((step.muscle_id, point, step.region.partition(":")[2], step.tool_id))
    return pressed


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_no_planned_spot_lies_on_a_place_never_to_press(plan: Plan | None) -> None:
    if plan is None:
        return
    for muscle_id, point, _, _ in pressed_points(plan):
        view, at = spot_point(KB, KB.muscles[muscle_id], point)
        for place in KB.never_press.values():
            gap = place_distance(place, view, at)
            assert gap is None or gap > 0, f"{muscle_id} {point.id} is on {place.id}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_no_tool_presses_a_spot_whose_flags_forbid_it(plan: Plan | None) -> None:
    if plan is None:
        return
    for muscle_id, point, region_id, tool_id in pressed_points(plan):
        view, at = spot_point(KB, KB.muscles[muscle_id], point)
        flags = spot_flags(KB.regions[region_id], point)
        missing = near_flags(KB, view, at) - flags
        assert not missing, f"{muscle_id} {point.id} lies near the nerve but is not flagged"
        tool = KB.tools[tool_id]
        assert not set(tool.keep_off) & flags, f"{tool_id} on {muscle_id} {point.id}"
        assert point.tools is None or tool_id in point.tools, f"{tool_id} on {point.id}"
