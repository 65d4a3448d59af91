"""A guided session as the page shows it and speaks it: the state from the service layer,
with the words of ``routine.yaml``."""

from __future__ import annotations

from sciatica_coach.coach.journal_signs import after_session_warning
from sciatica_coach.coach.ports import JournalPort
from sciatica_coach.coach.sessions import LiveSession
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.plan_model import PlanStep
from sciatica_coach.domain.screening import safety_net
from sciatica_coach.domain.session import (
    BAD_PAIN,
    LEFT_UNFINISHED,
    STOPPED_BY_USER,
    breathing_cue,
    countdown_total,
    current_step,
    is_over,
    rep_number,
)
from sciatica_coach.domain.session_cues import countdown_cue, set_words, spot_words
from sciatica_coach.domain.session_record import session_record, status_of
from sciatica_coach.figures.closeups import closeup_text

from .models_session import SessionOut, StepNowOut
from .plans import step_fields
from .screening import safety_net_view

STOP_WORDS = {
    STOPPED_BY_USER: "You stopped the session. What you did so far is kept in your journal.",
    LEFT_UNFINISHED: "The session was left for a long time, so it was stopped and kept.",
}
INTERRUPTED = (
    "Welcome back. If you are still pressing, ease off slowly. If that spot hurt, press "
    "\u201cIt hurts \u2014 stop\u201d. This step was interrupted, so it waits for you: press "
    "Go on to do it again from the start, or Skip if you already did most of it."
)


def _cue(kb: KnowledgeBase, live: LiveSession) -> str:
    script, state = kb.routine.script, live.state
    phase = state.phase
    counting = countdown_cue(script, state)
    if counting is not None:
        return counting
    if phase == "stopped":
        if state.stop_reason == BAD_PAIN:
            return script.bad_pain_stop
        return STOP_WORDS.get(state.stop_reason or "", STOP_WORDS[STOPPED_BY_USER])
    if phase == "paused" and state.interrupted:
        return INTERRUPTED
    return {
        "ready": "When you are in place, press Start.",
        "showing": "Press Next when you are done with this step.",
        "finding": "Look for a tender spot. Did you find one?",
        "paused": "Paused. Press Go on, or the space bar, to carry on.",
        "checking_in": script.check_in_question,
        "finished": script.finished,
    }.get(phase, "")


def _what_to_do(kb: KnowledgeBase, step: PlanStep | None) -> list[str]:
    """What to do after a stop for bad pain, then the spot it was on (as the terminal says)."""
    spot = spot_words(kb, step) if step is not None else None
    return [*kb.routine.script.bad_pain_what_to_do, *([f"Spot: {spot}"] if spot else [])]


def session_view(
    kb: KnowledgeBase, live: LiveSession, after_warning: str | None = None
) -> SessionOut:
    state = live.state
    step = current_step(state)
    steps = state.plan.steps
    holds = sum(count for _m, _s, count in session_record(state).holds_done)
    bad = state.stop_reason == BAD_PAIN
    return SessionOut(
        id=live.id,
        version=live.version,
        as_of=live.as_of,
        phase=state.phase,
        over=is_over(state),
        status=status_of(state),
        step=StepNowOut(
            total=len(steps), **step_fields(kb, state.index + 1, step), **_closeup(kb, step)
        )
        if step is not None
        else None,
        remaining=round(state.remaining, 2),
        countdown_total=countdown_total(state),
        breathing=breathing_cue(state),
        cue=_cue(kb, live),
        set_words=set_words(state),
        movement=movement[0] if (movement := rep_number(state)) else None,
        steps_done=len(state.outcomes),
        steps_total=len(steps),
        holds_done=holds,
        elapsed=round(state.elapsed, 1),
        pain_before=state.pain_before,
        pain_after=state.pain_after,
        stop_reason=state.stop_reason,
        bad_pain=bad,
        end_message=kb.routine.script.finished if state.phase == "finished" else None,
        what_to_do=_what_to_do(kb, step) if bad else [],
        after_given=live.after_given,
        interrupted=state.interrupted,
        plan_id=live.plan_id,
        before_map_id=live.before_map_id,
        after_map_id=live.after_map_id,
        safety_net=safety_net_view(safety_net(kb)) if is_over(state) else None,
        after_warning=after_warning,
    )


def _closeup(kb: KnowledgeBase, step: PlanStep) -> dict[str, str | None]:
    """Where the spot is, at the step that looks for it: the muscle's close-up with its
    do-not-press marks, as on its Learn page (web review, major 4)."""
    muscle = step.muscle_id
    if step.kind != "find_spot" or muscle is None or muscle not in kb.muscles:
        return {}
    side = step.side if step.side in ("left", "right") else "left"
    return {
        "closeup": f"/learn/pictures/muscle/{muscle}.svg?side={side}",
        "closeup_alt": closeup_text(kb, muscle, side),
    }


def after_warning(kb: KnowledgeBase, journal: JournalPort, live: LiveSession) -> str | None:
    """What to say at once when the map after the session shows numbness or new places."""
    if live.after_map_id is None:
        return None
    return after_session_warning(kb, journal, live.before_map_id, live.after_map_id)
