"""Spoken cues for the terminal player (``session --voice``), through the computer's own
speech program: ``espeak-ng`` (or ``espeak``) on Linux, ``say`` on macOS.

Why a separate process: speaking takes seconds and the timer must not wait for it, so each
cue starts a program and returns at once. One voice at a time: a new cue cuts off the one
still speaking (the newest is what is happening now), except :meth:`Voice.say_all`, used for
the stop advice, which is never cut off by the player ending.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence

SPEAKERS = ("espeak-ng", "espeak", "say")
"""Speech programs tried in this order; each takes the words as its one argument."""

MISSING = (
    "--voice: no speech program was found ({names}), so the cues are shown and rung but not "
    "spoken. To hear them, install one (on Debian or Ubuntu: sudo apt install espeak-ng)."
)


class Voice:
    """Says a line through ``program``; silent when ``program`` is None."""

    def __init__(self, program: str | None) -> None:
        self.program = program
        self._speaking: subprocess.Popen[bytes] | None = None

    @classmethod
    def find(cls) -> Voice | None:
        """The first speech program on PATH, or None."""
        for name in SPEAKERS:
            found = shutil.which(name)
            if found is not None:
                return cls(found)
        return None

    def say(self, words: str | Sequence[str]) -> None:
        """Start saying ``words`` (lines are said one after the other) and return at once,
        cutting off whatever was still being said."""
        text = words if isinstance(words, str) else " ".join(sentence(w) for w in words if w)
        if self.program is None or not text.strip():
            return
        self.hush()
        try:
            self._speaking = subprocess.Popen(  # a program found on PATH
                [self.program, text],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # a Ctrl-C for the player is not one for the voice
            )
        except OSError:
            self.program = None  # it went away: carry on in silence

    def say_all(self, words: str | Sequence[str]) -> None:
        """Say ``words`` and let them finish even after the player ends (the stop advice)."""
        self.say(words)
        self._speaking = None

    def hush(self) -> None:
        """Cut off the line being said, if any."""
        speaking, self._speaking = self._speaking, None
        if speaking is not None and speaking.poll() is None:
            speaking.terminate()
            try:
                speaking.wait(timeout=1)
            except subprocess.TimeoutExpired:
                speaking.kill()


def sentence(line: str) -> str:
    """A line as a spoken sentence: ending in a full stop, so the voice pauses after it."""
    line = line.strip()
    return line if not line or line[-1] in ".!?:" else f"{line}."


SILENT = Voice(None)
"""The voice of a session played without ``--voice``."""


def missing_message() -> str:
    return MISSING.format(names=", ".join(SPEAKERS))
