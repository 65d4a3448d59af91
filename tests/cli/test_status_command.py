"""``status`` (where a returning person stands), ``goal``, and the goal in ``progress``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Cli, Clock, flat


def test_a_new_journal_says_to_take_the_check_first_with_the_emergency_signs(
    cli: Cli, any_day: Clock
) -> None:
    result = cli("status")
    assert result.exit_code == 0, result.stderr
    shown = flat(result.stdout)
    assert "Safety check None yet" in shown
    assert "Today 0 of 2 sessions done; 2 left." in shown
    assert "No weekly goal is set." in shown
    assert "When to get emergency care" in shown
    assert "home/journal.sqlite3" in shown.replace(" ", "")


def test_after_a_session_it_shows_the_check_the_day_and_the_plan(
    cli: Cli, any_day: Clock, clear_answers: Path, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.json"
    made = cli(
        "plan", "--muscles", "piriformis:left", "--tools", "tennis_ball", "--minutes", "20",
        "--answers", str(clear_answers), "--out", str(plan),
    )  # fmt: skip
    assert made.exit_code == 0, made.stderr
    script = tmp_path / "script.txt"
    script.write_text("found\ngood\nfound\ngood\n", encoding="utf-8")
    ran = cli(
        "session", "--plan", str(plan), "--script", str(script), "--fast",
        "--pain-before", "6", "--pain-after", "4",
    )  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    data = cli.json("status")
    assert data["check"]["counts"] and data["check"]["session_allowed"]
    assert (data["sessions_today"], data["sessions_left"]) == (1, 1)
    assert data["last_plan"]["muscles"] == ["Piriformis (left)"]
    assert data["week"]["this_week"]["sessions"] == 1
    shown = flat(cli("status").stdout)
    assert "Piriformis (left), 20 min" in shown
    progress = flat(cli("progress").stdout)
    assert "What helped" not in progress
    assert "Pain just before and just after sessions" in progress
    assert (
        "Piriformis: pain just after was 2.0 points lower than just before, on average "
        "(1 session: too few to tell)" in progress
    )
    assert "All sessions: pain just after was 2.0 points lower" in progress
    assert "Tennis ball: pain just after was 2.0 points lower" in progress
    assert "Short-term; may not last." in progress and "(Furlan et al. 2015)" in progress
    assert "They do not show what caused a change" in progress
    weeks, before_after = progress.split("Pain just before and just after sessions")
    assert "clinically important" in weeks and "clinically important" not in before_after
    assert "lower" not in weeks  # the change in a session never sits by the important one
    habit = cli.json("progress")["habit"]
    assert {h["name"] for h in habit["what_helped"]} == {
        "All sessions",
        "Piriformis",
        "Tennis ball",
    }
    assert habit["what_helped_title"] == "Pain just before and just after sessions"


def test_a_check_that_says_no_is_what_status_shows(
    cli: Cli, any_day: Clock, tmp_path: Path
) -> None:
    from tests.domain.screening_cases import all_clear

    answers = tmp_path / "flag.json"
    answers.write_text(json.dumps(all_clear() | {"fever": True}), encoding="utf-8")
    assert cli("screen", "--answers", str(answers)).exit_code == 3
    data = cli.json("status")
    assert data["check"]["level"] == "urgent"
    assert data["session_allowed_now"] is False
    assert "no session while it stands" in data["next"]
    assert [f["flag"]["question_id"] for f in data["pause"]["flags"]] == ["fever"]
    shown = flat(cli("status").stdout)
    assert "When to get emergency care" in shown
    assert "Red flag At" in shown and 'you said "yes" to: Do you have a temperature' in shown


def test_a_goal_is_set_shown_and_kept_within_the_dose(cli: Cli, clock: Clock) -> None:
    """On the tests' Wednesday, whatever the real day (4 sessions cannot fit in a Sunday)."""
    assert cli("goal", "--sessions", "4", "--pegs", "1").exit_code == 0
    shown = flat(cli("goal").stdout)
    assert "0 of 4 sessions, 0 of 1 PEG score" in shown
    assert "at most 2 sessions a day, each after its safety check" in shown
    assert cli.json("goal", "--pegs", "0")["goal"]["sessions"] == 4  # the other part is kept
    assert "Your weekly goal" in flat(cli("progress").stdout)


@pytest.mark.parametrize(
    ("days_on", "to_go"),
    [
        (0, "To go this week: 4 sessions and 1 PEG score; at most 2 sessions a day"),  # Monday
        (5, "To go this week: 4 sessions and 1 PEG score; at most 2 sessions a day"),  # Saturday
        (6, "This week's goal cannot be met within 2 sessions a day, and that is fine"),
    ],
)
def test_the_goal_says_what_is_left_on_each_day_of_the_week(
    cli: Cli, clock: Clock, days_on: int, to_go: str
) -> None:
    """Four sessions fit from Monday to Saturday (two a day), not on a Sunday: the week is let
    go, never crammed."""
    clock.advance(days=days_on - 2)  # from the Wednesday
    assert cli("goal", "--sessions", "4", "--pegs", "1").exit_code == 0
    shown = flat(cli("goal").stdout)
    assert "This week (from Mon 30 Nov): 0 of 4 sessions, 0 of 1 PEG score." in shown
    assert to_go in shown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sessions", "15"], "Choose 0 to 14 sessions a week: the routine's limit is 2 a day."),
        (["--pegs", "2"], "Choose 0 or 1 PEG score a week: it asks about the past week"),
        (["--sessions", "0", "--pegs", "0"], "Choose at least one session or one PEG score"),
    ],
)
def test_a_goal_past_the_limits_is_refused(
    cli: Cli, any_day: Clock, args: list[str], message: str
) -> None:
    result = cli("goal", *args)
    assert result.exit_code == 2
    assert message in flat(result.stderr)
    assert "No weekly goal is set." in flat(cli("goal").stdout)


def test_while_paused_status_goal_and_progress_push_nothing(
    cli: Cli, clock: Clock, tmp_path: Path
) -> None:
    from tests.domain.screening_cases import all_clear

    assert cli("goal", "--sessions", "4", "--pegs", "1").exit_code == 0
    answers = tmp_path / "flag.json"
    answers.write_text(json.dumps(all_clear() | {"fever": True}), encoding="utf-8")
    assert cli("screen", "--answers", str(answers)).exit_code == 3
    clock.advance(hours=5)  # the check no longer counts; the pause still stands
    shown = flat(cli("status").stdout)
    assert "Self-massage is paused since Wed 02 Dec" in shown  # 09:00 UTC, in the local zone
    assert ": See a doctor today." in shown
    assert "No session while self-massage is paused (0 of 2 sessions done)." in shown
    assert "left." not in shown and "of 4 sessions" not in shown
    assert "This week's goal is on hold" in shown
    data = cli.json("status")
    assert (data["sessions_left"], data["session_allowed_now"]) == (0, False)
    assert data["pause"]["title"] == "See a doctor today"
    assert data["week"]["on_hold"] and data["week"]["pause"]["level"] == "urgent"
    assert "no session while it stands" in data["next"]
    progress = flat(cli("progress").stdout)
    assert "on hold" in progress and "Pain just before and just after" not in progress
    assert cli.json("progress")["habit"]["what_helped"] == []
    assert "of 4 sessions" not in flat(cli("goal").stdout)


def test_status_fits_80_columns(cli: Cli, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for command in ("status", "goal", "progress"):
        result = cli(command)
        assert result.exit_code == 0, result.stderr
        assert max(len(line) for line in result.stdout.splitlines()) <= 80
