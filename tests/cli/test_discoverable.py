"""Names a person can find and type: the places on the body map, ids in any case or by name,
suggestions for a slip, the next command, and a find-the-spot step short enough to read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sciatica_coach.cli.session_player import KeyboardInputs, Player
from sciatica_coach.content import KnowledgeBase, UnknownIdError
from sciatica_coach.domain.plan_model import plan_from_json
from sciatica_coach.domain.session import start_session

from .conftest import Cli, flat


def test_regions_lists_every_place_by_name(cli: Cli, kb: KnowledgeBase) -> None:
    shown = cli("regions")
    assert shown.exit_code == 0
    assert "left:buttock_center" in shown.stdout and "Middle of the buttock (left)" in shown.stdout
    assert shown.stdout.index("Seen from the back") < shown.stdout.index("Seen from the front")
    listed = cli.json("regions")
    assert {p["view"] for p in listed} == {"back", "front"}
    assert len(listed) == sum(2 if r.sided else 1 for r in kb.regions.values())


@pytest.mark.parametrize(
    ("command", "shows"),
    [
        (["tool", "Tennis-Ball"], "Tennis ball"),
        (["tool", "tennis ball"], "Tennis ball"),
        (["learn", "Trigger-Points"], "trigger points"),
        (["muscle", "Gluteus Medius"], "Gluteus medius"),
        (["exercise", "GLUTE-BRIDGE"], "Glute bridge"),
        (["faq", "how-often"], "How often"),
    ],
)
def test_ids_are_read_in_any_case_with_hyphens_spaces_or_as_names(
    cli: Cli, command: list[str], shows: str
) -> None:
    result = cli(*command)
    assert result.exit_code == 0, result.stderr
    assert shows.lower() in result.stdout.lower()


def test_a_slip_gets_a_suggestion(cli: Cli, clear_answers: Path) -> None:
    assert "Did you mean: tennis_ball" in flat(cli("tool", "tenis ball").stderr)
    plan = cli("plan", "--where", "left:heel", "--tools", "tenis-ball", "--answers",
               str(clear_answers))  # fmt: skip
    assert plan.exit_code == 2 and "Did you mean: tennis_ball" in flat(plan.stderr)
    feels = cli("match", "--where", "left:heel", "--feels", "akhe")
    assert feels.exit_code == 2 and "Did you mean ache" in flat(feels.stderr)
    where = cli("match", "--where", "left:butock_center,left:thigh_posteror")
    said = flat(where.stderr)
    assert "left:buttock_center" in said and "left:thigh_posterior" in said
    assert "sciatica-coach regions" in said


def test_tools_and_format_are_forgiving(cli: Cli, clear_answers: Path, tmp_path: Path) -> None:
    plan = cli("plan", "--where", "left:buttock_center", "--tools", "Tennis-Ball",
               "--answers", str(clear_answers), "--json")  # fmt: skip
    assert plan.exit_code == 0, plan.stderr
    assert {t["tool_id"] for t in json.loads(plan.stdout)["plan"]["targets"]} == {"tennis_ball"}
    assert cli("export", "--format", "JSON").exit_code == 0


def test_feelings_need_places(cli: Cli) -> None:
    refused = cli("log", "pain", "3", "--feels", "ache,burning")
    assert refused.exit_code == 2 and "feels like that" in flat(refused.stderr)


def test_each_step_says_what_comes_next(cli: Cli, clear_answers: Path, tmp_path: Path) -> None:
    screened = flat(cli("screen", "--answers", str(clear_answers)).stdout)
    assert "Next: mark where it hurts and get a routine, with sciatica-coach plan" in screened
    planned = flat(cli("plan", "--where", "left:buttock_center", "--answers",
                       str(clear_answers)).stdout)  # fmt: skip
    assert "Start it with: sciatica-coach session" in planned
    answers = tmp_path / "script.txt"
    answers.write_text("found\ngood\n" * 6, encoding="utf-8")
    played = flat(cli("session", "--script", str(answers), "--fast", "--pain-after", "2").stdout)
    assert "Playing your plan: Piriformis (left)" in played
    assert "Next: how you feel later, with sciatica-coach log pain" in played


def test_import_counts_in_words_and_says_how_to_start_afresh(cli: Cli, tmp_path: Path) -> None:
    cli("log", "pain", "4")
    out = tmp_path / "all.json"
    assert cli("export", "--out", str(out)).exit_code == 0
    refused = flat(cli("import", str(out)).stderr)
    assert "SCIATICA_COACH_HOME=" in refused


def test_a_spot_to_find_is_shown_short_and_whole_on_i(
    kb: KnowledgeBase,
    clear_answers: Path,
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = cli("plan", "--where", "left:buttock_center", "--answers", str(clear_answers), "--json")
    plan = plan_from_json(json.loads(made.stdout)["plan"])
    step = next(s for s in plan.steps if s.kind == "find_spot")
    player = Player(kb, None, None, None, None, start_session(plan))  # type: ignore[arg-type]
    short = player._in_short(step)
    assert len(short) <= 4 < len(step.instructions)
    assert short[0] == step.instructions[0]
    assert any("nerve" in line for line in short)  # the warning stays on screen
    typed = iter(["i", "y"])
    monkeypatch.setattr("builtins.input", lambda: next(typed))
    from rich.console import Console

    console = Console(record=True, width=60)
    assert KeyboardInputs(console).found(step.instructions) is True
    assert step.instructions[2][:30] in " ".join(console.export_text().split())


def test_an_unknown_name_is_still_an_error(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownIdError):
        kb.tools.find("hammer")
    assert kb.tools.find(" Tennis  Ball ").id == "tennis_ball"
    assert kb.tools.find("Thumb or fingers").id == "thumb_fingers"
