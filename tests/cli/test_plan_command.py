"""``sciatica-coach plan`` as a person and a script would use it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.domain.screening_cases import all_clear

from .conftest import Cli, Clock


def answers_file(tmp_path: Path, **changes: object) -> Path:
    path = tmp_path / "screening.json"
    path.write_text(json.dumps({**all_clear(), **changes}), encoding="utf-8")
    return path


def test_it_plans_from_where_it_hurts(cli: Cli, clear_answers: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = cli(
        "plan",
        "--where", "left:buttock_center,left:sacroiliac,left:hip_lateral",
        "--tools", "tennis_ball,heat",
        "--minutes", "20",
        "--answers", str(clear_answers),
        "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Your routine" in result.stdout
    assert "Piriformis" in result.stdout
    assert "(3 sets of 30 seconds, left side, timed)" in result.stdout
    saved = json.loads(out.read_text())
    assert saved["targets"][0]["muscle_id"] == "piriformis"
    assert saved["steps"][0]["kind"] == "safety"


def test_it_prints_json(cli: Cli, clear_answers: Path) -> None:
    data = cli.json("plan", "--muscles", "hamstrings:right", "--answers", str(clear_answers))
    plan = data["plan"]
    assert [t["muscle_id"] for t in plan["targets"]] == ["hamstrings"]
    assert plan["estimated_seconds"] <= 15 * 60


def test_a_red_flag_means_no_plan(cli: Cli, tmp_path: Path) -> None:
    flagged = answers_file(tmp_path, both_legs=True)
    result = cli("plan", "--muscles", "piriformis:left", "--answers", str(flagged))
    assert result.exit_code == 3
    assert "Emergency" in result.stdout
    assert "Your routine" not in result.stdout
    as_json = cli("plan", "--muscles", "piriformis:left", "--answers", str(flagged), "--json")
    assert as_json.exit_code == 3
    assert json.loads(as_json.stdout)["plan"] is None


def test_it_asks_the_screening_when_no_answers_are_given(
    cli: Cli, clock: Clock, tmp_path: Path
) -> None:
    first = answers_file(tmp_path)  # a whole check, health history and all, two hours ago
    assert cli("screen", "--answers", str(first)).exit_code == 0
    clock.advance(hours=2)
    typed = "yes\n"  # the first emergency question
    result = cli("plan", "--muscles", "piriformis:left", typed=typed)
    assert result.exit_code == 3
    assert "Safety check" in result.stdout
    assert "Emergency: get help now" in result.stdout


def test_it_explains_bad_input(cli: Cli, clear_answers: Path) -> None:
    cases = [
        (["--muscles", "pirifomis:left"], "Did you mean: piriformis"),
        (["--muscles", "piriformis"], "say which side"),
        (["--muscles", "piriformis:left", "--tools", "spoon"], "Unknown tool"),
        (["--muscles", "piriformis:left", "--minutes", "3"], "Choose between 5 and 60 minutes"),
        (["--muscles", "piriformis:left", "--experience", "guru"], "--experience"),
        ([], "say where it hurts"),
    ]
    for args, message in cases:
        result = cli("plan", *args, "--answers", str(clear_answers))
        assert result.exit_code == 2, (args, result.stdout)
        assert message in result.stderr, (args, result.stderr)


def test_a_map_that_contradicts_the_safety_answers_gets_no_plan(
    cli: Cli, clear_answers: Path
) -> None:
    both_legs = "left:thigh_posterior,right:thigh_posterior"
    result = cli("plan", "--where", both_legs, "--answers", str(clear_answers))
    assert result.exit_code == 3
    assert "You marked both legs" in " ".join(result.stdout.split())
    numb = cli(
        "plan", "--where", "left:buttock_center", "--feels", "numbness",
        "--answers", str(clear_answers), "--json",
    )  # fmt: skip
    assert numb.exit_code == 3
    assert json.loads(numb.stdout)["plan"] is None


def test_the_matching_notes_come_with_the_plan(cli: Cli, clear_answers: Path) -> None:
    data = cli.json(
        "plan", "--where", "left:buttock_center,left:hip_lateral", "--feels", "burning",
        "--answers", str(clear_answers),
    )  # fmt: skip
    assert "nerve_signs" in [n["id"] for n in data["match_notes"]]


def test_a_muscle_named_twice_is_planned_once(cli: Cli, clear_answers: Path) -> None:
    data = cli.json(
        "plan", "--muscles", "piriformis:left,piriformis:left", "--minutes", "60",
        "--where", "left:buttock_center,left:sacroiliac,left:hip_lateral",
        "--answers", str(clear_answers),
    )  # fmt: skip
    holds = [s for s in data["plan"]["steps"] if s["kind"] == "hold"]
    spots = [(s["muscle_id"], s["side"], s["spot"]) for s in holds]
    assert len(spots) == len(set(spots))


def test_config_defaults_are_used_when_plan_is_not_told(cli: Cli, clear_answers: Path) -> None:
    assert cli("config", "set", "tools", "Tennis-Ball").exit_code == 0
    assert cli("config", "set", "minutes", "20").exit_code == 0
    shown = cli("config", "show").stdout
    assert "Tennis ball" in shown and "20" in shown
    made = cli.json("plan", "--where", "left:buttock_center", "--answers", str(clear_answers))
    assert made["plan"]["minutes"] == 20
    assert {t["tool_id"] for t in made["plan"]["targets"]} == {"tennis_ball"}
    told = cli.json("plan", "--where", "left:buttock_center", "--minutes", "10",
                    "--tools", "thumb_fingers", "--answers", str(clear_answers))  # fmt: skip
    assert told["plan"]["minutes"] == 10
    assert {t["tool_id"] for t in told["plan"]["targets"]} == {"thumb_fingers"}
    refused = cli("config", "set", "minutes", "500")
    assert refused.exit_code == 2 and "between" in refused.stderr
