"""Is a plan safe to play now?

A plan is made under one screening, and a saved plan file can be edited by hand. Before a
session plays it, today's screening must allow a session and must not add limits the plan was
not made for; today's dose limits must still have room for it; no spot that caused bad pain
today may be in it; and every step that puts pressure somewhere must pass the same safety
rules the planner applies. Otherwise the person is asked to make a new plan; nothing plays.

Also here: :func:`map_conflicts`, for a body map that contradicts the safety answers.
"""

from __future__ import annotations

from collections import Counter

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import SIDES

from .activity import RecentActivity, dose_refusal
from .body_map import BodyMapError, parse_region_key
from .plan_model import Plan, PlanStep
from .restrictions import (
    PRESSURE_ORDER,
    Limits,
    allowed_pressure,
    point_refusal,
    spot_flag,
    spot_refusal,
    tool_refusal,
)
from .screening import ScreeningResult

MIN_HOLD_SECONDS = 20
MAX_HOLD_SECONDS = 60


def plan_problems(
    kb: KnowledgeBase, plan: Plan, screening: ScreeningResult, activity: RecentActivity
) -> list[str]:
    """Plain reasons this plan must not be played now; empty when it may."""
    if not screening.session_allowed:
        return [screening.message, *(r.message for r in screening.reasons)]
    problems = []
    new_limits = sorted(set(screening.restrictions) - set(plan.restrictions))
    if new_limits:
        problems.append(
            "Today's safety check adds limits this plan was not made for: "
            + ", ".join(new_limits)
            + ". Please make a new plan."
        )
    limits = kb.routine.limits
    refused = dose_refusal(limits, activity)
    if refused is not None:
        problems.append(" ".join(refused))
    holds = Counter((s.muscle_id, s.side) for s in plan.steps if s.kind == "hold")
    for (muscle_id, side), count in holds.items():
        done = activity.holds_done(str(muscle_id), str(side))
        if done + count > limits.holds_per_muscle_per_day:
            problems.append(
                f"{_name(kb, muscle_id)} ({side}) has had {done} holds today; this plan would "
                f"go past the daily limit of {limits.holds_per_muscle_per_day}. "
                "Please make a new plan."
            )
    per_spot = Counter((s.muscle_id, s.side, s.spot) for s in plan.steps if s.kind == "hold")
    if any(count > limits.holds_per_spot_per_session for count in per_spot.values()):
        problems.append("This plan presses one spot more often than is safe in one session.")
    for step in plan.steps:
        spot = (step.muscle_id, step.side, step.spot)
        if step.kind == "hold" and spot in activity.bad_spots_today:
            problems.append(
                f"{step.title}: this spot caused bad pain earlier today. Leave it until "
                "tomorrow and make a new plan."
            )
    all_limits = Limits.from_ids([*plan.restrictions, *screening.restrictions])
    problems += [p for step in plan.steps for p in step_problems(kb, plan, step, all_limits)]
    problems += tool_time_problems(kb, plan)
    return list(dict.fromkeys(problems))


def tool_time_problems(kb: KnowledgeBase, plan: Plan) -> list[str]:
    """Holds with a time-limited tool (a massage gun) that add up past its limit per muscle."""
    seconds: Counter[tuple[str | None, str | None, str]] = Counter()
    for step in plan.steps:
        if step.kind == "hold" and step.tool_id is not None and step.tool_id in kb.tools:
            seconds[(step.muscle_id, step.side, step.tool_id)] += step.seconds
    problems = []
    for (muscle_id, side, tool_id), total in seconds.items():
        limit = kb.tools[tool_id].max_seconds_per_muscle
        if limit is not None and total > limit:
            problems.append(
                f"{_name(kb, muscle_id)} ({side}) would get {total} s of the "
                f"{kb.tools[tool_id].name.lower()}; {limit} s is the most on one muscle."
            )
    return problems


def step_problems(kb: KnowledgeBase, plan: Plan, step: PlanStep, limits: Limits) -> list[str]:
    """Why this step breaks a safety rule (for steps that press somewhere); empty if fine."""
    if step.kind not in ("find_spot", "hold"):
        return []
    where = f"Step '{step.id}'"
    if step.muscle_id is None or step.muscle_id not in kb.muscles or step.side not in SIDES:
        return [f"{where} names a muscle or side this app does not know."]
    muscle = kb.muscles[step.muscle_id]
    if step.spot is None or not 1 <= step.spot <= len(muscle.trigger_points):
        return [f"{where} names a trigger point {muscle.name} does not have."]
    try:
        key = parse_region_key(step.region or "", kb.regions)
    except BodyMapError:
        return [f"{where} names a place that is not on the body map."]
    point = muscle.trigger_points[step.spot - 1]
    if key.region != point.region or key.side not in (step.side, "midline"):
        return [f"{where} presses a place that is not where this trigger point is."]
    region = kb.regions[key.region]
    problems = []
    if refusal := spot_refusal(key, region, limits):
        problems.append(f"{where}: {refusal}.")
    if step.tool_id is None or step.tool_id not in kb.tools:
        return [*problems, f"{where} names a tool this app does not know."]
    tool = kb.tools[step.tool_id]
    if refusal := tool_refusal(tool, muscle, [region], limits, plan.experience, [point]):
        problems.append(f"{where}: {refusal}.")
    if refusal := point_refusal(tool, point):
        problems.append(f"{where}: {refusal}.")
    technique = kb.techniques[muscle.technique]
    near_nerve = spot_flag(region, point, "nerve_path")
    ceiling = allowed_pressure(technique.pressure, limits, plan.experience, tool, near_nerve)
    if step.pressure is None or PRESSURE_ORDER.index(step.pressure) > PRESSURE_ORDER.index(ceiling):
        problems.append(f"{where} asks for more pressure than is safe ({ceiling} at most).")
    if step.kind == "hold" and (
        not step.check_in or not MIN_HOLD_SECONDS <= step.seconds <= MAX_HOLD_SECONDS
    ):
        problems.append(
            f"{where}: a hold lasts {MIN_HOLD_SECONDS}-{MAX_HOLD_SECONDS} s and asks how it felt."
        )
    return problems


def map_conflicts(note_ids: set[str], screening: ScreeningResult) -> list[str]:
    """Where the body map says more than the safety answers did.

    Marks on both legs, or numbness, must be answered in the safety check (both legs can be an
    emergency sign; numbness needs a professional's check). If the answers said "no", the plan
    waits until the check is taken again.
    """
    conflicts = []
    if "both_sides" in note_ids and screening.answers.get("both_legs") is False:
        conflicts.append(
            "You marked both legs, but the safety check said there is no pain, numbness or "
            "weakness in both legs."
        )
    if "numbness_screen" in note_ids and screening.answers.get("numbness") is False:
        conflicts.append(
            "You said part of it feels numb, but the safety check said there is no numbness."
        )
    return conflicts


def _name(kb: KnowledgeBase, muscle_id: str | None) -> str:
    return kb.muscles[muscle_id].name if muscle_id and muscle_id in kb.muscles else "A muscle"
