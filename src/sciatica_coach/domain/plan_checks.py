"""Is a saved plan still safe to play today?

A plan is made under one screening. Before a session plays it, today's screening must allow a
session and must not add limits the plan was not made for, and today's dose limits must still
have room for it. Otherwise the person is asked to make a new plan; nothing is played.
"""

from __future__ import annotations

from sciatica_coach.content import KnowledgeBase

from .activity import RecentActivity
from .plan_model import Plan
from .screening import ScreeningResult


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
    if activity.sessions_today >= limits.sessions_per_day:
        problems.append(
            f"You have already done {activity.sessions_today} sessions today; "
            f"{limits.sessions_per_day} a day is the most we plan."
        )
    for target in plan.targets:
        done = activity.holds_done(target.muscle_id, target.side)
        if done + target.spots > limits.holds_per_muscle_per_day:
            name = (
                kb.muscles[target.muscle_id].name
                if target.muscle_id in kb.muscles
                else target.muscle_id
            )
            problems.append(
                f"{name} ({target.side}) has had {done} holds today; this plan would go past "
                f"the daily limit of {limits.holds_per_muscle_per_day}. Please make a new plan."
            )
    return problems
