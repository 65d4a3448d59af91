"""What a player says during a countdown: the cue and the set under way.

The terminal and the web page both show and speak these, so a stretch reads "Set 2 of 3" and
a rest "Rest, then set 3 of 3" in both; the words themselves come from ``routine.yaml``.
"""

from __future__ import annotations

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.routine_models import Script

from .plan_model import PlanStep
from .session import SessionState, breathing_cue, current_step, rep_number, set_number


def countdown_cue(script: Script, state: SessionState) -> str | None:
    """The cue for the countdown under way (get-ready, hold or set, rest); ``None`` when no
    countdown runs. Holds and stretches breathe; strengthening keeps its pace."""
    step = current_step(state)
    if step is None:
        return None
    if state.phase == "get_ready":
        return script.get_ready if step.kind == "hold" else script.get_into_position
    if state.phase == "resting":
        return script.rest
    if state.phase != "holding":
        return None
    breath = breathing_cue(state)
    if breath is not None:
        return script.breathe_in if breath == "in" else script.breathe_out
    return script.keep_pace if step.kind == "strengthen" else script.keep_going


def set_words(state: SessionState) -> str | None:
    """Where a timed exercise is: its dose while getting into position, then "Set 2 of 3"
    (with the movement under way in a strengthening set), "Rest, then set 3 of 3" in a rest.
    ``None`` for holds and untimed steps."""
    numbers, step = set_number(state), current_step(state)
    if numbers is None or step is None:
        return None
    number, sets = numbers
    phase = state.paused_from if state.phase == "paused" else state.phase
    if phase == "get_ready":
        return step.dose
    if phase == "resting":
        return f"Rest, then set {number} of {sets}"
    parts = [f"Set {number} of {sets}"] if sets > 1 else []
    movement = rep_number(state)
    if movement is not None:
        parts.append(f"movement {movement[0]} of {movement[1]}")
    return " · ".join(parts) or step.dose


def spot_words(kb: KnowledgeBase, step: PlanStep) -> str | None:
    """The spot a hold or a search is on, as a stop names it: "Piriformis, inner point
    (left)" (the point's name without the muscle's name again, and never the step's "Hold:"
    or "Find the spot:"); ``None`` for a step on no spot."""
    if step.muscle_id is None or step.spot is None or step.muscle_id not in kb.muscles:
        return None
    muscle = kb.muscles[step.muscle_id]
    points = muscle.trigger_points
    if not 1 <= step.spot <= len(points):
        return None
    again = {word.casefold() for word in muscle.name.split()}
    words = [w for w in points[step.spot - 1].name.split() if w.casefold() not in again]
    point = " ".join(words).lower() or points[step.spot - 1].name.lower()
    side = f" ({step.side})" if step.side else ""
    return f"{muscle.name}, {point}{side}"
