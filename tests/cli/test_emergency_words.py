"""The terminal's side of one emergency list and the emergency number: ``warning-signs`` and
``learn when_to_stop`` show the one list, ``config`` keeps the country, and the safety net
and an emergency result name the number to call once it is chosen."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sciatica_coach.content import default_knowledge_base

from .checks import answers_file, full_answers
from .conftest import Cli, Clock, flat
from .test_session_command import plan_file, script  # noqa: F401  (a fixture)

KB = default_knowledge_base()


def test_warning_signs_and_learn_show_the_one_list(cli: Cli) -> None:
    for args in (("warning-signs",), ("learn", "when_to_stop")):
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
        shown = flat(result.stdout)
        for sign in KB.emergency_signs:
            assert flat(sign.text) in shown, (args, sign.id)
        assert "nhs.uk/conditions/cauda-equina-syndrome" in shown  # with the signs' sources
    data = cli.json("warning-signs")
    assert [s["text"] for s in data[0]["signs"]] == [s.text for s in KB.emergency_signs]


def test_the_country_is_set_shown_and_forgotten(cli: Cli) -> None:
    shown = flat(cli("config", "show").stdout)
    assert "country (not chosen)" in shown
    assert "config set country GB" in shown
    saved = cli("config", "set", "country", "united kingdom")
    assert saved.exit_code == 0, saved.stderr
    assert "In an emergency, call 999." in flat(saved.stdout)
    assert "country United Kingdom (GB): call 999" in flat(cli("config", "show").stdout)
    assert cli("config", "unset", "country").exit_code == 0
    assert "country (not chosen)" in flat(cli("config", "show").stdout)
    refused = cli("config", "set", "country", "Narnia")
    assert refused.exit_code == 2
    assert "GB (United Kingdom)" in flat(refused.stderr)
    listed = flat(cli("config", "countries").stdout)
    assert "AU Australia: 000" in listed and "digital-strategy.ec.europa.eu" in listed


def test_the_safety_net_names_the_number_once_the_country_is_chosen(cli: Cli) -> None:
    before = flat(cli("status").stdout)
    assert KB.screening.safety_net.title in before and "Call 999" not in before
    cli("config", "set", "country", "GB")
    assert "Call 999: the emergency number for your country, United Kingdom." in flat(
        cli("status").stdout
    )


def test_a_stop_names_the_spot_plainly(
    cli: Cli,
    plan_file: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    bad = script(tmp_path, "found", "bad")
    result = cli("session", "--plan", str(plan_file), "--script", str(bad), "--fast")
    assert result.exit_code == 3
    shown = flat(result.stdout)
    assert "Spot: Piriformis, inner point (left)" in shown
    assert "Spot: Hold" not in shown


def test_an_emergency_result_names_the_number_once_a_country_is_chosen(
    cli: Cli, tmp_path: Path, clock: Clock
) -> None:
    path = answers_file(tmp_path, full_answers(saddle_numbness=True))
    before = cli("screen", "--answers", path)
    assert before.exit_code == 3
    assert "config set country GB" in flat(before.stdout)
    assert json.loads(cli("screen", "--answers", path, "--json").stdout)["emergency_number"] is None
    cli("config", "set", "country", "IE")
    clock.advance(minutes=1)
    after = flat(cli("screen", "--answers", path).stdout)
    assert "Call 112: the emergency number for your country, Ireland." in after
    data = json.loads(cli("screen", "--answers", path, "--json").stdout)
    assert data["emergency_number"] == {"country": "IE", "name": "Ireland", "number": "112"}


def test_reason_boxes_name_their_topic_not_another_level(
    cli: Cli, tmp_path: Path, clock: Clock
) -> None:
    """I12: a "Skip massage today" result had boxes titled "Go ahead, with care"."""
    path = answers_file(tmp_path, full_answers(pain_now=9, anticoagulants=True))
    result = cli("screen", "--answers", path)
    assert result.exit_code == 3
    titles = re.findall(r"╭─ (.+?) ─+╮", result.stdout)
    levels = {level.title for level in KB.screening.levels}
    assert titles[0] == "Skip massage today"
    net = KB.screening.safety_net
    boxes = [t for t in titles[1:] if t not in (net.title, net.today_title)]
    assert boxes and not levels & set(boxes), boxes
    topics = {t.title for t in KB.screening.topics} | {KB.screening.health_history.title}
    assert set(boxes) <= topics | {"From your journal"}, boxes


def test_each_piece_of_advice_is_said_once(cli: Cli, tmp_path: Path, clock: Clock) -> None:
    path = answers_file(tmp_path, full_answers(pain_now=9))
    shown = flat(cli("screen", "--answers", path).stdout)
    advice = KB.screening.question_by_id["pain_now"].rule.advice
    assert advice and shown.count(flat(advice)) == 1
