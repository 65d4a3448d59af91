"""What the terminal player shows, read off a real screen (tmux) 60, 80 and 120 columns wide
(review CLI M3): the keys that work, in a footer of their own, on every phase; the cue whole,
wrapped on a line of its own, in terminal words; nothing cut off."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import pytest

from sciatica_coach.content import KnowledgeBase

from .conftest import Clock
from .tmux import terminal

TIMED_KEYS = "p pause · s skip · b it hurts · q stop"
PAUSED_KEYS = "p go on · b it hurts · q stop"


def footer_alone(shown: str, keys: str) -> None:
    """``keys`` is a line of its own on the screen, whole."""
    assert keys in [line.strip() for line in shown.splitlines()], shown


def fits(shown: str, columns: int) -> None:
    assert all(len(line) <= columns for line in shown.splitlines())
    assert "…" not in shown  # nothing cut short


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_every_phase_shows_its_keys_and_its_whole_cue(
    planned: Path, clock: Clock, kb: KnowledgeBase, columns: int
) -> None:
    script = kb.routine.script
    at = (clock.now + timedelta(minutes=1)).isoformat()
    env = {"SCIATICA_COACH_HOME": str(planned), "TZ": "UTC"}
    argv = [sys.executable, "-m", "tests.cli.clock_from", at, "session"]
    with terminal(argv, env, columns) as screen:
        screen.wait_for("Pain right now")
        screen.keys("5", "Enter")
        footer_alone(screen.wait_for("Press Enter to go on"), "Enter go on · b it hurts · q stop")
        screen.keys("Enter")
        shown = screen.wait_for(script.get_into_position, TIMED_KEYS)  # a warm-up's countdown
        footer_alone(shown, TIMED_KEYS)
        fits(shown, columns)
        assert "Press Pause" not in shown and "tap" not in shown.lower()
        screen.keys("s")
        shown = screen.wait_for("Did you find a tender spot")
        footer_alone(shown, "y found · n not found · i how · b it hurts · q stop")
        screen.keys("y", "Enter")
        shown = screen.wait_for(script.get_ready, TIMED_KEYS)  # the hold's get-ready
        fits(shown, columns)
        shown = screen.wait_for(script.breathe_in, TIMED_KEYS, seconds=15)  # the hold itself
        footer_alone(shown, TIMED_KEYS)
        fits(shown, columns)
        screen.keys("p")
        shown = screen.wait_for("Paused. Press p to go on.", PAUSED_KEYS)
        footer_alone(shown, PAUSED_KEYS)
        screen.keys("q")
        shown = screen.wait_for("Stop the session? Press y to stop, n to carry on.")
        footer_alone(shown, "y yes, stop · n no, carry on · b it hurts")
        fits(shown, columns)
