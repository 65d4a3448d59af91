"""A saved plan plays only if today's screening and dose limits still allow it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.activity import RecentActivity
from sciatica_coach.domain.plan_checks import map_conflicts, plan_problems
from sciatica_coach.domain.plan_model import Plan
from sciatica_coach.domain.planning import TargetChoice, build_plan
from sciatica_coach.domain.screening import screen

from .screening_cases import all_clear


def saved_plan(kb: KnowledgeBase) -> Plan:
    screening = screen(kb, all_clear())
    target = TargetChoice("piriformis", "left", "t")
    return build_plan(kb, screening, [target], ["tennis_ball"], 20, "new")


def test_a_fresh_plan_may_be_played(kb: KnowledgeBase) -> None:
    assert plan_problems(kb, saved_plan(kb), screen(kb, all_clear()), RecentActivity()) == []


def test_a_red_flag_today_blocks_yesterdays_plan(kb: KnowledgeBase) -> None:
    today = screen(kb, {**all_clear(), "bladder_change": True})
    problems = plan_problems(kb, saved_plan(kb), today, RecentActivity())
    assert problems and problems[0] == today.message


def test_new_restrictions_ask_for_a_new_plan(kb: KnowledgeBase) -> None:
    today = screen(kb, {**all_clear(), "anticoagulants": True})
    problems = plan_problems(kb, saved_plan(kb), today, RecentActivity())
    assert any("light_pressure_only" in p and "new plan" in p for p in problems)


def test_the_daily_limits_count_earlier_sessions(kb: KnowledgeBase) -> None:
    limit = kb.routine.limits
    busy = RecentActivity(sessions_today=limit.sessions_per_day)
    assert plan_problems(kb, saved_plan(kb), screen(kb, all_clear()), busy)
    sore = RecentActivity(holds_today={("piriformis", "left"): limit.holds_per_muscle_per_day})
    assert any(
        "daily limit" in p for p in plan_problems(kb, saved_plan(kb), screen(kb, all_clear()), sore)
    )


def _edited(plan: Plan, **change: object) -> Plan:
    steps = tuple(replace(s, **change) if s.kind == "hold" else s for s in plan.steps)  # type: ignore[arg-type]
    return replace(plan, steps=steps)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"region": "midline:coccyx"}, "not where this trigger point is"),
        ({"tool_id": "lacrosse_ball"}, "for people used to self-massage"),
        ({"pressure": "firm"}, "more pressure than is safe"),
        ({"check_in": False}, "asks how it felt"),
        ({"seconds": 90}, "lasts 20-60 s"),
        ({"muscle_id": "bicep"}, "does not know"),
        ({"spot": 7}, "does not have"),
        ({"tool_id": "spoon"}, "tool this app does not know"),
    ],
)
def test_an_edited_step_is_checked_like_a_planned_one(
    kb: KnowledgeBase, change: dict[str, object], message: str
) -> None:
    problems = plan_problems(
        kb, _edited(saved_plan(kb), **change), screen(kb, all_clear()), RecentActivity()
    )
    assert any(message in p for p in problems), problems


def test_one_spot_twice_in_a_plan_is_refused(kb: KnowledgeBase) -> None:
    original = saved_plan(kb)
    hold = next(s for s in original.steps if s.kind == "hold")
    doubled = replace(original, steps=(*original.steps, hold))
    problems = plan_problems(kb, doubled, screen(kb, all_clear()), RecentActivity())
    assert any("more often than is safe" in p for p in problems)


def test_a_spot_with_bad_pain_today_is_refused(kb: KnowledgeBase) -> None:
    sore = RecentActivity(bad_spots_today=frozenset({("piriformis", "left", 1)}))
    problems = plan_problems(kb, saved_plan(kb), screen(kb, all_clear()), sore)
    assert any("caused bad pain earlier today" in p for p in problems)


def test_map_conflicts_need_the_check_again(kb: KnowledgeBase) -> None:
    clear = screen(kb, all_clear())
    assert map_conflicts({"both_sides"}, clear) and map_conflicts({"numbness_screen"}, clear)
    assert map_conflicts({"nerve_signs", "not_a_diagnosis"}, clear) == []


def test_a_restriction_is_described_with_the_place_it_names(kb: KnowledgeBase) -> None:
    from sciatica_coach.domain.restrictions import described

    rule, place = described(kb, "avoid_region:left:calf_posterior")
    assert rule is not None and rule.id == "avoid_region"
    assert place == "Calf (left)"
    rule, place = described(kb, "no_massage_gun")
    assert rule is not None and place is None
    assert described(kb, "no_such_limit") == (None, None)
