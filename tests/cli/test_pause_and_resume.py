"""An interruption pauses; nothing is invented (review CLI M2). In a real terminal (a
pseudo-terminal, 80x24) on a clock that starts at a fixed moment: Ctrl-C pauses and says how to
carry on, a second Ctrl-C stops; ``q`` asks first; a terminal killed mid-hold resumes at that
hold's get-ready with its full time, and only time held is counted; a session paused and
resumed is one session of the day's two."""

from __future__ import annotations

import csv
import io
import os
import sys
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pexpect
import pytest

from sciatica_coach.cli import journal_access, session_player
from sciatica_coach.storage import Journal

from .conftest import HOLDING, Cli, Clock
from .test_interrupts import hear_ctrl_c

ROOT = Path(__file__).resolve().parents[2]
RESUME = "sciatica-coach session resume"


def terminal(home: Path, at: datetime, *argv: str, running: bool = True) -> pexpect.spawn[str]:
    """``session`` (or ``argv``) in a pseudo-terminal, its clock starting at ``at``: running
    on from there, or (``running=False``) fixed there."""
    env = {**os.environ, "SCIATICA_COACH_HOME": str(home), "COLUMNS": "80", "LINES": "24"}
    env.pop("SCIATICA_COACH_DATABASE_URL", None)
    runner = "tests.cli.clock_from" if running else "tests.cli.at_time"
    return pexpect.spawn(
        sys.executable, ["-m", runner, at.isoformat(), *(argv or ("session",))], env=env,
        cwd=str(ROOT), dimensions=(24, 80), encoding="utf-8", timeout=30,
        preexec_fn=hear_ctrl_c,
    )  # fmt: skip


def stored_sessions() -> list[Any]:
    journal_access.forget_journals()
    return [s for s in cast(Journal, journal_access.journal()).sessions() if s.status != "ready"]


def to_the_hold(child: pexpect.spawn[str]) -> None:
    """Pain 5, past the safety step, the warm-up skipped, the spot found, the hold running."""
    child.expect("Pain right now")
    child.sendline("5")
    child.expect("Press Enter to go on")
    child.sendline("")
    child.expect("Take your time getting into position")
    child.send("s")
    child.expect("Did you find a tender spot")
    child.sendline("y")
    child.expect(HOLDING, timeout=15)


def stopped_at_the_end(child: pexpect.spawn[str]) -> None:
    child.expect("Pain now that you are done")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()


def test_ctrl_c_in_a_hold_pauses_says_how_to_resume_and_p_goes_on(
    planned: Path, clock: Clock
) -> None:
    child = terminal(planned, clock.now + timedelta(minutes=1))
    to_the_hold(child)
    child.sendintr()
    child.expect("Paused, and saved")
    child.expect("Ctrl-C again stops the session")
    child.expect("If this terminal closes, carry on later with:")
    child.expect(RESUME)
    child.expect("Press p to go on")
    (paused,) = stored_sessions()
    assert paused.status == "in_progress" and paused.state["phase"] == "paused"
    child.send("p")
    child.expect(HOLDING)  # the hold runs again
    child.sendintr()
    child.expect("Paused, and saved")
    child.sendintr()  # a second in a row stops
    stopped_at_the_end(child)
    (stopped,) = stored_sessions()
    assert stopped.status == "stopped" and stopped.stop_reason == "stopped_by_user"
    assert stopped.record["outcomes"][-1]["result"] == "stopped"


@pytest.mark.parametrize("answer", ["n", "y"])
def test_q_asks_before_it_stops(planned: Path, clock: Clock, answer: str) -> None:
    child = terminal(planned, clock.now + timedelta(minutes=1))
    to_the_hold(child)
    child.send("q")
    child.expect("Stop the session\\? Press y to stop, n to carry on")
    child.expect("y yes, stop · n no, carry on")
    child.send(answer)
    if answer == "y":
        stopped_at_the_end(child)
        (stopped,) = stored_sessions()
        assert stopped.status == "stopped" and stopped.stop_reason == "stopped_by_user"
        return
    child.expect(HOLDING)  # carries on
    child.expect("p pause · s skip · b it hurts · q stop")
    (going,) = stored_sessions()
    assert going.status == "in_progress"
    child.kill(9)
    child.close()


def test_q_at_a_question_asks_first(planned: Path, clock: Clock) -> None:
    child = terminal(planned, clock.now + timedelta(minutes=1))
    child.expect("Pain right now")
    child.sendline("5")
    child.expect("Press Enter to go on")
    child.sendline("q")
    child.expect("Stop the session\\? y = yes, stop; N = no, carry on")
    child.sendline("")  # N
    child.expect("Press Enter to go on")
    child.sendline("q")
    child.expect("Stop the session")
    child.sendline("y")
    stopped_at_the_end(child)
    (stopped,) = stored_sessions()
    assert stopped.status == "stopped" and stopped.record["outcomes"] == []


def test_a_terminal_killed_mid_hold_resumes_at_its_get_ready_with_its_full_time(
    planned: Path, clock: Clock, tmp_path: Path, cli: Cli
) -> None:
    started = clock.now + timedelta(minutes=1)
    child = terminal(planned, started)
    to_the_hold(child)
    child.expect(r"2[0-4] s +\[")  # 6 s or more held: it told the journal it was there at 5 s
    child.kill(9)  # the terminal is gone mid-hold: nobody knows what happened after
    child.close()
    later = started + timedelta(minutes=2)  # well past the 30 s a player may be silent
    back = terminal(planned, later, "session", "resume", running=False)
    back.expect("Resuming your session")
    back.expect("This hold was interrupted")
    back.expect(r"Hold: Piriformis, inner point \(left\): 30 s")
    back.expect(r"5 s +\[-+\]")  # its get-ready, from the start
    back.expect("Interrupted. Ease off if you are still pressing")
    back.expect("p again · s skip · b it hurts · q stop")
    assert "How did that feel" not in (back.before or "")
    back.send("q")
    back.expect("Stop the session")
    back.send("y")
    stopped_at_the_end(back)
    (stopped,) = stored_sessions()
    hold = stopped.record["outcomes"][-1]
    assert hold["step_id"] == "piriformis.left.hold.1" and hold["result"] == "stopped"
    assert 0 < hold["seconds"] < 30  # held until it was last there, no more; never done
    assert hold.get("feeling") is None
    clock.now = later
    out = tmp_path / "journal.zip"
    assert cli("export", "--format", "csv", "--out", str(out)).exit_code == 0
    with zipfile.ZipFile(out) as archive:
        name = next(n for n in archive.namelist() if n.endswith("sessions.csv"))
        rows = list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
    (held,) = [r for r in rows if r["step_kind"] == "hold"]
    assert held["result"] == "stopped" and float(held["seconds_done"]) == hold["seconds"]


def test_a_session_paused_and_resumed_counts_once_toward_the_day(
    planned: Path, clock: Clock, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = clock.now + timedelta(minutes=1)
    child = terminal(planned, started)
    to_the_hold(child)
    child.sendintr()
    child.expect(RESUME)
    child.close()  # the terminal closed while paused
    clock.now = started + timedelta(minutes=3)
    monkeypatch.setattr(session_player, "local_now", clock)
    answers = tmp_path / "answers.txt"
    answers.write_text("good\nnot found\n", encoding="utf-8")
    resumed = cli("session", "resume", "--script", str(answers), "--fast", "--pain-after", "3")
    assert resumed.exit_code == 0, resumed.stderr
    assert "Resuming your session" in resumed.stdout
    (finished,) = stored_sessions()
    assert finished.status == "finished"
    assert cli.json("status")["sessions_today"] == 1


def test_resume_with_nothing_to_resume_says_how_to_start(cli: Cli, planned: Path) -> None:
    result = cli("session", "resume")
    assert result.exit_code == 2 and "no session to resume" in result.stderr
