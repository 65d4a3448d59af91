"""Where a terminal session's answers come from: a person at the keyboard, or a script file.

At a question the person types a word and Enter; during a countdown single keys work (no
Enter). ``q`` always asks "Stop the session? y/N" first, since one key should not end what
the person came to do; ``b`` (it hurts) never asks: it stops at once.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal, Protocol, cast

from rich.console import Console
from rich.text import Text

from .player_screen import footer
from .render import bullets

FEELING_KEYS: dict[str, object] = {
    **{k: "good" for k in ("g", "good")},
    **{k: "bad" for k in ("b", "bad")},
    **{k: "no_change" for k in ("n", "no_change", "no change", "same")},
}
FOUND_KEYS: dict[str, object] = {
    **{k: True for k in ("y", "yes", "found")},
    **{k: False for k in ("n", "no", "not_found", "not found")},
}
BAD: Literal["bad_pain"] = "bad_pain"
"""The answer ``b`` (it hurts) at a question that is not a check-in: stop at once."""
STOP_QUESTION = "Stop the session? y = yes, stop; N = no, carry on:"

Found = bool | None | Literal["bad_pain"]
"""Found or not; None to stop; ``bad_pain`` for it hurts."""


class ScriptError(ValueError):
    """A script file that cannot drive the session; the message names the line."""


class Inputs(Protocol):
    """Where a session's answers come from: a person at the keyboard, or a script."""

    go_on_when_paused: bool
    """Whether a paused session carries on by itself (a script has no one to press p)."""

    def feeling(self) -> str: ...
    def found(self, details: Sequence[str] = ()) -> Found: ...
    def carry_on(self) -> bool | Literal["bad_pain"]: ...
    def key(self) -> str | None: ...


class ScriptInputs:
    """Answers read from a text file, one per line: good/bad/no change for check-ins,
    found/not found for spot searches. Blank lines and ``#`` comments are skipped."""

    go_on_when_paused = True

    def __init__(self, path: Path) -> None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise ScriptError(f"could not read {path}: {error.strerror or error}") from None
        except UnicodeDecodeError:
            raise ScriptError(f"{path} is not a UTF-8 text file") from None
        self._answers: Iterator[tuple[int, str]] = iter(
            (n, line.split("#")[0].strip().lower())
            for n, line in enumerate(lines, start=1)
            if line.split("#")[0].strip()
        )

    def feeling(self) -> str:
        item = next(self._answers, None)
        if item is None:
            return "script_ended"
        number, text = item
        if text not in FEELING_KEYS:
            raise ScriptError(f"line {number}: expected good, bad or no change, not '{text}'")
        return str(FEELING_KEYS[text])

    def found(self, details: Sequence[str] = ()) -> Found:
        item = next(self._answers, None)
        if item is None:
            return None
        number, text = item
        if text not in FOUND_KEYS:
            raise ScriptError(f"line {number}: expected found or not found, not '{text}'")
        return FOUND_KEYS[text] is True

    def carry_on(self) -> bool | Literal["bad_pain"]:
        return True

    def key(self) -> str | None:
        return None


class KeyboardInputs:
    """A person at the terminal. Single keys during timers: p pause/resume, s skip, q stop
    (asks y/N), b it hurts (stops at once)."""

    go_on_when_paused = False

    def __init__(self, console: Console) -> None:
        self.console = console

    def _ask(self, question: str, choices: dict[str, object], phase: str) -> object:
        """The answer typed, from ``choices``; ``q`` asks to stop and gives ``stop`` only if
        the person says yes (else the question again)."""
        while True:
            self.console.print(footer(phase), style="dim")
            self.console.print(Text(question, style="bold"), end=" ")
            answer = input().strip().lower()
            if answer == "q":
                if self.stop_confirmed():
                    return "stop"
                continue
            if answer in choices:
                return choices[answer]
            self.console.print(
                Text("  Please type one of: " + ", ".join(sorted([*choices, "q"])), "yellow")
            )

    def stop_confirmed(self) -> bool:
        self.console.print(Text(STOP_QUESTION, style="bold"), end=" ")
        return input().strip().lower() in ("y", "yes")

    def feeling(self) -> str:
        question = "How did that feel? g = good, b = bad, n = no change:"
        return str(self._ask(question, dict(FEELING_KEYS), "checking_in"))

    def found(self, details: Sequence[str] = ()) -> Found:
        """y or n; ``i`` shows ``details`` (the whole technique) and asks again."""
        choices: dict[str, object] = dict(FOUND_KEYS) | {"b": BAD}
        if details:
            choices["i"] = "details"
        question = "Did you find a tender spot? y / n" + (", i = how, in full" if details else "")
        while True:
            answer = self._ask(f"{question}:", choices, "finding")
            if answer == "details":
                self.console.print(bullets(details, "-"))
                continue
            if answer == BAD:
                return BAD
            return answer if isinstance(answer, bool) else None

    def carry_on(self) -> bool | Literal["bad_pain"]:
        answer = self._ask("Press Enter to go on.", {"": True, "b": BAD}, "showing")
        return BAD if answer == BAD else answer is True

    def key(self) -> str | None:
        if not sys.stdin.isatty():
            return None
        if os.name == "nt":
            import msvcrt  # Windows only: imported where it is used

            return windows_key(cast(KeyQueue, msvcrt))
        ready, _, _ = select.select([sys.stdin], [], [], 0)
        return sys.stdin.read(1).lower() if ready else None


class KeyQueue(Protocol):
    """The part of Windows' :mod:`msvcrt` that reads the console's keys."""

    def kbhit(self) -> bool: ...
    def getwch(self) -> str: ...


def windows_key(keys: KeyQueue) -> str | None:
    """A key pressed since the last look, from the Windows console (``select`` there works
    on sockets only, and the console gives single keys without a cbreak mode), or None; it
    never waits. Arrows and function keys come as two characters, a prefix and a code: both
    are skipped, so they are not taken for the letter their code happens to be."""
    while keys.kbhit():
        key = keys.getwch()
        if key in ("\x00", "\xe0"):
            keys.getwch()
            continue
        return key.lower()
    return None


@contextlib.contextmanager
def single_keys() -> Iterator[None]:
    """Let the timer read single key presses without Enter (only on a real terminal; the
    Windows console gives them as they are: see :func:`windows_key`)."""
    if not sys.stdin.isatty() or os.name != "posix":
        yield
        return
    import termios  # POSIX only: imported where it is used
    import tty

    saved = termios.tcgetattr(sys.stdin)
    try:
        tty.setcbreak(sys.stdin.fileno())
        yield
    finally:
        termios.tcsetattr(sys.stdin, termios.TCSADRAIN, saved)
