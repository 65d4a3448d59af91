"""``describe`` in a real terminal (a pseudo-terminal, its clock fixed) offers to start the check
or the map with what was read: the check asks every question, with the text's answers filled in
(Enter keeps them) and its words shown; a question the text said no to is asked with nothing
filled in; a health-history question the text speaks to is asked again even in a history
confirmed. The map ranks the muscles for the places read, asking a side where none was said.
And at 80 columns, in tmux, nothing is wider than the terminal."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pexpect

from sciatica_coach.coach.health_history import daily_questions, history_questions
from sciatica_coach.content import KnowledgeBase

from .checks import BEGAN, answers_file, full_answers, typed
from .conftest import Cli, Clock
from .test_terminal_checks import spawn
from .tmux import terminal

WIPE = "my bum cheek hurts and it feels numb when I wipe"
DENIALS = "Pain in right buttock. No fever, bladder and bowels are normal, no numbness down below."
CANCER = "I had bowel cancer 4 years ago, now my low back hurts at night whatever position I lie in"
GLUTE = "Sharp pain in my right glute that shoots down the back of my thigh into my calf"


def start(child: pexpect.spawn[str], choice: str) -> None:
    child.expect("Start with it?")
    child.expect(r"Choose 1-\d, or Enter for neither")
    child.sendline(choice)


COLOUR = r"(?:\x1b\[[\d;]*m)*"
PROMPT = re.compile(
    rf"(or back|or none|\(y / n / \?\)|Number 0-\d+)(?: {COLOUR}\(([^)]*)\){COLOUR})?: "
)
"""The end of a question's prompt, with the answer Enter would give, if any, in brackets
(coloured in a terminal)."""


def filled_in(child: pexpect.spawn[str]) -> str | None:
    """The answer Enter would give at the question now asked, if any."""
    child.expect(PROMPT)
    found = child.match
    assert isinstance(found, re.Match)
    return found.group(2)


def test_an_emergency_sign_read_is_filled_in_and_enter_confirms_it(
    clock: Clock, own_journal: Path
) -> None:
    child = spawn(own_journal, clock(), "describe", WIPE)
    start(child, "1")
    child.expect("Question 1 of")
    child.expect("From what you wrote: “")
    assert filled_in(child) == "yes"
    child.sendline("")  # Enter: yes, as read
    child.expect("Emergency: get help now")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 3


def test_a_question_the_text_said_no_to_is_asked_with_nothing_filled_in(
    kb: KnowledgeBase, clock: Clock, own_journal: Path
) -> None:
    answers = full_answers()
    child = spawn(own_journal, clock(), "describe", DENIALS)
    child.expect("These sound like a no")
    start(child, "1")
    for question in [*daily_questions(kb), *history_questions(kb)]:
        assert filled_in(child) is None, question.id  # a denial is never an answer
        child.sendline(typed(answers[question.id]))
    child.expect("On what date did this spell of pain begin?")
    child.sendline(BEGAN)
    child.expect("Go ahead")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_a_history_question_read_is_asked_again_in_a_history_confirmed(
    kb: KnowledgeBase, cli: Cli, clock: Clock, tmp_path: Path, own_journal: Path
) -> None:
    kept = answers_file(tmp_path, full_answers())  # cancer_history: no, a week ago at most
    assert cli("screen", "--answers", kept).exit_code == 0
    clock.advance(hours=2)
    answers = full_answers()
    child = spawn(own_journal, clock(), "describe", CANCER)
    start(child, "1")
    for question in daily_questions(kb):
        shown = filled_in(child)
        if question.id == "night_pain_constant":
            assert shown == "yes"
            child.sendline("")
        else:
            assert shown is None, question.id
            child.sendline(typed(answers[question.id]))
    child.expect("Is this still right?")
    child.sendline("y")
    child.expect(re.escape(kb.screening.question_by_id["cancer_history"].question))
    child.expect("From what you wrote: “")
    assert filled_in(child) == "yes"
    child.sendline("")
    child.expect("You have had cancer, and you also have")  # with the night pain: urgent
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 3


def test_the_map_ranks_the_muscles_for_the_places_read(clock: Clock, own_journal: Path) -> None:
    child = spawn(own_journal, clock(), "describe", GLUTE)
    start(child, "2")
    child.expect(r"1\. .* fit")
    child.expect("Next: a routine for these places")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_enter_starts_neither(clock: Clock, own_journal: Path) -> None:
    child = spawn(own_journal, clock(), "describe", GLUTE)
    start(child, "")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Question 1" not in (child.before or "")


def test_at_80_columns_in_tmux_nothing_is_wider_than_the_terminal(own_journal: Path) -> None:
    text = f"{WIPE}, and my lower back, no fever; my mum had cancer"
    argv = [sys.executable, "-m", "sciatica_coach", "describe", text]
    with terminal(argv, {"SCIATICA_COACH_HOME": str(own_journal)}, 80, rows=200) as screen:
        shown = screen.wait_for("Start with it?", "Choose 1-")
        screen.keys("Enter")
    lines = shown.splitlines()
    assert max(len(line) for line in lines) <= 80
    said = " ".join(shown.split())
    assert "When to get emergency care" in said
    assert "Not counted as your symptoms now" in said


def test_the_map_asks_which_side_for_a_place_named_with_none(
    clock: Clock, own_journal: Path
) -> None:
    child = spawn(own_journal, clock(), "describe", "my lower back aches every morning")
    child.expect("Lower back: left, right or both?")
    start(child, "2")
    child.expect("Lower back: which side\\? left, right or both")
    child.sendline("sideways")
    child.expect("Please type left, right or both")
    child.sendline("b")
    child.expect(r"1\. .* fit")
    child.expect("--where left:lumbar,right:lumbar")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
