"""The knowledge-base commands, as a person and as a script would use them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from sciatica_coach.content import KnowledgeBase

from .conftest import Cli, flat

LIST_COMMANDS = [
    "learn",
    "muscles",
    "tools",
    "exercises",
    "faq",
    "habits",
    "warning-signs",
    "professionals",
    "sources",
]
SHOW_COMMANDS = [
    ("learn", "good_vs_bad_pain"),
    ("muscle", "piriformis"),
    ("tool", "tennis_ball"),
    ("tools", "foam_roller"),
    ("exercise", "glute_bridge"),
    ("exercises", "hamstring_stretch"),
    ("faq", "how_often"),
]


def test_it_lists_every_education_topic(cli: Cli, kb: KnowledgeBase) -> None:
    result = cli("learn")
    assert result.exit_code == 0
    for topic in kb.topics.values():
        assert topic.id in result.stdout
    for required in (
        "what_is_sciatica",
        "trigger_points",
        "referred_pain",
        "good_vs_bad_pain",
        "how_long_to_hold",
        "when_to_stop",
        "who_can_help",
    ):
        assert required in kb.topics


def test_it_shows_one_topic_with_its_sources(cli: Cli, kb: KnowledgeBase) -> None:
    result = cli("learn", "good_vs_bad_pain")
    assert result.exit_code == 0
    topic = kb.topics["good_vs_bad_pain"]
    assert topic.title in result.stdout
    assert "Sources" in result.stdout
    assert "How to Massage Sciatica Trigger Points Safely" in flat(result.stdout)
    assert "[guide]" not in result.stdout  # the title, not the id


def test_it_shows_everything_about_a_muscle(cli: Cli, kb: KnowledgeBase) -> None:
    result = cli("muscle", "piriformis")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    muscle = kb.muscles["piriformis"]
    technique = kb.techniques[muscle.technique]
    for heading in (
        "Where it is",
        "How to find it",
        "Trigger points",
        "Where it can send pain",
        "Technique",
        "Tools that fit",
        "Take care",
        "Stretches",
        "Strengthening",
    ):
        assert heading in out
    assert f"Technique: {technique.name}" in out
    for tool in technique.tools:
        assert kb.tools[tool].name in out
    for exercise in muscle.stretches + muscle.strengthening:
        assert kb.exercises[exercise].name in out


def test_it_gives_a_muscle_as_json_with_full_sources(cli: Cli) -> None:
    data = cli.json("muscle", "piriformis")
    assert data["muscle"]["id"] == "piriformis"
    assert [s["id"] for s in data["muscle"]["sources"]] == ["guide", "travell_simons"]
    assert data["technique"]["id"] == "piriformis_release"
    assert {"locate", "hold"} <= {s["id"] for s in data["technique"]["steps"]}
    assert all("title" in s for s in data["sources"])
    assert data["tools"] and data["stretches"] and data["strengthening"]
    assert data["refers_to"][0]["label"]


@pytest.mark.parametrize("command", LIST_COMMANDS)
def test_it_lists_as_json_with_sources(cli: Cli, command: str) -> None:
    data = cli.json(command)
    assert isinstance(data, list) and data
    for item in data:
        assert item["id"]
        if command != "sources":
            assert item["sources"] and all("title" in s for s in item["sources"])


@pytest.mark.parametrize(("command", "item"), SHOW_COMMANDS)
def test_it_shows_one_item_in_text_and_json(cli: Cli, command: str, item: str) -> None:
    assert cli(command, item).exit_code == 0
    data = cli.json(command, item)
    assert item in str(data)


def test_it_filters_exercises_by_kind(cli: Cli) -> None:
    stretches = cli.json("exercises", "--kind", "stretch")
    assert stretches and all(e["kind"] == "stretch" for e in stretches)


def test_it_says_what_a_tool_is_used_for(cli: Cli) -> None:
    data = cli.json("tool", "tennis_ball")
    assert data["tool"]["intensity"] == "gentle"
    assert "piriformis_release" in data["used_in"]


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (["muscle", "pirifomis"], "piriformis"),
        (["learn", "good_pain"], "good_vs_bad_pain"),
        (["tool", "tenis_ball"], "tennis_ball"),
        (["exercise", "glute_bridges"], "glute_bridge"),
        (["faq", "how_oftn"], "how_often"),
    ],
)
def test_it_suggests_the_closest_id_for_an_unknown_one(
    cli: Cli, args: list[str], suggestion: str
) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert "Did you mean" in result.stderr
    assert suggestion in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_it_lists_valid_ids_when_nothing_is_close(cli: Cli) -> None:
    result = cli("muscle", "zzz")
    assert result.exit_code == 2
    assert "Valid muscle ids" in result.stderr
    assert "soleus" in result.stderr


@pytest.mark.parametrize(
    "command",
    [*LIST_COMMANDS, "muscle", "tool", "exercise"],
)
def test_it_has_help_for_every_command(cli: Cli, command: str) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert "--json" in result.stdout


def test_it_rejects_a_bad_option_with_exit_code_2(cli: Cli) -> None:
    assert cli("exercises", "--kind", "yoga").exit_code == 2


def test_it_runs_as_an_installed_command_without_tracebacks() -> None:
    script = os.path.join(os.path.dirname(sys.executable), "sciatica-coach")
    done = subprocess.run([script, "muscle", "nope"], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "Unknown muscle 'nope'" in done.stderr
    assert "Traceback" not in done.stderr


def test_warning_signs_put_the_emergency_signs_first(cli: Cli) -> None:
    text = " ".join(cli("warning-signs").stdout.split())
    assert text.index("Get emergency care now") < text.index("Stop self-massage at once")
    data = cli.json("warning-signs")
    assert data[0]["id"] == "emergency_signs" and data[0]["kind"] == "emergency"
    kinds = [sign["kind"] for sign in data]
    assert kinds == sorted(kinds, key=["emergency", "stop_now", "see_professional"].index)
