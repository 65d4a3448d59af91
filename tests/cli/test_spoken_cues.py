"""The terminal player coaches by sound too (review CLI M3): a bell at each phase change, the
cues spoken with ``--voice`` (each step's how-to lines, the stop advice after "it hurts"), a
clear word when no speech program is there, and one plain line per phase where the screen
cannot be redrawn (``TERM=dumb``, a pipe)."""

from __future__ import annotations

import os
import re
import sys
import time
from datetime import timedelta
from pathlib import Path

import pexpect
import pytest

from sciatica_coach.cli import session_player
from sciatica_coach.content import KnowledgeBase

from .conftest import HOLDING, Cli, Clock
from .test_interrupts import hear_ctrl_c

ROOT = Path(__file__).resolve().parents[2]
FAKE_SPEAKER = '#!/bin/sh\nprintf "%s\\n" "$*" >> "$SPOKEN_LOG"\n'
"""An ``espeak-ng`` that writes down what it is asked to say, one line a cue."""


@pytest.fixture
def in_process(clock: Clock, monkeypatch: pytest.MonkeyPatch) -> Clock:
    """A session played in this process, its player on the test clock too."""
    monkeypatch.setattr(session_player, "local_now", clock)
    return clock


def terminal(home: Path, clock: Clock, *argv: str, **env: str) -> pexpect.spawn[str]:
    environ = {**os.environ, "SCIATICA_COACH_HOME": str(home), "COLUMNS": "80", **env}
    environ.pop("SCIATICA_COACH_DATABASE_URL", None)
    at = (clock.now + timedelta(minutes=1)).isoformat()
    return pexpect.spawn(
        sys.executable, ["-m", "tests.cli.clock_from", at, "session", *argv], env=environ,
        cwd=str(ROOT), dimensions=(24, 80), encoding="utf-8", timeout=30,
        preexec_fn=hear_ctrl_c,
    )  # fmt: skip


def to_the_find(child: pexpect.spawn[str], position: str) -> str:
    """Pain 5, past the safety step, the warm-up skipped; what was shown meanwhile."""
    child.expect("Pain right now")
    child.sendline("5")
    child.expect("Press Enter to go on")
    child.sendline("")
    child.expect(position)
    shown = child.before or ""
    child.send("s")
    child.expect("Did you find a tender spot")
    return shown + (child.before or "")


def spoken(log: Path, until: str) -> list[str]:
    """The lines said, once ``until`` has been said (a speech program runs on its own, so
    it may write a moment after the player went on; bounded, not timed)."""
    for _ in range(100):
        said = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        if any(until in line for line in said):
            return said
        time.sleep(0.1)
    pytest.fail(f"never said: {until!r}")


def test_voice_says_each_step_how_to_and_the_stop_advice(
    planned: Path, clock: Clock, kb: KnowledgeBase, tmp_path: Path
) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "espeak-ng").write_text(FAKE_SPEAKER, encoding="utf-8")
    (fake / "espeak-ng").chmod(0o755)
    log = tmp_path / "spoken.log"
    path = f"{fake}{os.pathsep}{os.environ['PATH']}"
    child = terminal(planned, clock, "--voice", PATH=path, SPOKEN_LOG=str(log))
    script = kb.routine.script
    to_the_find(child, "Take your time getting into position")
    child.sendline("y")
    child.expect(HOLDING, timeout=15)
    child.send("b")
    child.expect("Pain now that you are done")
    said = spoken(log, script.bad_pain_stop)
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()

    safety = next(line for line in said if line.startswith(script.safety_title))
    assert all(rule in safety for rule in script.safety)  # the first step's rules, said
    where = kb.muscles["piriformis"].trigger_points[0].where
    finding = next(line for line in said if line.startswith("Find the spot"))
    assert where in finding and "Never press on these places" in finding
    hold = next(line for line in said if line.startswith("Hold: Piriformis"))
    assert "30 seconds" in hold and script.get_ready in hold
    assert any(script.breathe_in in line for line in said)
    advice = said[-1]
    assert script.bad_pain_stop in advice
    assert all(step in advice for step in script.bad_pain_what_to_do)


def test_voice_asked_for_without_a_speech_program_says_so_and_plays_on(
    cli: Cli, planned: Path, in_process: Clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing here"))
    answers = tmp_path / "answers.txt"
    answers.write_text("found\ngood\nnot found\n", encoding="utf-8")
    played = cli("session", "--voice", "--script", str(answers), "--fast", "--pain-after", "2")
    assert played.exit_code == 0, played.stderr
    assert "no speech program was found" in played.stderr
    assert "sudo apt install espeak-ng" in " ".join(played.stderr.split())


def test_a_bell_rings_as_the_get_ready_turns_into_the_hold(planned: Path, clock: Clock) -> None:
    child = terminal(planned, clock)
    to_the_find(child, "Take your time getting into position")
    child.sendline("y")
    child.expect("Let the pressure sink in slowly")
    child.expect(HOLDING, timeout=15)
    assert "\a" in (child.before or "")  # the change from get-ready to hold
    child.kill(9)
    child.close()


def test_a_dumb_terminal_gets_one_line_per_phase(planned: Path, clock: Clock) -> None:
    child = terminal(planned, clock, TERM="dumb")
    shown = to_the_find(
        child, "Get ready, 20 s: Take your time getting into position. It starts in a"
    )
    child.sendline("y")
    child.expect(r"Get ready, 5 s: Get into position\. Let the pressure sink in slowly\.")
    child.expect(r"\(p pause · s skip · b it hurts · q stop\)")  # whole, on the next line
    child.expect(r"Hold, \d+ s: Breathe in slowly", timeout=15)
    held = child.before or ""
    child.send("b")
    child.expect("Pain now that you are done")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    for text in (shown, held):
        assert "\x1b" not in text and "[#" not in text and "[-" not in text  # never redrawn


def test_without_a_terminal_each_phase_is_one_line(
    cli: Cli, planned: Path, in_process: Clock, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text("found\ngood\nfound\ngood\n", encoding="utf-8")
    played = cli("session", "--script", str(answers), "--fast", "--pain-after", "2")
    assert played.exit_code == 0, played.stderr
    out = played.stdout
    assert len(re.findall(r"^  Get ready, 5 s: ", out, re.M)) == 2
    assert len(re.findall(r"^  Hold, 30 s: Breathe in slowly", out, re.M)) == 2
    assert re.search(r"^  Go, 30 s: Set 1 of 3\. ", out, re.M)
    assert re.search(r"^  Rest, \d+ s: Rest, then set 2 of 3\. ", out, re.M)
    assert "\x1b" not in out and "\r" not in out and "q stop" not in out  # no keys to press
