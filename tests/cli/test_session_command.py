"""``sciatica-coach session``: scripted runs give the same record as a real one would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.domain.screening_cases import all_clear

from .conftest import Cli, flat


@pytest.fixture
def plan_file(cli: Cli, clear_answers: Path, tmp_path: Path) -> Path:
    out = tmp_path / "plan.json"
    result = cli(
        "plan", "--muscles", "piriformis:left", "--tools", "tennis_ball",
        "--minutes", "20", "--answers", str(clear_answers), "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return out


def script(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "script.txt"
    path.write_text("# answers, in order\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_scripted_session_finishes_and_is_recorded(
    cli: Cli, plan_file: Path, tmp_path: Path
) -> None:
    record = tmp_path / "record.json"
    answers = script(tmp_path, "found", "good", "found", "no change")
    result = cli(
        "session", "--plan", str(plan_file), "--script", str(answers), "--fast",
        "--pain-before", "6", "--pain-after", "4", "--record", str(record),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Using your safety check from " in result.stdout
    data = json.loads(record.read_text())
    assert data["status"] == "finished"
    assert data["feelings"] == [
        ["piriformis.left.hold.1", "good"],
        ["piriformis.left.hold.2", "no_change"],
    ]
    assert data["holds_done"] == [["piriformis", "left", 2]]
    assert (data["pain_before"], data["pain_after"]) == (6, 4)
    assert "Pain before 6/10, after 4/10" in result.stdout
    # every step is shown with its number and title, timed exercises one after another too
    steps = data["plan"]["steps"]
    for number, step in enumerate(steps, start=1):
        if step["kind"] != "hold":  # a hold is announced under the spot it presses
            assert f"[{number}/{len(steps)}] {step['title']}" in result.stdout, step["title"]
    assert any(s["kind"] == "strengthen" for s in steps)


def test_bad_pain_stops_at_once(cli: Cli, plan_file: Path, tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    answers = script(tmp_path, "found", "bad", "found", "good")
    result = cli(
        "session", "--plan", str(plan_file), "--script", str(answers), "--fast",
        "--record", str(record),
    )  # fmt: skip
    assert result.exit_code == 3
    assert "Session stopped" in result.stdout
    data = json.loads(record.read_text())
    assert data["stop_reason"] == "bad_pain"
    assert data["holds_done"] == [["piriformis", "left", 1]]


def test_a_spot_not_found_is_passed_over(cli: Cli, plan_file: Path, tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    answers = script(tmp_path, "not found", "found", "good")
    result = cli(
        "session", "--plan", str(plan_file), "--script", str(answers), "--fast",
        "--record", str(record),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(record.read_text())
    assert data["holds_done"] == [["piriformis", "left", 1]]
    assert ["piriformis", "left", 1, False] in data["spots"]


def test_two_sessions_a_day_is_the_limit(cli: Cli, plan_file: Path, tmp_path: Path) -> None:
    answers = script(tmp_path, "not found", "not found")
    for _ in range(2):
        ran = cli("session", "--plan", str(plan_file), "--script", str(answers), "--fast")
        assert ran.exit_code == 0, ran.stderr
    third = cli("session", "--plan", str(plan_file), "--script", str(answers), "--fast")
    assert third.exit_code == 3
    assert "2 or more sessions today" in flat(third.stdout)


def test_the_last_plan_is_played_when_none_is_given(
    cli: Cli, plan_file: Path, tmp_path: Path
) -> None:
    result = cli("session", "--script", str(script(tmp_path, "found", "good")), "--fast")
    assert result.exit_code == 0, result.stderr
    assert "Piriformis" in result.stdout


def test_a_red_flag_today_blocks_the_session(cli: Cli, plan_file: Path, tmp_path: Path) -> None:
    flagged = tmp_path / "today.json"
    flagged.write_text(json.dumps({**all_clear(), "fever": True}), encoding="utf-8")
    result = cli(
        "session", "--plan", str(plan_file), "--answers", str(flagged),
        "--script", str(script(tmp_path, "found", "good")), "--fast",
    )  # fmt: skip
    assert result.exit_code == 3
    assert "See a doctor today" in result.stdout  # the check's result, in full
    assert "Playing your plan" not in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [("{", "not valid JSON"), ('{"steps": []}', "not a plan this app can play")],
)
def test_a_broken_plan_file_is_explained(
    cli: Cli, tmp_path: Path, content: str, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    result = cli("session", "--plan", str(bad))
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_bad_script_line_is_named(cli: Cli, plan_file: Path, tmp_path: Path) -> None:
    result = cli(
        "session", "--plan", str(plan_file), "--script", str(script(tmp_path, "maybe")), "--fast"
    )
    assert result.exit_code == 2
    assert "line 2" in result.stderr


def test_without_a_plan_it_says_how_to_make_one(cli: Cli) -> None:
    result = cli("session")
    assert result.exit_code == 2
    assert "sciatica-coach plan" in result.stderr


def new_plan(cli: Cli, answers: Path, out: Path) -> None:
    result = cli(
        "plan", "--muscles", "piriformis:left", "--tools", "tennis_ball",
        "--minutes", "20", "--answers", str(answers), "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.stdout + result.stderr


def test_a_spot_that_caused_bad_pain_is_not_pressed_again_today(
    cli: Cli, plan_file: Path, clear_answers: Path, tmp_path: Path
) -> None:
    bad = script(tmp_path, "found", "bad")
    assert cli("session", "--plan", str(plan_file), "--script", str(bad), "--fast").exit_code == 3
    again = cli(
        "session", "--plan", str(plan_file), "--answers", str(clear_answers),
        "--script", str(bad), "--fast",
    )  # fmt: skip
    assert again.exit_code == 3
    assert "caused bad pain earlier today" in flat(again.stdout)
    fresh = tmp_path / "fresh.json"
    new_plan(cli, clear_answers, fresh)
    regions = [s["region"] for s in json.loads(fresh.read_text())["steps"] if s["kind"] == "hold"]
    assert regions == ["left:hip_lateral"]  # the inner point is left until tomorrow


def test_after_a_bad_pain_stop_the_safety_check_is_asked_again(
    cli: Cli, plan_file: Path, tmp_path: Path
) -> None:
    bad = script(tmp_path, "found", "bad")
    assert cli("session", "--plan", str(plan_file), "--script", str(bad), "--fast").exit_code == 3
    result = cli("session", "--plan", str(plan_file), "--script", str(bad), "--fast")
    assert "Using your safety check from " not in result.stdout
    assert result.exit_code == 2  # no keyboard to answer the questions in this test


def test_two_bad_pain_stops_make_the_next_check_advise_a_professional(
    cli: Cli, plan_file: Path, clear_answers: Path, tmp_path: Path
) -> None:
    bad = script(tmp_path, "found", "bad")
    assert cli("session", "--plan", str(plan_file), "--script", str(bad), "--fast").exit_code == 3
    second = tmp_path / "second.json"
    new_plan(cli, clear_answers, second)
    stopped = cli(
        "session", "--plan", str(second), "--answers", str(clear_answers),
        "--script", str(bad), "--fast",
    )  # fmt: skip
    assert stopped.exit_code == 3
    check = cli("screen", "--answers", str(clear_answers), "--json")
    data = json.loads(check.stdout)
    assert data["level"] == "see_professional"  # two bad-pain stops: get it checked first
    assert "history:bad_pain_stops" in [r["question_id"] for r in data["reasons"]]
    assert "light_pressure_only" in data["restrictions"]
    assert any("physical therapist" in advice for advice in data["advice"])


def test_a_script_that_goes_wrong_still_saves_the_session(
    cli: Cli, plan_file: Path, tmp_path: Path
) -> None:
    from sciatica_coach.cli import journal_access

    broken = script(tmp_path, "found", "good", "maybe")
    result = cli("session", "--plan", str(plan_file), "--script", str(broken), "--fast")
    assert result.exit_code == 2
    assert "stopped and saved" in flat(result.stderr)
    sessions = journal_access.journal().sessions()
    assert [(s.status, s.stop_reason) for s in sessions] == [("stopped", "script_error")]
    assert sessions[0].record["holds_done"] == [["piriformis", "left", 1]]


def test_an_edited_plan_that_presses_the_tailbone_is_refused(
    cli: Cli, plan_file: Path, tmp_path: Path
) -> None:
    data = json.loads(plan_file.read_text())
    hold = next(s for s in data["steps"] if s["kind"] == "hold")
    hold.update(region="midline:coccyx", tool_id="lacrosse_ball", pressure="firm")
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    result = cli("session", "--plan", str(edited), "--script", str(script(tmp_path)), "--fast")
    assert result.exit_code == 3
    assert "No session now" in result.stdout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"minutes": "abc"}, "minutes must be a whole number"),
        ({"minutes": 10**400}, "minutes must be a whole number"),
        ({"steps": [{"id": "x", "kind": "hold", "title": "t", "seconds": "30"}]}, "seconds"),
    ],
)
def test_malformed_plan_values_are_explained(
    cli: Cli, plan_file: Path, tmp_path: Path, change: dict[str, object], message: str
) -> None:
    data = {**json.loads(plan_file.read_text()), **change}
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    result = cli("session", "--plan", str(edited))
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.parametrize(
    ("lines", "code"),
    [(("found", "bad"), 3), (("found", "good", "found", "good"), 0), (("found", "good"), 0)],
    ids=["bad_pain", "finished", "stopped_early"],
)
def test_every_way_a_session_ends_closes_with_the_safety_net(
    cli: Cli, plan_file: Path, tmp_path: Path, lines: tuple[str, ...], code: int
) -> None:
    result = cli(
        "session", "--plan", str(plan_file), "--script", str(script(tmp_path, *lines)), "--fast"
    )
    assert result.exit_code == code
    tail = flat(" ".join(result.stdout.rstrip().splitlines()[-20:]))
    assert "When to get emergency care" in tail
    assert "Do not drive yourself." in tail
