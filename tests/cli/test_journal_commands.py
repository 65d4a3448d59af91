"""Logging, progress, the chart, export and import, as a person would use them (the CSV
and FHIR exports: ``test_export_command.py``)."""

from __future__ import annotations

import json
import stat
from datetime import datetime, timedelta
from pathlib import Path
from typing import cast

import pytest

from sciatica_coach.cli import journal_access
from sciatica_coach.storage import Journal
from tests.conftest import any_day_now

from .conftest import Cli, Clock, flat


def test_it_logs_pain_peg_and_notes(cli: Cli) -> None:
    assert cli("log", "pain", "6", "--worst", "8", "--where", "left:heel").exit_code == 0
    assert cli("log", "peg", "5", "6", "4").exit_code == 0
    assert cli("log", "note", "walked 20 minutes").exit_code == 0
    entries = journal_access.journal().pain_entries()
    assert [(e.now, e.worst) for e in entries] == [(6, 8)]
    assert entries[0].regions == [{"key": "left:heel", "intensity": 6, "kind": None, "feels": []}]
    assert journal_access.journal().peg_entries()[0].enjoyment == 6


def test_a_second_peg_within_a_week_exits_2_saying_when_it_is_due(cli: Cli, clock: Clock) -> None:
    assert cli("log", "peg", "5", "6", "4").exit_code == 0
    clock.advance(days=6, hours=12)
    again = cli("log", "peg", "4", "4", "4")
    assert again.exit_code == 2
    assert (
        "You gave your PEG score on Wednesday 2 December. It asks about the past week, so the "
        "next one is due on Wednesday 9 December." in flat(again.stderr)
    )
    clock.advance(hours=12)
    assert cli("log", "peg", "4", "4", "4").exit_code == 0
    assert len(journal_access.journal().peg_entries()) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["pain", "11"], "less than or equal to 10"),
        (["pain", "5", "--worst", "3"], "Worst (3) must not be less than now (5)"),
        (["pain", "5", "--where", "left:elbow"], "not a place on the body map"),
        (["pain", "5", "--where", "left:heel", "--feels", "itchy"], "itchy"),
        (["peg", "5", "6"], "give all three PEG answers"),
        (["note", "  "], "The note is empty"),
    ],
)
def test_bad_entries_are_explained_and_nothing_is_saved(
    cli: Cli, args: list[str], message: str
) -> None:
    result = cli("log", *args)
    assert result.exit_code == 2
    assert message in result.stderr + result.stdout
    assert journal_access.journal().is_empty()


def seed_weeks(days: int = 42, now: datetime | None = None) -> None:
    """A journal of steadily easing pain up to ``now`` (the tests' moment unless given), with
    a session every other day."""
    journal = cast(Journal, journal_access.journal())
    now = now or any_day_now()
    for day in range(days, -1, -1):
        at = now - timedelta(days=day)
        pain = 7 if day > days - 7 else 4
        journal.add_pain(at, pain)
        if day % 7 == 0:
            journal.add_peg(at, 6, 6, 6 if day > 7 else 3)
        if day % 2 == 0:
            journal.add_session(
                started_at=at, ended_at=at, status="finished", stop_reason=None,
                pain_before=pain, pain_after=pain - 2, duration_seconds=200.0,
                record={"holds_done": []}, plan_id=None,
            )  # fmt: skip


def test_progress_shows_the_weeks_and_what_they_mean(
    cli: Cli, any_day: Clock, tmp_path: Path
) -> None:
    seed_weeks(now=any_day.now)
    result = cli("progress", "--weeks", "6")
    assert result.exit_code == 0, result.stderr
    assert "clinically important amount" in " ".join(result.stdout.split())
    data = cli.json("progress", "--weeks", "6")
    assert len(data["weeks"]) == 6
    assert data["pain_change"]["kind"] == "improved"
    assert data["session_effect"] == 2
    assert sum(week["sessions"] for week in data["weeks"]) == data["sessions"]


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_progress_draws_a_chart(cli: Cli, any_day: Clock, tmp_path: Path, suffix: str) -> None:
    seed_weeks(now=any_day.now)
    chart = tmp_path / f"progress{suffix}"
    assert cli("progress", "--chart", str(chart)).exit_code == 0
    head = chart.read_bytes()[:200]
    assert head.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in chart.read_bytes()
    assert stat.S_IMODE(chart.stat().st_mode) == 0o600  # health data, as every file written
    chart.chmod(0o644)  # drawn again over a file anyone could read: it is made private
    assert cli("progress", "--chart", str(chart)).exit_code == 0
    assert stat.S_IMODE(chart.stat().st_mode) == 0o600
    assert cli("progress", "--chart", str(tmp_path / "c.gif")).exit_code == 2
    assert not (tmp_path / "c.gif").exists()


def test_spreading_pain_blocks_the_next_plan(cli: Cli, any_day: Clock, clear_answers: Path) -> None:
    journal = journal_access.journal()
    now = any_day.now
    journal.add_pain(
        now - timedelta(days=20), 5, regions=[{"key": "left:buttock_center", "intensity": 5}]
    )
    journal.add_pain(now, 5, regions=[{"key": "left:calf_lateral", "intensity": 5}])
    result = cli("plan", "--muscles", "piriformis:left", "--answers", str(clear_answers))
    assert result.exit_code == 3
    assert "new places" in result.stdout


def test_export_and_import_round_trip(
    cli: Cli, any_day: Clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_weeks(7, any_day.now)
    cli("log", "note", "a note")
    out = tmp_path / "all.json"
    assert cli("export", "--out", str(out)).exit_code == 0
    exported = json.loads(out.read_text())
    assert cli("import", str(out)).exit_code == 2  # this journal is not empty

    journal_access.forget_journals()
    monkeypatch.setenv("SCIATICA_COACH_HOME", str(tmp_path / "elsewhere"))
    assert cli("import", str(out)).exit_code == 0
    assert journal_access.journal().export_all() == exported


def test_an_escalation_in_progress_ends_with_the_safety_net(cli: Cli, any_day: Clock) -> None:
    journal = journal_access.journal()
    now = any_day.now
    journal.add_pain(now - timedelta(days=20), 5, regions=[{"key": "left:heel", "intensity": 5}])
    journal.add_pain(now, 5, regions=[{"key": "left:calf_lateral", "intensity": 5}])
    result = cli("progress")
    tail = " ".join(" ".join(result.stdout.rstrip().splitlines()[-20:]).split())
    assert "When to get emergency care" in tail and "Do not drive yourself." in tail
    data = cli.json("progress")
    assert [e["id"] for e in data["escalations"]] == ["symptoms_spreading"]
    assert data["safety_net"]["signs"]


def test_a_calm_progress_report_needs_no_safety_net(cli: Cli, any_day: Clock) -> None:
    seed_weeks(now=any_day.now)
    assert cli.json("progress", "--weeks", "6")["safety_net"] is None


def test_log_peg_asks_each_question_with_its_end_labels(cli: Cli) -> None:
    result = cli("log", "peg", typed="5\n11\n6\n4\n")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "0 = No pain 10 = Pain as bad as you can imagine" in text
    assert text.count("0 = Does not interfere 10 = Completely interferes") == 2
    assert "Please type a whole number from 0 to 10." in text
    entry = journal_access.journal().peg_entries()[0]
    assert (entry.pain, entry.enjoyment, entry.activity) == (5, 6, 4)


def test_log_pain_keeps_every_feeling_given(cli: Cli) -> None:
    result = cli("log", "pain", "4", "--where", "left:heel", "--feels", "ache,burning")
    assert result.exit_code == 0, result.stderr
    (entry,) = journal_access.journal().pain_entries()
    assert entry.regions is not None and entry.regions[0]["feels"] == ["ache", "burning"]


def test_a_note_over_the_limit_is_refused_not_cut(cli: Cli) -> None:
    result = cli("log", "note", "x" * 2001)
    assert result.exit_code == 2
    assert "at most 2000 characters" in " ".join(result.stderr.split())
    assert journal_access.journal().notes() == []


def test_an_export_with_entries_from_the_future_is_refused(
    cli: Cli, any_day: Clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_weeks(1, any_day.now)
    out = tmp_path / "all.json"
    cli("export", "--out", str(out))
    data = json.loads(out.read_text())
    data["tables"]["pain_entries"][0]["recorded_at"] = "2999-01-01T10:00:00+00:00"
    data["tables"]["pain_entries"][0]["day"] = "2999-01-01"
    out.write_text(json.dumps(data))
    journal_access.forget_journals()
    monkeypatch.setenv("SCIATICA_COACH_HOME", str(tmp_path / "elsewhere"))
    result = cli("import", str(out))
    assert result.exit_code == 2
    assert "is later than" in flat(result.stderr)
    assert journal_access.journal().is_empty()


def test_progress_help_says_farrar_s_threshold_is_for_improvement(cli: Cli) -> None:
    shown = flat(cli("progress", "--help").stdout)
    assert "(Farrar et al. 2001, for improvement; used for worsening by analogy)" in shown
    assert "whether better or worse" not in shown
