"""``sciatica-coach screen``: from a file, interactively, and with bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sciatica_coach.content import KnowledgeBase

from ..domain.screening_cases import SPEC, all_clear
from .conftest import Cli, flat


def answers_file(tmp_path: Path, answers: dict[str, object]) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    return str(path)


def test_it_allows_a_session_with_exit_code_0(cli: Cli, tmp_path: Path) -> None:
    result = cli("screen", "--answers", answers_file(tmp_path, all_clear()), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["level"] == "ok"
    assert data["session_allowed"] is True


def test_it_refuses_a_session_with_exit_code_3_and_cites_sources(cli: Cli, tmp_path: Path) -> None:
    path = answers_file(tmp_path, all_clear() | {"bladder_change": True, "anticoagulants": True})
    result = cli("screen", "--answers", path, "--json")
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["level"] == "emergency"
    assert data["session_allowed"] is False
    first = data["reasons"][0]
    assert first["question_id"] == "bladder_change"
    assert {s["id"] for s in first["sources"]} >= {"nhs_cauda_equina", "finucane_2020"}
    assert all(s["title"] for s in first["sources"])
    assert data["restrictions"] == [
        "light_pressure_only",
        "no_belly_pressure",
        "no_hard_ball",
        "no_massage_gun",
    ]


def test_it_shows_the_emergency_before_anything_else(cli: Cli, tmp_path: Path) -> None:
    path = answers_file(tmp_path, all_clear() | {"anticoagulants": True, "both_legs": True})
    result = cli("screen", "--answers", path)
    assert result.exit_code == 3
    out = flat(result.stdout)
    both_legs = kb_question("both_legs")[:40]
    blood_thinners = kb_question("anticoagulants")[:40]
    assert out.index("Emergency: get help now") < out.index(both_legs) < out.index(blood_thinners)
    assert "both_legs" not in out and "anticoagulants" not in out  # words, not ids


def test_it_shows_limits_in_plain_words(cli: Cli, tmp_path: Path) -> None:
    path = answers_file(tmp_path, all_clear() | {"skin_problem_areas": ["left:heel"]})
    result = cli("screen", "--answers", path)
    assert result.exit_code == 0
    assert "Limits for your sessions" in result.stdout
    assert "Stay off some areas (Heel (left))" in flat(result.stdout)
    assert "left:heel" not in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON (line 1"),
        ("[1, 2]", "must hold a JSON object"),
        (json.dumps(all_clear() | {"pain_now": 11}), "pain_now: Give a whole number from 0 to 10"),
        (json.dumps({"fever": True}), "saddle_numbness: Please answer this question"),
    ],
)
def test_it_rejects_bad_answer_files_with_exit_code_2(
    cli: Cli, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "answers.json"
    path.write_text(content)
    result = cli("screen", "--answers", str(path))
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr


def test_it_rejects_a_missing_answers_file(cli: Cli, tmp_path: Path) -> None:
    result = cli("screen", "--answers", str(tmp_path / "nope.json"))
    assert result.exit_code == 2
    assert "no answers file" in result.stderr


def typed(kb: KnowledgeBase, answers: dict[str, object]) -> str:
    lines = []
    for question in kb.screening.questions:
        if question.from_journal:
            continue
        value = answers[question.id]
        if isinstance(value, bool):
            lines.append("yes" if value else "no")
        elif isinstance(value, list):
            lines.append(",".join(value) or "none")
        else:
            lines.append(str(value))
    return "\n".join(lines) + "\n"


def test_it_stops_asking_at_the_first_emergency(cli: Cli) -> None:
    result = cli("screen", typed="no\nyes\n")
    assert result.exit_code == 3
    assert "Emergency: get help now" in result.stdout
    assert "fever" not in result.stdout.lower()
    assert result.stdout.count("Answer yes, no or not sure") == 2


@pytest.mark.parametrize("word", ["?", "not sure", "NOT SURE", "Not_sure"])
def test_it_takes_not_sure_as_an_answer_and_counts_it_as_yes_on_a_red_flag(
    cli: Cli, word: str
) -> None:
    result = cli("screen", "--json", typed=f"{word}\n")
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["level"] == "emergency"
    assert data["unsure"] == ["saddle_numbness"]
    assert data["answers"]["saddle_numbness"] == "not_sure"


@pytest.mark.parametrize("word", ["y", "Y", "yes", "YES"])
def test_it_takes_yes_in_any_case(cli: Cli, word: str) -> None:
    result = cli("screen", "--json", typed=f"{word}\n")
    assert json.loads(result.stdout)["answers"]["saddle_numbness"] is True


def test_it_never_asks_what_the_journal_knows(cli: Cli, kb: KnowledgeBase) -> None:
    result = cli("screen", "--json", typed=typed(kb, all_clear()))
    assert result.exit_code == 0
    assert "How many self-massage sessions" not in result.stderr
    assert json.loads(result.stdout)["answers"]["sessions_today"] == 0


def test_every_result_but_an_emergency_ends_with_the_safety_net(
    cli: Cli, kb: KnowledgeBase, tmp_path: Path
) -> None:
    for extra in ({}, {"osteoporosis": True}, {"flare": True}, {"numbness": True}, {"fever": True}):
        path = answers_file(tmp_path, all_clear() | extra)
        result = cli("screen", "--answers", str(path))
        tail = result.stdout.rstrip().splitlines()[-20:]
        text = " ".join(tail)
        assert kb.screening.safety_net.title in text, extra
        assert "Do not drive yourself." in text, extra
        data = json.loads(cli("screen", "--answers", str(path), "--json").stdout)
        assert data["safety_net"]["action"] == kb.screening.safety_net.action
    emergency = cli("screen", "--answers", str(answers_file(tmp_path, {"both_legs": True})))
    assert "Do not wait for a GP appointment" in emergency.stdout


def test_it_asks_every_question_and_saves_the_answers(
    cli: Cli, kb: KnowledgeBase, tmp_path: Path
) -> None:
    answers = all_clear() | {"osteoporosis": True, "skin_problem_areas": ["right:heel"]}
    answers["sessions_today"] = 0  # from the (empty) journal, not asked
    saved = tmp_path / "saved.json"
    result = cli("screen", "--save-answers", str(saved), typed=typed(kb, answers))
    assert result.exit_code == 0, result.stdout
    assert "Go ahead, with care" in result.stdout
    assert json.loads(saved.read_text()) == answers
    assert len(json.loads(saved.read_text())) == len(SPEC)


def test_it_asks_again_after_a_bad_answer_and_loses_nothing(cli: Cli, kb: KnowledgeBase) -> None:
    typed_in = typed(kb, all_clear()).replace("\n7\n", "\n11\n7\n", 1)
    result = cli("screen", "--json", typed=typed_in)
    assert result.exit_code == 0
    assert "give a whole number from 0 to 10" in result.stderr
    assert json.loads(result.stdout)["answers"]["pain_now"] == 7


def test_it_says_so_when_the_questions_are_cut_short(cli: Cli) -> None:
    result = cli("screen", typed="no\nno\n")
    assert result.exit_code == 2
    assert "stopped before it was finished" in result.stderr


def test_a_red_flag_from_the_last_hour_stands_unless_it_was_a_mistake(
    cli: Cli, tmp_path: Path
) -> None:
    emergency = tmp_path / "emergency"
    emergency.mkdir()
    assert (
        cli(
            "screen", "--answers", answers_file(emergency, all_clear() | {"both_legs": True})
        ).exit_code
        == 3
    )
    clear = answers_file(tmp_path, all_clear())
    refused = cli("screen", "--answers", clear)
    assert refused.exit_code == 2
    said = " ".join(refused.stderr.split())
    assert "stand for an hour" in said and "screen --answered-by-mistake" in said
    assert cli("screen", "--answers", clear, "--answered-by-mistake").exit_code == 0


def kb_question(question_id: str) -> str:
    from sciatica_coach.content import default_knowledge_base

    return next(q.question for q in default_knowledge_base().screening.questions
                if q.id == question_id)  # fmt: skip
