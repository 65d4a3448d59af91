"""Guided sessions for the web: the CLI's checks before a session, and the state as the page
shows it. The state machine is the domain's (:mod:`sciatica_coach.domain.session`); this module
only turns API events into domain events and the state into what a person reads and hears.
"""

from __future__ import annotations

from collections.abc import Sequence

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.plan_checks import plan_problems
from sciatica_coach.domain.screening import safety_net
from sciatica_coach.domain.session import (
    BAD_PAIN,
    GET_READY_SECONDS,
    Event,
    Next,
    Pause,
    ReportFeeling,
    ReportSpot,
    Resume,
    Start,
    Stop,
    Tick,
    breathing_cue,
    current_step,
    is_over,
)

from .api_models_session import (
    EventIn,
    FeelingEvent,
    NextEvent,
    PauseEvent,
    ResumeEvent,
    SessionOut,
    SpotEvent,
    StartEvent,
    StepNowOut,
    TickEvent,
)
from .context import Coach
from .errors import InputProblem, NotAllowed
from .maps import find_map, read_feels, save_map
from .pictures import read_places
from .plans import allowing_screening, find_plan
from .safety import activity, safety_net_view
from .session_store import APP_CLOSED, LEFT_UNFINISHED, ActiveSession

STOP_WORDS = {
    "stopped_by_user": "You stopped the session. What you did so far is kept in your journal.",
    LEFT_UNFINISHED: "The session was left for a long time, so it was stopped and kept.",
    APP_CLOSED: "The app was closed during the session, so it was stopped and kept.",
}


def start(coach: Coach, plan_id: int, before_map_id: int | None) -> ActiveSession:
    """Check it is safe to play this plan now (as ``sciatica-coach session`` does), then open it."""
    plan, _stored = find_plan(coach, plan_id)
    checked = allowing_screening(coach)
    problems = plan_problems(coach.kb, plan, checked.result, activity(coach))
    if problems:
        raise NotAllowed("plan_problems", "This plan cannot be played now.", reasons=problems)
    if before_map_id is not None:
        find_map(coach, before_map_id)
    return coach.sessions.create(plan, plan_id, before_map_id, coach.now())


def domain_event(body: EventIn) -> Event:
    if isinstance(body, StartEvent):
        return Start(body.pain_before)
    if isinstance(body, TickEvent):
        return Tick(body.seconds)
    if isinstance(body, NextEvent):
        return Next()
    if isinstance(body, PauseEvent):
        return Pause()
    if isinstance(body, ResumeEvent):
        return Resume()
    if isinstance(body, SpotEvent):
        return ReportSpot(body.found)
    if isinstance(body, FeelingEvent):
        return ReportFeeling(body.feeling)
    return Stop(BAD_PAIN) if body.bad_pain else Stop()


def finish(
    coach: Coach,
    session_id: str,
    pain_after: int | None,
    where: Sequence[str] | None,
    feels: Sequence[str],
) -> ActiveSession:
    """Save the session with the pain score after, and the body map after if one is given."""
    keys = read_places(coach.kb, where) if where is not None else None
    qualities = read_feels(feels)
    if keys and pain_after is None:
        raise InputProblem.one(("pain_after",), "Give your pain now, from 0 to 10, with the map.")

    def after_map(_journal_id: int) -> int | None:
        if keys is None:
            return None
        return save_map(coach, keys, qualities, pain_after or 0, "after")

    return coach.sessions.finish(session_id, coach.journal, pain_after, coach.now(), after_map)


def _cue(kb: KnowledgeBase, active: ActiveSession) -> str:
    script, state = kb.routine.script, active.state
    phase = state.phase
    if phase == "holding":
        return script.breathe_in if breathing_cue(state) == "in" else script.breathe_out
    if phase == "stopped":
        if state.stop_reason == BAD_PAIN:
            return script.bad_pain_stop
        return STOP_WORDS.get(state.stop_reason or "", STOP_WORDS["stopped_by_user"])
    return {
        "ready": "When you are in place, press Start.",
        "showing": "Press Next when you are done with this step.",
        "finding": "Look for a tender spot. Did you find one?",
        "get_ready": script.get_ready,
        "paused": "Paused. Press Resume, or the space bar, to go on.",
        "checking_in": script.check_in_question,
        "finished": script.finished,
    }.get(phase, "")


def _countdown_total(active: ActiveSession) -> float:
    state = active.state
    timed = state.paused_from if state.phase == "paused" else state.phase
    step = current_step(state)
    if timed == "get_ready":
        return GET_READY_SECONDS
    if timed == "holding" and step is not None:
        return float(max(step.seconds, 0))
    return 0.0


def session_view(kb: KnowledgeBase, active: ActiveSession) -> SessionOut:
    state = active.state
    step = current_step(state)
    steps = state.plan.steps
    kinds = {s.id: s.kind for s in steps}
    holds = sum(1 for o in state.outcomes if kinds.get(o.step_id) == "hold" and o.result == "done")
    status = "ready" if state.phase == "ready" else state.phase if is_over(state) else "in_progress"
    bad = state.stop_reason == BAD_PAIN
    return SessionOut(
        id=active.id,
        version=active.version,
        phase=state.phase,
        over=is_over(state),
        status=status,
        step=StepNowOut(
            number=state.index + 1,
            total=len(steps),
            id=step.id,
            kind=step.kind,
            title=step.title,
            instructions=list(step.instructions),
            seconds=step.seconds,
            timed=step.timed,
        )
        if step is not None
        else None,
        remaining=round(state.remaining, 2),
        countdown_total=_countdown_total(active),
        breathing=breathing_cue(state),
        cue=_cue(kb, active),
        steps_done=len(state.outcomes),
        steps_total=len(steps),
        holds_done=holds,
        elapsed=round(state.elapsed, 1),
        pain_before=state.pain_before,
        pain_after=state.pain_after,
        stop_reason=state.stop_reason,
        bad_pain=bad,
        end_message=kb.routine.script.finished if state.phase == "finished" else None,
        what_to_do=list(kb.routine.script.bad_pain_what_to_do) if bad else [],
        saved=active.saved,
        journal_id=active.journal_id,
        after_map_id=active.after_map_id,
        plan_id=active.plan_id,
        safety_net=safety_net_view(safety_net(kb)) if is_over(state) else None,
    )
