"""The review's clock trick (M-4), as it was done: two sessions from a terminal in UTC, then
``status`` and a third ``session`` from a process whose ``TZ`` puts it just past midnight.
The third is refused, and both say when the next may start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import flat

ROOT = Path(__file__).resolve().parents[2]
PAST_MIDNIGHT = "XXX-12:33:24"
"""The review's zone: 11:27 UTC is 00:00:24 there, a new day."""


def run(home: Path, zone: str, at: str, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCIATICA_COACH_HOME": str(home), "TZ": zone, "COLUMNS": "200"}
    env.pop("SCIATICA_COACH_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "tests.cli.at_instant", at, *argv],
        env=env, cwd=str(ROOT), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_a_process_in_another_zone_gets_no_third_session(
    tmp_path: Path, clear_answers: Path
) -> None:
    home, script = tmp_path / "home", tmp_path / "script.txt"
    script.write_text("found\ngood\n" * 6, encoding="utf-8")
    play = ("session", "--script", str(script), "--fast", "--pain-before", "4",
            "--pain-after", "2", "--answers", str(clear_answers))  # fmt: skip
    made = run(home, "UTC", "2026-12-07T09:50:00+00:00", "plan", "--muscles",
               "piriformis:left", "--tools", "tennis_ball", "--minutes", "10",
               "--answers", str(clear_answers))  # fmt: skip
    assert made.returncode == 0, made.stderr
    for at in ("2026-12-07T09:50:00+00:00", "2026-12-07T10:30:00+00:00"):
        played = run(home, "UTC", at, *play)
        assert played.returncode == 0, played.stderr
    later = "2026-12-07T11:27:00+00:00"
    status = json.loads(run(home, PAST_MIDNIGHT, later, "status", "--json").stdout)
    assert (status["sessions_today"], status["sessions_left"]) == (0, 0)
    assert status["next_session"].startswith("You can start another session from 22:24 today.")
    shown = flat(run(home, PAST_MIDNIGHT, later, "status").stdout)
    assert (
        "0 sessions today, 2 sessions in the last 24 hours; 0 left. "
        "You can start another session from 22:24 today." in shown
    )
    assert "No more sessions for now. Log your pain" in shown
    third = run(home, PAST_MIDNIGHT, later, *play)
    assert third.returncode != 0
    refused = flat(third.stdout + third.stderr)
    assert "You can start another session from 22:24 today." in refused
    assert "When to get emergency care" in refused  # the safety net after every refusal (M6)
