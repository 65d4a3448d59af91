"""``sciatica-coach describe TEXT``: the description in plain words (places, feelings, the
check questions it may speak to with the words quoted, what it said no to, what is not the
person's own symptom now) and the emergency signs beside any red flag; ``--json`` exactly as
the service gives it; exit 2 and a plain message for text that cannot be read."""

from __future__ import annotations

import json
import shlex

import pytest

from sciatica_coach.cli.app import app
from sciatica_coach.cli.describe_command import typed_again
from sciatica_coach.coach.describe import DESCRIBE_LIMIT, describe_text
from sciatica_coach.content import KnowledgeBase

from .conftest import Cli, flat

LEG = "burning down the outside of my left leg to the ankle"
WIPE = "my bum cheek hurts and it feels numb when I wipe"


def test_json_is_the_description_exactly(cli: Cli, kb: KnowledgeBase) -> None:
    assert cli.json("describe", LEG) == describe_text(kb, LEG).to_json()
    assert cli.json("describe", WIPE) == describe_text(kb, WIPE).to_json()


def test_the_words_need_no_quotes(cli: Cli, kb: KnowledgeBase) -> None:
    assert cli.json("describe", *LEG.split()) == describe_text(kb, LEG).to_json()


def test_a_dash_reads_the_text_from_standard_input(cli: Cli, kb: KnowledgeBase) -> None:
    done = cli("describe", "-", "--json", typed=f"{LEG}\n")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout) == describe_text(kb, LEG).to_json()


def test_places_and_feelings_in_words(cli: Cli) -> None:
    done = cli("describe", LEG)
    assert done.exit_code == 0, done.stderr
    said = flat(done.stdout)
    assert "Where" in said and "Outer thigh (left)" in said
    assert "How it feels" in said and "burning" in said
    assert "When to get emergency care" not in said  # no red flag: no emergency signs
    assert "serious problem" not in said
    assert "Next:" in said and "sciatica-coach match --where left:thigh_lateral" in said


def test_a_red_flag_is_shown_with_its_question_its_words_and_the_emergency_signs(
    cli: Cli, kb: KnowledgeBase
) -> None:
    done = cli("describe", WIPE)
    assert done.exit_code == 0, done.stderr
    said = flat(done.stdout)
    question = kb.screening.question_by_id["saddle_numbness"].question
    assert "What you wrote may speak to these check questions" in said
    assert " ".join(question.split()) in said
    assert "Yes, from “" in said and "wipe" in said
    assert kb.screening.safety_net.title in said  # the emergency signs, as the check shows
    assert "can be a sign of a serious problem: take the safety check now" in said
    assert said.index("What you wrote may speak") < said.index(kb.screening.safety_net.title)
    at_once = " ".join(kb.screening.logged_signs.text.emergency.split())
    assert said.index(at_once) < said.index("What you wrote may speak")  # now comes first


def test_an_urgent_sign_says_a_doctor_today_first_and_a_calm_text_says_neither(
    cli: Cli, kb: KnowledgeBase
) -> None:
    text = kb.screening.logged_signs.text
    urgent = flat(cli("describe", "I have had a fever and chills since yesterday").stdout)
    assert " ".join(text.urgent.split()) in urgent
    assert " ".join(text.emergency.split()) not in urgent
    calm = flat(cli("describe", "dull ache in my left buttock").stdout)
    assert " ".join(text.urgent.split()) not in calm
    assert " ".join(text.emergency.split()) not in calm


def test_a_denial_is_shown_and_the_check_will_still_ask(cli: Cli, kb: KnowledgeBase) -> None:
    done = cli("describe", "pain in my left calf, no fever")
    assert done.exit_code == 0, done.stderr
    said = flat(done.stdout)
    fever = kb.screening.question_by_id["fever"].question
    assert "These sound like a no" in said
    assert " ".join(fever.split()) in said
    assert "you said: “no fever” (the check will still ask)" in said


def test_what_is_not_the_persons_own_is_set_apart(cli: Cli) -> None:
    done = cli("describe", "my mum had cancer and my left calf burns")
    assert done.exit_code == 0, done.stderr
    said = flat(done.stdout)
    assert "Not counted as your symptoms now" in said
    assert "had cancer” (about someone else)" in said.split("Not counted as your symptoms now")[1]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Write a few words about your pain"),
        ("   ", "Write a few words about your pain"),
        ("12345 !!!", "Nothing in that could be read"),
        ("qwzx plorf vrrk", "Nothing in that could be read"),
        ("a" * (DESCRIBE_LIMIT + 1), f"at most {DESCRIBE_LIMIT} characters"),
    ],
)
def test_text_that_cannot_be_read_exits_2_with_a_plain_message(
    cli: Cli, text: str, says: str
) -> None:
    for extra in ((), ("--json",)):
        done = cli("describe", text, *extra)
        assert done.exit_code == 2
        assert done.stdout == ""
        assert says in flat(done.stderr)
        assert "Traceback" not in done.stderr


def test_no_text_at_all_is_a_usage_error(cli: Cli) -> None:
    done = cli("describe")
    assert done.exit_code == 2
    assert "Traceback" not in done.stderr


def test_escape_codes_in_the_text_are_shown_not_sent(cli: Cli) -> None:
    done = cli("describe", "\x1b[2J\x1b]0;pwned\x07burning down the outside of my left leg")
    assert done.exit_code == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout


def test_no_line_is_wider_than_80_columns(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    text = f"{WIPE}. {LEG}, no fever, my mum had cancer, not sure if my foot is numb"
    done = cli("describe", text)
    assert done.exit_code == 0, done.stderr
    assert max(len(line) for line in done.stdout.splitlines()) <= 80


def test_bytes_that_are_not_utf8_are_read_not_a_crash(cli: Cli) -> None:
    done = cli.runner.invoke(
        app, ["describe", "-", "--json"], input=b"burning in my left calf \xff\xfe\n"
    )
    assert done.exit_code == 0, done.stderr
    assert "burning" in json.loads(done.stdout)["feels"]
    argv = cli("describe", "burning in my left calf \udcff", "--json")  # as Python reads argv
    assert argv.exit_code == 0, argv.stderr


def test_a_huge_standard_input_is_refused_without_reading_it_whole(cli: Cli) -> None:
    done = cli("describe", "-", typed="left calf " * 200_000)
    assert done.exit_code == 2
    assert "at most 2000 characters" in flat(done.stderr)


def test_the_next_step_starts_the_check_with_the_words_when_they_speak_to_it(cli: Cli) -> None:
    said = flat(cli("describe", WIPE).stdout)
    assert f'sciatica-coach screen --describe "{WIPE}"' in said
    assert "--describe" not in flat(cli("describe", LEG).stdout)  # nothing to fill in


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("numb when I wipe, can't sit", '"numb when I wipe, can\'t sit"'),
        ('my "sciatica" costs $5', "'my \"sciatica\" costs $5'"),
        ("it's `bad`!", "'it'\"'\"'s `bad`!'"),
    ],
)
def test_the_words_are_typed_again_as_a_shell_reads_them(text: str, typed: str) -> None:
    assert typed_again(text) == typed
    assert shlex.split(typed) == [text]
