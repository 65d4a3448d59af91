"""``screen --describe TEXT``: the check asked with the answers the words give filled in (Enter
keeps them, the words shown), and a question they say no to asked as any other."""

from __future__ import annotations

from pathlib import Path

from sciatica_coach.content import KnowledgeBase

from .checks import first_check
from .conftest import Cli, Clock, flat

WIPE = "my bum cheek hurts and it feels numb when I wipe"
DENIALS = "Pain in right buttock. No fever, bladder and bowels are normal, no numbness down below."


def test_enter_keeps_the_answer_the_words_gave(cli: Cli, clock: Clock) -> None:
    done = cli("screen", "--describe", WIPE, typed="\n")
    assert done.exit_code == 3
    said = flat(done.stdout)
    assert "From what you wrote: “" in said and "wipe" in said
    assert "(y / n / ?) (yes):" in said
    assert "Emergency: get help now" in said


def test_a_question_the_words_say_no_to_is_asked_with_nothing_filled_in(
    cli: Cli, clock: Clock, kb: KnowledgeBase
) -> None:
    done = cli("screen", "--describe", DENIALS, typed=first_check(kb))
    assert done.exit_code == 0, done.stdout[-2000:]
    said = flat(done.stdout)
    assert "From what you wrote" not in said
    assert "(yes):" not in said and "(not sure):" not in said
    assert "Go ahead" in said


def test_describe_and_an_answers_file_do_not_go_together(cli: Cli, clear_answers: Path) -> None:
    done = cli("screen", "--describe", WIPE, "--answers", str(clear_answers))
    assert done.exit_code == 2
    assert "not both" in done.stderr


def test_words_that_cannot_be_read_exit_2_before_any_question(cli: Cli) -> None:
    done = cli("screen", "--describe", "  ")
    assert done.exit_code == 2
    assert "Write a few words about your pain" in flat(done.stderr)
    assert "Question 1" not in done.stdout
