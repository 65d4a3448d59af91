"""Views of a returning person's status and weekly goal: for the home page and the API.

The next step is a link in this app (the terminal says its own commands): a check that
says no leads back to what it said, and nothing offers a session it would refuse.
"""

from __future__ import annotations

from sciatica_coach.coach import adherence, status
from sciatica_coach.coach.pause import Pause
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.screening import safety_net

from .models_habit import (
    CheckStatusOut,
    GoalOut,
    GoalWeekOut,
    HabitOut,
    HelpedOut,
    LastPlanOut,
    PauseOut,
    StatusOut,
)
from .screening import safety_net_view


def next_step(found: status.Status) -> tuple[str, str]:
    """The one button a returning person needs (:attr:`Status.next_step`): label, link."""
    checked, plan = found.check.checked, found.last_plan
    match found.next_step:
        case "follow_check":
            said = checked.journal_id if checked is not None else found.last_check_id
            return "See what your safety check said", f"/screen/{said}" if said else "/screen"
        case "recover":
            return "Read how to get your journal back", "#journal-damaged"
        case "resume":
            return "Back to your session", f"/session/{found.running_session}"
        case "check":
            return "Start the safety check", "/screen"
        case "log_pain":
            return "Log your pain", "/journal#log"
        case "session" if plan is not None:
            return "Start a session with your last plan", f"/plan/{plan.id}"
        case _:
            return "Make a plan", "/plan"


def pause_out(pause: Pause | None) -> PauseOut | None:
    if pause is None:
        return None
    return PauseOut(
        level=pause.level, since=pause.since, title=pause.title, logged=list(pause.logged)
    )


def habit_out(kb: KnowledgeBase, habit: adherence.Habit) -> HabitOut:
    """The goal and its weeks; pain just before and just after sessions (none while paused)."""
    goal = habit.goal
    return HabitOut(
        goal=GoalOut(sessions=goal.sessions, pegs=goal.pegs, since=goal.since) if goal else None,
        weeks=[
            GoalWeekOut(
                start=w.start, sessions=w.sessions, pegs=w.pegs, met=w.met, on_hold=w.on_hold
            )
            for w in habit.weeks
        ],
        streak=habit.streak,
        sessions_left_this_week=habit.to_go.sessions_left,
        pegs_left_this_week=habit.to_go.pegs_left,
        reachable=habit.to_go.reachable,
        pause=pause_out(habit.pause),
        words=adherence.goal_words(habit) + adherence.streak_words(habit),
        what_helped_title=kb.routine.before_after.title,
        what_helped=[
            HelpedOut(
                kind=h.kind,
                name=h.name,
                sessions=h.sessions,
                mean_change=h.mean_change,
                too_few=h.too_few,
            )
            for h in adherence.helped_lines(kb, habit)
        ],
        what_helped_caveat=adherence.helped_caveat(kb),
    )


def status_out(kb: KnowledgeBase, found: status.Status) -> StatusOut:
    result, checked, plan = found.result, found.check.checked, found.last_plan
    label, link = next_step(found)
    emergency_only = result is not None and result.safety_net is None
    net = safety_net(kb)
    return StatusOut(
        check=CheckStatusOut(
            last_taken_at=found.last_check_at,
            counts=result is not None,
            code=found.check.code,
            message=found.check.message,
            level=result.level if result else None,
            screening_id=checked.journal_id if checked else None,
            session_allowed=bool(result and result.session_allowed),
            valid_until=found.valid_until,
        ),
        pause=pause_out(found.pause),
        sessions_today=found.sessions_today,
        today=status.today_words(found),
        sessions_left=found.sessions_left,
        next_session_at=found.next_session_at,
        next_session=" ".join(found.next_session_words) if found.next_session_words else None,
        session_allowed_now=found.session_allowed,
        running_session=found.running_session,
        last_plan=LastPlanOut(
            id=plan.id,
            created_at=plan.created_at,
            minutes=plan.minutes,
            muscles=list(plan.muscles),
        )
        if plan
        else None,
        habit=habit_out(kb, found.habit),
        next_step=label,
        next_link=link,
        safety_net=None if emergency_only else safety_net_view(net),
    )
