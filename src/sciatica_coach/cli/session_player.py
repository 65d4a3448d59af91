"""Play a session in the terminal: show each step, count holds down, ask how it felt.

The rules live in :mod:`sciatica_coach.domain.session`, and the session lives in the journal:
every key the person presses is sent to the service layer (``send``), which saves it at once,
so stopping at any moment loses nothing. Between key presses the player only reads the clock:
countdowns run on it (:func:`~sciatica_coach.domain.session.advance`), real or ``fast`` for
tests. The same plan, script and answers give the same record fast or slow.

An interruption pauses, it does not end: the first Ctrl-C pauses the countdown (saved, so a
closed terminal can be resumed), the second stops. While a countdown runs the player tells the
journal it is still there every :data:`TOUCH_EVERY` (``touch``), so a terminal killed mid-hold
is known for what it is when the session is resumed (it starts that hold again from its
get-ready). Each phase change rings the bell and, with ``--voice``, is spoken.
"""

from __future__ import annotations

import contextlib
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from rich.console import Console, RenderableType
from rich.live import Live
from rich.padding import Padding
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
    current_step,
    is_over,
)

from . import player_screen as screen
from .player_inputs import (
    BAD,
    FEELING_KEYS,
    FOUND_KEYS,
    Inputs,
    KeyboardInputs,
    ScriptError,
    ScriptInputs,
    single_keys,
)
from .render import bullets
from .voice import SILENT, Voice

__all__ = [
    "FEELING_KEYS",
    "FOUND_KEYS",
    "Inputs",
    "KeyboardInputs",
    "ScriptError",
    "ScriptInputs",
    "local_now",
]

TICK_SECONDS = 0.1
TOUCH_EVERY = timedelta(seconds=10)
"""How often a running countdown tells the journal the player is still there (well inside the
service's ``LOST_AFTER``)."""
RESUME = "sciatica-coach session resume"

Send = Callable[[Event], SessionState]
"""Hands an event to the service layer (which saves it) and returns the state after it."""


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


@contextlib.contextmanager
def ctrl_c_held() -> Iterator[None]:
    """A Ctrl-C while the journal is being written waits until the write is done (then it
    pauses or stops as usual), so a write is never cut in half."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:
        yield
        return
    mask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        mask(signal.SIG_UNBLOCK, {signal.SIGINT})


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
        touch: Callable[[], object] | None = None,
        voice: Voice = SILENT,
    ) -> None:
        self.kb, self.console, self.inputs, self.clock = kb, console, inputs, clock
        self.send_event, self.state = send, state
        self.touch, self.voice = touch, voice
        self.ctrl_c = False
        """A Ctrl-C came and nothing was pressed since: the next one stops the session."""
        self.asking = False
        """"Stop the session?" waits for y or n (during a countdown)."""
        self.touched: datetime | None = None
        self.seen: screen.Moment | None = None
        self.said = ""

    @property
    def live_output(self) -> bool:
        """Whether the countdown can be redrawn in place (else one line per phase)."""
        return self.console.is_terminal and not self.console.is_dumb_terminal

    def send(self, event: Event) -> SessionState:
        with ctrl_c_held():
            self.state = self.send_event(event)
        return self.state

    def play(self) -> SessionState:
        while not is_over(self.state):
            self.state = advance(self.state, self.clock.now())
            try:
                self._step()
            except KeyboardInterrupt:
                self._interrupted()
        return self.state

    def _step(self) -> None:
        state = self.state
        if state.phase == "showing":
            self._show(state)
            self._changed()
            answer = self.inputs.carry_on()
            self.ctrl_c = False
            self.send(Next() if answer is True else Stop(BAD_PAIN) if answer == BAD else Stop())
        elif state.phase == "finding":
            step = current_step(state)
            assert step is not None
            self._show(state, self._in_short(step))
            self._changed()
            found = self.inputs.found(step.instructions)
            self.ctrl_c = False
            if found is None or found == BAD:
                self.send(Stop(BAD_PAIN) if found == BAD else Stop())
                return
            if not found:
                self.console.print(Text(self.kb.routine.script.not_found, style="dim"))
            self.send(ReportSpot(found is True))
        elif state.phase == "checking_in":
            self._changed()
            feeling = self.inputs.feeling()
            self.ctrl_c = False
            if feeling in ("stop", "script_ended"):
                self.send(Stop("stopped_by_user" if feeling == "stop" else feeling))
            else:
                self.send(ReportFeeling(feeling))  # type: ignore[arg-type]
        elif not is_over(state):
            self._timer()

    def _interrupted(self) -> None:
        """Ctrl-C: the first pauses the countdown (an untimed step stays where it is) and
        says how to carry on; a second in a row stops the session."""
        self.asking = False
        if is_over(self.state):
            return
        if self.ctrl_c:
            self.console.print()
            self.send(Stop())
            return
        self.ctrl_c = True
        timed = self.state.phase in TIMED_PHASES
        if timed:
            self.send(Pause())
        paused = self.state.phase == "paused"
        lines = [
            "Paused, and saved." if paused else "Saved where you are.",
            ("Press p to go on." if paused else "Answer to go on.")
            + " If it hurt, press b. Ctrl-C again stops the session.",
            "If this terminal closes, carry on later with:",
        ]
        self.console.print()
        for line in lines:
            self.console.print(Padding(Text(line, style="bold yellow"), (0, 0, 0, 2)))
        self.console.print(Text(f"    {RESUME}", style="bold"))
        if not timed:  # a paused countdown says so itself, as its phase changes
            self.voice.say(lines[:2])

    def _changed(self) -> None:
        """A new phase rings the bell, is spoken and, without live output, printed as a line;
        in the same phase a new cue (breathe in, breathe out) is spoken."""
        state = self.state
        now = screen.moment(state)
        if now == self.seen:
            words = screen.cue(self.kb.routine.script, state, self.asking)
            if state.phase in (*TIMED_PHASES, "paused") and words != self.said:
                self.said = words
                self.voice.say(words)
            return
        self.seen = now
        self._ring()
        if state.phase in (*TIMED_PHASES, "paused") and not self.live_output:
            keys = not self.inputs.go_on_when_paused  # a person at the keyboard
            script, width = self.kb.routine.script, self.console.width
            self.console.print(screen.phase_line(script, state, keys, width))
        self.said = screen.cue(self.kb.routine.script, state)
        self.voice.say(self._spoken(state))

    def _ring(self) -> None:
        if self.console.is_terminal:  # a dumb terminal rings too; a file or pipe does not
            self.console.file.write("\a")
            self.console.file.flush()

    def _spoken(self, state: SessionState) -> list[str]:
        """What is said when a phase begins: a step's title and its key how-to lines (those
        shown), then the cue; a check-in's question and its keys."""
        step = current_step(state)
        script = self.kb.routine.script
        if step is None:
            return []
        if state.phase == "showing":
            return [step.title, *step.instructions]
        if state.phase == "finding":
            return [step.title, *self._in_short(step)]
        if state.phase == "checking_in":
            return [
                script.check_in_question,
                "Press g for good, n for no change, or b if it hurts: that stops the session.",
            ]
        words = screen.cue(script, state)
        if state.phase == "get_ready" and step.kind == "hold":
            return [step.title, f"{step.seconds} seconds", words]
        if state.phase == "get_ready":
            return [step.title, step.dose or f"{step.seconds} seconds", *step.instructions, words]
        return [words]

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
        if self.state.phase == "paused" and self.inputs.go_on_when_paused:
            self.send(Resume())
        index = self.state.index
        with single_keys(), self._screen() as show:
            # this step only: the next one, timed too (a stretch after a stretch), gets its own
            # title and instructions first
            while self.state.phase in (*TIMED_PHASES, "paused") and self.state.index == index:
                try:
                    self._tick()
                except KeyboardInterrupt:
                    self._interrupted()
                show(screen.frame(self.kb.routine.script, self.state, self.asking))
        self._say_how_it_went(step)

    @contextlib.contextmanager
    def _screen(self) -> Iterator[Callable[[RenderableType], None]]:
        """Where the countdown is drawn: redrawn in place, or (without live output) nowhere,
        the phase lines being printed as phases change."""
        if not self.live_output:
            yield lambda _frame: None
            return
        frame = screen.frame(self.kb.routine.script, self.state)
        with Live(frame, console=self.console, transient=True, auto_refresh=False) as live:
            yield lambda shown: live.update(shown, refresh=True)

    def _tick(self) -> None:
        self._changed()
        fast = isinstance(self.clock, FastClock) and self.state.phase != "paused"
        self.clock.sleep(max(self.state.remaining, 0.001) if fast else TICK_SECONDS)
        self.state = advance(self.state, self.clock.now())
        self._still_here()
        self._key()
        if self.state.phase in (*TIMED_PHASES, "paused"):
            self._changed()

    def _still_here(self) -> None:
        now = self.clock.now()
        if self.touch is not None and (self.touched is None or now - self.touched >= TOUCH_EVERY):
            self.touched = now
            with ctrl_c_held():
                self.touch()

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
        """p pause or go on, s skip, q asks "Stop the session?" (y stops, any other key goes
        on), b it hurts (stops at once)."""
        key = self.inputs.key()
        phase = self.state.phase
        if key is None or phase not in (*TIMED_PHASES, "paused"):
            return
        event: Event | None = None
        if self.asking:
            self.asking = False
            event = Stop() if key == "y" else Stop(BAD_PAIN) if key == "b" else None
        elif key == "p":
            event = Resume() if phase == "paused" else Pause()
        elif key == "s" and (phase != "paused" or self.state.interrupted):
            event = Next()
        elif key == "q":
            self.asking = True  # the question is shown and said as the cue
        elif key == "b":
            event = Stop(BAD_PAIN)  # bad pain mid-hold: stop now, counted like a bad check-in
        self.ctrl_c = False
        if event is not None:
            self.send(event)
