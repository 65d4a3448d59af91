"""A runner for the CLI that keeps stdout and stderr apart."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from sciatica_coach.cli.app import app


def flat(text: str) -> str:
    """Terminal output as one line of words: Rich's wrapping and panel borders removed."""
    return " ".join(re.sub("[│╭╮╰╯─]", " ", text).split())


class Cli:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, typed: str | None = None) -> Result:
        """Run the CLI with ``args``; ``typed`` is what the person types at the prompts."""
        return self.runner.invoke(app, list(args), input=typed, catch_exceptions=False)

    def json(self, *args: str) -> Any:
        result = self(*args, "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture(autouse=True)
def own_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each CLI test writes to its own empty journal, never the person's real one."""
    from sciatica_coach.cli import journal_access

    home = tmp_path / "home"
    monkeypatch.setenv("SCIATICA_COACH_HOME", str(home))
    monkeypatch.delenv("SCIATICA_COACH_DATABASE_URL", raising=False)
    journal_access.forget_journals()
    yield home
    journal_access.forget_journals()


@pytest.fixture
def clear_answers(tmp_path: Path) -> Path:
    """A screening answers file that triggers nothing."""
    from tests.domain.screening_cases import all_clear

    path = tmp_path / "answers.json"
    path.write_text(json.dumps(all_clear()), encoding="utf-8")
    return path


class Clock:
    """The terminal's "now", moved by hand (a Wednesday to begin with)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 12, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class Running:
    """A clock that starts at the tests' moment and runs at real speed: commands and a guided
    session's player see time pass, on the tests' own day rather than the real one."""

    def __init__(self) -> None:
        from sciatica_coach.coach.setup import in_local_zone
        from tests.conftest import any_day_now

        self.start, self.began = in_local_zone(any_day_now()), time.monotonic()

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self.began)


@pytest.fixture(autouse=True)
def tests_own_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """No CLI test reads the real clock: every command's ``now()`` and the player's run on a
    :class:`Running` clock (``clock`` and ``any_day`` replace the commands' with one moved by
    hand)."""
    from sciatica_coach.cli import journal_access, session_player

    running = Running()
    for module in (journal_access, session_player):
        monkeypatch.setattr(module, "local_now", running)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Every command's ``now()`` from this clock, never the real one (a guided session's
    player keeps its own)."""
    from sciatica_coach.cli import journal_access

    moved = Clock()
    monkeypatch.setattr(journal_access, "local_now", moved)
    return moved


@pytest.fixture
def any_day(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Like ``clock``, for a test that must pass on any day: it starts at the tests' moment
    (the calendar matrix's awkward one, else the same Wednesday), in the tests' zone, and a
    guided session's player reads it too (its fast clock runs on ahead of it)."""
    from sciatica_coach.cli import journal_access, session_player
    from sciatica_coach.coach.setup import in_local_zone
    from tests.conftest import any_day_now

    moved = Clock(in_local_zone(any_day_now()))
    for module in (journal_access, session_player):
        monkeypatch.setattr(module, "local_now", moved)
    return moved


@pytest.fixture
def planned(cli: Cli, clock: Clock, clear_answers: Path, own_journal: Path) -> Path:
    """A plan made on the tests' fixed clock, with a safety check that allows a session: the
    journal a terminal session is played on."""
    made = cli(
        "plan", "--muscles", "piriformis:left", "--tools", "tennis_ball",
        "--minutes", "10", "--answers", str(clear_answers),
    )  # fmt: skip
    assert made.exit_code == 0, made.stderr
    return own_journal


HOLDING = re.compile(r"\d+ s +\[[#-]*\](?:\s|\x1b\[[\d;]*m)*Breathe")
"""A frame of a hold's own countdown in a terminal (the get-ready is over)."""
