"""Play a session in the terminal: show each step, count holds down, ask how it felt.

The rules live in :mod:`sciatica_coach.domain.session`; this module only feeds it events from
the keyboard (or a script file) and a clock (real, or ``fast`` for tests), and draws what comes
back. The same plan, script and answers give the same record whether played fast or slow.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
import termios
import time
import tty
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.session import (
    BAD_PAIN,
    Event,
    Next,
    Pause,
    ReportFeeling,
    ReportSpot,
    Resume,
    SessionState,
    Stop,
    Tick,
    apply,
    breathing_cue,
    current_step,
    is_over,
)

TICK_SECONDS = 0.1

FEELING_KEYS: dict[str, object] = {
    **{k: "good" for k in ("g", "good")},
    **{k: "bad" for k in ("b", "bad")},
    **{k: "no_change" for k in ("n", "no_change", "no change", "same")},
}
FOUND_KEYS: dict[str, object] = {
    **{k: True for k in ("y", "yes", "found")},
    **{k: False for k in ("n", "no", "not_found", "not found")},
}


class ScriptError(ValueError):
    """A script file that cannot drive the session; the message names the line."""


class Inputs(Protocol):
    """Where a session's answers come from: a person at the keyboard, or a script."""

    def feeling(self) -> str: ...
    def found(self) -> bool | None: ...
    def carry_on(self) -> bool: ...
    def key(self) -> str | None: ...


class ScriptInputs:
    """Answers read from a text file, one per line: good/bad/no change for check-ins,
    found/not found for spot searches. Blank lines and ``#`` comments are skipped."""

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

    def _next(self, wanted: str) -> tuple[int, str] | None:
        return next(self._answers, None)

    def feeling(self) -> str:
        item = self._next("feeling")
        if item is None:
            return "script_ended"
        number, text = item
        if text not in FEELING_KEYS:
            raise ScriptError(f"line {number}: expected good, bad or no change, not '{text}'")
        return str(FEELING_KEYS[text])

    def found(self) -> bool | None:
        item = self._next("found")
        if item is None:
            return None
        number, text = item
        if text not in FOUND_KEYS:
            raise ScriptError(f"line {number}: expected found or not found, not '{text}'")
        return FOUND_KEYS[text] is True

    def carry_on(self) -> bool:
        return True

    def key(self) -> str | None:
        return None


class KeyboardInputs:
    """A person at the terminal. Single keys during timers: p pause/resume, s skip, q stop,
    b bad pain (stops at once)."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def _ask(self, question: str, choices: dict[str, object]) -> object:
        while True:
            self.console.print(Text(question, style="bold"), end=" ")
            answer = input().strip().lower()
            if answer in choices:
                return choices[answer]
            self.console.print(
                Text("  Please type one of: " + ", ".join(sorted(choices)), "yellow")
            )

    def feeling(self) -> str:
        choices: dict[str, object] = dict(FEELING_KEYS) | {"q": "stop"}
        return str(self._ask("How did that feel? g = good, b = bad, n = no change:", choices))

    def found(self) -> bool | None:
        choices: dict[str, object] = dict(FOUND_KEYS) | {"q": None}
        answer = self._ask("Did you find a tender spot? y / n (q to stop):", choices)
        return answer if isinstance(answer, bool) else None

    def carry_on(self) -> bool:
        self.console.print(Text("Press Enter to go on, or q then Enter to stop.", "dim"), end=" ")
        return input().strip().lower() != "q"

    def key(self) -> str | None:
        if not sys.stdin.isatty():
            return None
        ready, _, _ = select.select([sys.stdin], [], [], 0)
        return sys.stdin.read(1).lower() if ready else None


@contextlib.contextmanager
def single_keys() -> Iterator[None]:
    """Let the timer read single key presses without Enter (only on a real terminal)."""
    if not sys.stdin.isatty() or os.name != "posix":
        yield
        return
    saved = termios.tcgetattr(sys.stdin)
    try:
        tty.setcbreak(sys.stdin.fileno())
        yield
    finally:
        termios.tcsetattr(sys.stdin, termios.TCSADRAIN, saved)


class Player:
    """Drives one session to its end and returns the final state."""

    def __init__(self, kb: KnowledgeBase, console: Console, inputs: Inputs, fast: bool) -> None:
        self.kb, self.console, self.inputs, self.fast = kb, console, inputs, fast

    def play(self, state: SessionState) -> SessionState:
        """Play to the end. ``self.state`` always holds the latest state, so if the input
        fails part-way the caller can still stop and save what was done."""
        self.state = state
        while not is_over(self.state):
            self.state = self._step(self.state)
        return self.state

    def _step(self, state: SessionState) -> SessionState:
        step = current_step(state)
        assert step is not None  # not over, so there is a step
        if state.phase == "showing":
            self._show(state)
            return apply(state, Next() if self.inputs.carry_on() else Stop())
        if state.phase == "finding":
            self._show(state)
            found = self.inputs.found()
            if found is None:
                return apply(state, Stop())
            if not found:
                self.console.print(Text(self.kb.routine.script.not_found, style="dim"))
            return apply(state, ReportSpot(found))
        if state.phase == "checking_in":
            answer = self.inputs.feeling()
            if answer in ("stop", "script_ended"):
                return apply(state, Stop("stopped_by_user" if answer == "stop" else answer))
            return apply(state, ReportFeeling(answer))  # type: ignore[arg-type]
        return self._timer(state)

    def _show(self, state: SessionState) -> None:
        step = current_step(state)
        assert step is not None
        done, total = len(state.outcomes) + 1, len(state.plan.steps)
        self.console.print()
        self.console.print(Text(f"[{done}/{total}] {step.title}", style="bold cyan"))
        for line in step.instructions:
            self.console.print(Text(f"  - {line}"))

    def _timer(self, state: SessionState) -> SessionState:
        """Count down the get-ready and the hold, with breathing cues and single-key controls."""
        step = current_step(state)
        assert step is not None
        script = self.kb.routine.script
        self.console.print(Text(f"  {step.title}: {step.seconds} s hold", style="bold"))
        if self.fast:
            while state.phase in ("get_ready", "holding"):
                state = apply(state, Tick(state.remaining))
            self._say_how_it_went(state, step.id)
            return state
        with (
            single_keys(),
            Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TimeRemainingColumn(),
                console=self.console,
                transient=True,
            ) as bar,
        ):
            task = bar.add_task("", total=step.seconds)
            last = time.monotonic()
            while state.phase in ("get_ready", "holding", "paused"):
                time.sleep(TICK_SECONDS)
                now = time.monotonic()
                state = apply(state, Tick(now - last))
                last = now
                state = self._key(state)
                cue = breathing_cue(state)
                words = {
                    "get_ready": script.get_ready,
                    "paused": "Paused: press p to go on (b = bad pain, q = stop)",
                    "holding": script.breathe_in if cue == "in" else script.breathe_out,
                }.get(state.phase, "")
                holding = state.phase == "holding" or state.paused_from == "holding"
                held = step.seconds - state.remaining if holding else 0
                bar.update(task, description=words, completed=held)
        if self._hold_result(state, step.id) == "done":
            self.console.bell()
        self._say_how_it_went(state, step.id)
        return state

    @staticmethod
    def _hold_result(state: SessionState, step_id: str) -> str | None:
        return next((o.result for o in state.outcomes if o.step_id == step_id), None)

    def _say_how_it_went(self, state: SessionState, step_id: str) -> None:
        result = self._hold_result(state, step_id)
        if result == "done":
            self.console.print(Text("  Hold done.", style="green"))
        elif result == "skipped":
            self.console.print(Text("  Hold skipped.", style="dim"))

    def _key(self, state: SessionState) -> SessionState:
        key = self.inputs.key()
        event: Event | None = None
        if key == "p":
            event = Resume() if state.phase == "paused" else Pause()
        elif key == "s" and state.phase != "paused":
            event = Next()
        elif key == "q":
            event = Stop()
        elif key == "b":
            event = Stop(BAD_PAIN)  # bad pain mid-hold: stop now, counted like a bad check-in
        return apply(state, event) if event else state
