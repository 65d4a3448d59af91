"""What screening restrictions and the body map forbid: which tools, which spots, how hard.

Screening returns restrictions as ids (``no_massage_gun``, ``avoid_region:left:heel``); this
module turns them into checks the planner applies to every spot and tool. Each check returns
the reason it failed, so a plan can say why a tool or a spot was left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import Muscle, Region, Tool, TriggerPoint
from sciatica_coach.content.screening_models import Restriction

from .body_map import RegionKey, place_label
from .plan_model import Experience, Pressure


def described(kb: KnowledgeBase, restriction: str) -> tuple[Restriction | None, str | None]:
    """A restriction id (``avoid_region:left:calf_posterior``) as the content describes it,
    and the place it names in words ("Calf (left)"); None for either it lacks."""
    base, _, where = restriction.partition(":")
    rule = next((r for r in kb.screening.restrictions if r.id == base), None)
    return rule, place_label(kb.regions, where) if where else None


MASSAGE_KINDS = {"hands", "ball", "roller", "percussion"}
PRESSURE_ORDER: tuple[Pressure, ...] = ("light", "moderate", "firm")


@dataclass(frozen=True)
class Limits:
    """Screening restrictions in a form the planner can test against."""

    flags: frozenset[str]
    avoid: frozenset[RegionKey]

    @classmethod
    def from_ids(cls, restriction_ids: Iterable[str]) -> Limits:
        flags: set[str] = set()
        avoid: set[RegionKey] = set()
        for restriction in restriction_ids:
            name, _, where = restriction.partition(":")
            if name == "avoid_region" and where:
                side, _, region = where.partition(":")
                avoid.add(RegionKey(side, region))
            else:
                flags.add(name)
        return cls(frozenset(flags), frozenset(avoid))

    def forbids(self, flag: str) -> bool:
        return flag in self.flags


def spot_refusal(key: RegionKey, region: Region, limits: Limits) -> str | None:
    """Why pressure may not go on this place, or None if it may."""
    if region.no_pressure:
        return f"{region.label.lower()} is never pressed"
    if key in limits.avoid:
        return f"you asked to keep off the {region.label.lower()} ({key.side})"
    if region.belly and limits.forbids("no_belly_pressure"):
        return "screening ruled out pressure into the belly"
    return None


def spot_flag(region: Region, point: TriggerPoint | None, flag: str) -> bool:
    """Whether a spot carries a region flag: from its region, or (the nerve's) from the point
    itself, for a spot close to the nerve in a region that is not on its path."""
    return bool(getattr(region, flag)) or (
        flag == "nerve_path" and point is not None and point.nerve_path
    )


def point_refusal(tool: Tool, point: TriggerPoint) -> str | None:
    """Why this tool may not press this one spot (a spot for the hands only), or None."""
    if point.tools is not None and tool.id not in point.tools:
        return f"the {point.name.lower()} is not for a {tool.name.lower()}"
    return None


def tool_refusal(
    tool: Tool,
    muscle: Muscle,
    spots: list[Region],
    limits: Limits,
    experience: Experience,
    points: list[TriggerPoint] | None = None,
) -> str | None:
    """Why this tool may not be used on these spots of this muscle, or None if it may.

    ``points`` are the spots' trigger points, in the order of ``spots``: their own flags
    count as the region's."""
    if tool.kind not in MASSAGE_KINDS:
        return f"{tool.name} is not a massage tool"
    if experience == "new" and not tool.beginner_friendly:
        return f"{tool.name} is for people used to self-massage"
    if tool.kind == "percussion" and limits.forbids("no_massage_gun"):
        return "screening ruled out a massage gun"
    if tool.hard and limits.forbids("no_hard_ball"):
        return "screening ruled out hard tools"
    if limits.forbids("light_pressure_only") and (tool.hard or tool.intensity == "deep"):
        return "screening allows only light pressure"
    if (
        tool.hard
        and limits.forbids("no_hard_ball_near_bone")
        and any(r.near_bone or r.beside_spine for r in spots)
    ):
        return "screening ruled out hard tools close to bone or the spine"
    if tool.large_muscles_only and not muscle.large:
        return f"{tool.name} is only for large muscles"
    for index, region in enumerate(spots):
        point = points[index] if points else None
        for flag in tool.keep_off:
            if spot_flag(region, point, flag):
                where = point.name.lower() if point and point.nerve_path else region.label.lower()
                return f"{tool.name} must keep off the {where}"
    return None


def allowed_pressure(
    technique_pressure: Pressure,
    limits: Limits,
    experience: Experience,
    tool: Tool | None = None,
    near_nerve: bool = False,
) -> Pressure:
    """The technique's pressure, lowered for light-pressure-only, for people who are new, to
    light for a massage gun (the guide: low intensity only), and to light for people new to
    self-massage on a spot near the nerve (the piriformis by the sciatic notch)."""
    light_only = (
        limits.forbids("light_pressure_only")
        or (tool is not None and tool.kind == "percussion")
        or (near_nerve and experience == "new")
    )
    ceiling: Pressure = "light" if light_only else "firm"
    if experience == "new" and ceiling == "firm":
        ceiling = "moderate"
    return min(technique_pressure, ceiling, key=PRESSURE_ORDER.index)


def heat_allowed(kb: KnowledgeBase, limits: Limits, tools_owned: Iterable[str]) -> bool:
    """Heat warms up only when the person has it and screening does not rule it out.

    Skin to keep off (broken, burnt, bruised) also rules out a warm pack, which could land on
    it; gentle movement warms up instead."""
    return (
        "heat" in set(tools_owned)
        and "heat" in kb.tools
        and not limits.forbids("no_heat")
        and not limits.avoid
    )
