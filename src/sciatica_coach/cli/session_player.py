"""Play a session in the terminal: show each step, count holds down, ask how it felt.

The rules live in :mod:`sciatica_coach.domain.session`, and the session lives in the journal:
every key the person presses is sent to the service layer (``send``), which saves it at once,
so stopping at any moment (Ctrl-C included) loses nothing. Between key presses the player only
reads the clock: countdowns run on it (:func:`~sciatica_coach.domain.session.advance`), real or
``fast`` for tests. The same plan, script and answers give the same record fast or slow.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
import termios
import time
import tty
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from rich.console import Console
from rich.live import Live
from rich.text import Text

from sciatica_coach.coach.setup import local_now
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.plan_model import PlanStep
from sciatica_coach.domain.session import (
    BAD_PAIN,
    TIMED_PHASES,
    Event,
    Next,
    Pause,
    ReportFeeling,
    ReportSpot,
    Resume,
    SessionState,
    Stop,
    advance,
    countdown_total,
    current_step,
    is_over,
)
from sciatica_coach.domain.session_cues import countdown_cue, set_words

from .render import bullets

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

Send = Callable[[Event], SessionState]
"""Hands an event to the service layer (which saves it) and returns the state after it."""


class ScriptError(ValueError):
    """A script file that cannot drive the session; the message names the line."""


class Clock(Protocol):
    def now(self) -> datetime: ...
    def sleep(self, seconds: float) -> None: ...


class RealClock:
    def now(self) -> datetime:
        return local_now()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@dataclass
class FastClock:
    """For scripts and tests: time passes at once when the player waits, on top of the real
    clock (so it never runs behind what the journal has already seen)."""

    ahead: timedelta = field(default_factory=timedelta)

    def now(self) -> datetime:
        return local_now() + self.ahead

    def sleep(self, seconds: float) -> None:
        self.ahead += timedelta(seconds=seconds)


class Inputs(Protocol):
    """Where a session's answers come from: a person at the keyboard, or a script."""

    def feeling(self) -> str: ...
    def found(self, details: Sequence[str] = ()) -> bool | None: ...
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

    def feeling(self) -> str:
        item = next(self._answers, None)
        if item is None:
            return "script_ended"
        number, text = item
        if text not in FEELING_KEYS:
            raise ScriptError(f"line {number}: expected good, bad or no change, not '{text}'")
        return str(FEELING_KEYS[text])

    def found(self, details: Sequence[str] = ()) -> bool | None:
        item = next(self._answers, None)
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

    def found(self, details: Sequence[str] = ()) -> bool | None:
        """y or n; ``i`` shows ``details`` (the whole technique) and asks again."""
        choices: dict[str, object] = dict(FOUND_KEYS) | {"q": None}
        if details:
            choices["i"] = "details"
        question = "Did you find a tender spot? y / n" + (", i = how, in full" if details else "")
        while True:
            answer = self._ask(f"{question} (q to stop):", choices)
            if answer != "details":
                return answer if isinstance(answer, bool) else None
            self.console.print(bullets(details, "-"))

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
    """Drives one session to its end; ``state`` is always the latest, so if the input fails
    part-way the caller can still stop what is left (everything done is already saved)."""

    def __init__(
        self,
        kb: KnowledgeBase,
        console: Console,
        inputs: Inputs,
        clock: Clock,
        send: Send,
        state: SessionState,
    ) -> None:
        self.kb, self.console, self.inputs, self.clock = kb, console, inputs, clock
        self.send_event, self.state = send, state

    def send(self, event: Event) -> SessionState:
        self.state = self.send_event(event)
        return self.state

    def play(self) -> SessionState:
        while not is_over(self.state):
            self.state = advance(self.state, self.clock.now())
            self._step()
        return self.state

    def _step(self) -> None:
        state = self.state
        if state.phase == "showing":
            self._show(state)
            self.send(Next() if self.inputs.carry_on() else Stop())
        elif state.phase == "finding":
            step = current_step(state)
            assert step is not None
            self._show(state, self._in_short(step))
            found = self.inputs.found(step.instructions)
            if found is None:
                self.send(Stop())
                return
            if not found:
                self.console.print(Text(self.kb.routine.script.not_found, style="dim"))
            self.send(ReportSpot(found))
        elif state.phase == "checking_in":
            answer = self.inputs.feeling()
            if answer in ("stop", "script_ended"):
                self.send(Stop("stopped_by_user" if answer == "stop" else answer))
            else:
                self.send(ReportFeeling(answer))  # type: ignore[arg-type]
        elif not is_over(state):
            self._timer()

    def _show(self, state: SessionState, lines: Sequence[str] | None = None) -> None:
        step = current_step(state)
        assert step is not None
        done, total = len(state.outcomes) + 1, len(state.plan.steps)
        self.console.print()
        self.console.print(Text(f"[{done}/{total}] {step.title}", style="bold cyan"))
        self.console.print(bullets(step.instructions if lines is None else lines, "-"))

    def _in_short(self, step: PlanStep) -> list[str]:
        """A spot to find, in a few lines that fit a small screen under its title: the tool,
        where the spot is, and the lines that warn (the nerve, the places never to press, when
        to skip the muscle); ``i`` shows the whole technique."""
        script = self.kb.routine.script
        where: list[str] = []
        if step.muscle_id is not None and step.muscle_id in self.kb.muscles and step.spot:
            points = self.kb.muscles[step.muscle_id].trigger_points
            if 0 < step.spot <= len(points):
                where = [points[step.spot - 1].where]
        if not where:
            return list(step.instructions)
        keep_off = script.keep_off.split("{")[0]
        warnings = [
            line
            for line in step.instructions[1:]
            if line == script.nerve_caution
            or line.startswith(script.skip_if)
            or line.startswith(keep_off)
        ]
        return [step.instructions[0], *where, *warnings]

    def _timer(self) -> None:
        """Count down the get-ready and the hold (or the sets and rests of an exercise) on the
        clock, with cues and single-key controls; the time shown is the state's own."""
        step = current_step(self.state)
        assert step is not None
        if step.kind != "hold":  # an exercise: what to do first (a hold was shown when found)
            self._show(self.state)
            # its title was just shown: the dose alone ("3 sets of 30 seconds, left side")
            self.console.print(Text(f"  {step.dose or f'{step.seconds} s'}", style="bold"))
        else:
            self.console.print(Text(f"  {step.title}: {step.seconds} s", style="bold"))
        index = self.state.index
        with single_keys(), Live(console=self.console, transient=True) as line:
            # this step only: the next one, timed too (a stretch after a stretch), gets its own
            # title and instructions first
            while self.state.phase in (*TIMED_PHASES, "paused") and self.state.index == index:
                fast = isinstance(self.clock, FastClock) and self.state.phase != "paused"
                self.clock.sleep(max(self.state.remaining, 0.001) if fast else TICK_SECONDS)
                self.state = advance(self.state, self.clock.now())
                self._key()
                line.update(self._countdown())
        if self._result(step.id) == "done":
            self.console.bell()
        self._say_how_it_went(step)

    def _countdown(self) -> Text:
        state = self.state
        words = countdown_cue(self.kb.routine.script, state) or ""
        if state.phase == "paused":
            words = "Paused: press p to go on (b = bad pain, q = stop)"
        where = set_words(state)
        if where and state.phase != "get_ready":
            words = f"{where}. {words}"
        total = countdown_total(state)
        filled = int(20 * (1 - state.remaining / total)) if total else 20
        bar = "#" * filled + "-" * (20 - filled)
        line = f"  {int(state.remaining + 0.999):>3d} s  [{bar}]  {words}"
        return Text(line, no_wrap=True, overflow="ellipsis")  # one line: the time stays in view

    def _result(self, step_id: str) -> str | None:
        return next((o.result for o in self.state.outcomes if o.step_id == step_id), None)

    def _say_how_it_went(self, step: PlanStep) -> None:
        result = self._result(step.id)
        if result not in ("done", "skipped"):
            return
        if step.kind == "hold":
            words = "Hold done." if result == "done" else "Hold skipped."
        else:
            name = step.title.lower() if step.kind == "warm_up" else step.title
            words = f"{'Done' if result == 'done' else 'Skipped'}: {name}."
        self.console.print(Text(f"  {words}", "green" if result == "done" else "dim"))

    def _key(self) -> None:
        key = self.inputs.key()
        phase = self.state.phase
        event: Event | None = None
        if key == "p":
            event = Resume() if phase == "paused" else Pause()
        elif key == "s" and phase != "paused":
            event = Next()
        elif key == "q":
            event = Stop()
        elif key == "b":
            event = Stop(BAD_PAIN)  # bad pain mid-hold: stop now, counted like a bad check-in
        if event is not None and phase in (*TIMED_PHASES, "paused"):
            self.send(event)
