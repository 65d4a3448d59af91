"""A session in a real terminal 60 columns wide and 24 rows high (a pseudo-terminal): the
countdown is there to see, the time left after a pause is the time that was left, and bad
pain says to stop before anything else is asked."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pexpect

from .conftest import HOLDING
from .test_interrupts import ROOT, STARTS, hear_ctrl_c

SECONDS = re.compile(r"(\d+) s +\[")


def terminal(home: Path) -> pexpect.spawn[str]:
    env = {**os.environ, "SCIATICA_COACH_HOME": str(home), "COLUMNS": "60", "LINES": "24"}
    env.pop("SCIATICA_COACH_DATABASE_URL", None)
    return pexpect.spawn(
        sys.executable, ["-m", "tests.cli.clock_from", STARTS.isoformat(), "session"], env=env,
        cwd=str(ROOT), dimensions=(24, 60), encoding="utf-8", timeout=40,
        preexec_fn=hear_ctrl_c,
    )  # fmt: skip


def seconds_shown(child: pexpect.spawn[str]) -> int:
    """The next countdown frame's seconds."""
    child.expect(SECONDS)
    match = child.match
    assert isinstance(match, re.Match)
    return int(match.group(1))


def to_a_hold(child: pexpect.spawn[str]) -> None:
    child.expect("Pain right now")
    child.sendline("5")
    child.expect("Playing your plan: Piriformis \\(left\\)")
    child.expect("Press Enter to go on")
    child.sendline("")
    child.expect("Take your time")  # the cue, cut short at 60 columns (the time is not)
    child.send("s")  # the timed warm-up, skipped
    child.expect("Did you find a tender spot")
    child.sendline("y")


def test_the_countdown_shows_each_second_and_the_time_left_after_a_pause(planned: Path) -> None:
    child = terminal(planned)
    to_a_hold(child)
    seen = []
    for _ in range(3):  # the get-ready counts down second by second
        seen.append(seconds_shown(child))
    assert seen == sorted(seen, reverse=True) and seen[0] <= 5
    child.expect(HOLDING)  # the hold itself
    child.send("p")
    child.expect("Paused")
    left = seconds_shown(child)
    child.expect(pexpect.TIMEOUT, timeout=2)  # two seconds paused: nothing may run
    child.send("p")
    after = seconds_shown(child)
    while "Paused" in (child.before or ""):  # a frame drawn before the resume arrived
        after = seconds_shown(child)
    assert after <= left <= 30
    child.sendintr()
    child.close()


def test_bad_pain_in_a_hold_says_to_stop_before_anything_is_asked(planned: Path) -> None:
    child = terminal(planned)
    to_a_hold(child)
    child.expect(HOLDING)
    child.send("b")
    child.expect("Session stopped")
    stop_said = child.before or ""
    child.expect("Pain now that you are done")
    assert "Pain now" not in stop_said  # the stop came first
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 3
