"""What the terminal player shows in a phase: the time left, the cue, and the keys that work.

The player is used lying on the floor on a ball, glancing at the screen: so the keys are
always on screen, in a footer of their own that fits 60 columns (only the keys that work in
that phase), and the cue has a line of its own that wraps instead of being cut off. Where the
screen cannot be redrawn (``TERM=dumb``, a pipe or a file), each phase is one printed line.
"""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.text import Text

from sciatica_coach.content.routine_models import Script
from sciatica_coach.domain.session import (
    TIMED_PHASES,
    SessionState,
    countdown_total,
    current_step,
)
from sciatica_coach.domain.session_cues import countdown_cue, set_words

BAR = 20
Moment = tuple[int, str, int]
"""Which step, phase and set: a new one is a phase change (a bell, a line, a spoken cue)."""

KEYS: dict[str, tuple[tuple[str, str], ...]] = {
    "timed": (("p", "pause"), ("s", "skip"), ("b", "it hurts"), ("q", "stop")),
    "paused": (("p", "go on"), ("b", "it hurts"), ("q", "stop")),
    "interrupted": (("p", "again"), ("s", "skip"), ("b", "it hurts"), ("q", "stop")),
    "asking": (("y", "yes, stop"), ("n", "no, carry on"), ("b", "it hurts")),
    "showing": (("Enter", "go on"), ("b", "it hurts"), ("q", "stop")),
    "finding": (("y", "found"), ("n", "not found"), ("i", "how"), ("b", "it hurts"), ("q", "stop")),
    "checking_in": (("g", "good"), ("n", "no change"), ("b", "it hurts"), ("q", "stop")),
}
"""The keys that work in each phase; ``asking`` is while "Stop the session?" waits,
``interrupted`` while a step waits after a break (it may be skipped rather than done again)."""

PAUSED = "Paused. Press p to go on."
INTERRUPTED = (
    "Interrupted. Ease off if you are still pressing. Press p to do this again, "
    "s to skip it, or b if it hurt."
)
ASKING = "Stop the session? Press y to stop, n to carry on."


def footer(phase: str) -> Text:
    """``p pause · s skip · b it hurts · q stop``: the keys of ``phase`` (a phase name, or
    ``asking``), as one plain line that reads the same in any terminal."""
    keys = KEYS.get("timed" if phase in TIMED_PHASES else phase, ())  # none once over
    return Text("  " + " · ".join(f"{key} {what}" for key, what in keys))


def phase_keys(state: SessionState) -> str:
    """Which keys to show for ``state``: its phase's, or those of a step waiting after a
    break."""
    return "interrupted" if state.phase == "paused" and state.interrupted else state.phase


def moment(state: SessionState) -> Moment:
    return state.index, state.phase, state.set_index


def cue(script: Script, state: SessionState, asking: bool = False) -> str:
    """The words for the countdown under way: what to do now, with the set of an exercise."""
    if asking:
        return ASKING
    if state.phase == "paused":
        return INTERRUPTED if state.interrupted else PAUSED
    words = countdown_cue(script, state) or ""
    where = set_words(state)
    if where and state.phase != "get_ready":
        words = f"{where}. {words}"
    return words


def seconds_left(state: SessionState) -> int:
    return int(state.remaining + 0.999)


def frame(script: Script, state: SessionState, asking: bool = False) -> Group:
    """The live part of the screen: the time and a bar (one line, never cut), the cue on its
    own wrapped line, and the footer of keys."""
    total = countdown_total(state)
    filled = int(BAR * (1 - state.remaining / total)) if total else BAR
    bar = "#" * filled + "-" * (BAR - filled)
    time_line = Text(f"  {seconds_left(state):>3d} s  [{bar}]", no_wrap=True)
    words = Padding(Text(cue(script, state, asking), style="bold"), (0, 0, 0, 2))
    keys = footer("asking" if asking else phase_keys(state))
    return Group(time_line, words, keys)


PHASE_NAMES = {"get_ready": "Get ready", "holding": "Go", "resting": "Rest"}


def phase_line(script: Script, state: SessionState, keys: bool, width: int) -> Padding:
    """One line for a phase, where the screen is not redrawn: "Go, 30 s: Breathe in slowly"
    (a hold names itself: "Hold, 30 s"), with the keys when a keyboard can press them: at its
    end if they fit in ``width``, else whole on the next line (never broken)."""
    step = current_step(state)
    name = PHASE_NAMES.get(state.phase, state.phase)
    if state.phase == "holding" and step is not None and step.kind == "hold":
        name = "Hold"
    if state.phase == "paused":
        line = Text(f"{cue(script, state)} ({seconds_left(state)} s left)")
    else:
        line = Text(f"{name}, {seconds_left(state)} s: {cue(script, state)}")
    if keys:
        shown = f"({footer(phase_keys(state)).plain.strip()})"
        fits = len(line) + len(shown) + 4 <= width
        line.append(f"  {shown}" if fits else f"\n{shown}")
    return Padding(line, (0, 0, 0, 2))  # wrapped lines stay under the first
