"""A saved plan plays only if today's screening and dose limits still allow it."""

from __future__ import annotations

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.activity import RecentActivity
from sciatica_coach.domain.plan_checks import plan_problems
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
