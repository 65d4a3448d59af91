"""The safety check typed in a real terminal (a pseudo-terminal, 60x24, its clock fixed):
which question of how many, yes/no/not sure in any case, back to the question before, the
journal's own answers never asked, and on a first check the health history after the daily
questions, with the date the pain began."""

from __future__ import annotations

from pathlib import Path

import pexpect

from sciatica_coach.coach.health_history import daily_questions, history_questions
from sciatica_coach.content import KnowledgeBase
from tests.domain.screening_cases import all_clear

from .checks import answers_file, full_answers
from .conftest import Cli, Clock
from .test_terminal_checks import spawn


def typed(answer: object) -> str:
    if isinstance(answer, bool):
        return "YES" if answer else "No"
    if isinstance(answer, list):
        return "none"
    return str(answer)


def test_a_first_check_typed_in_a_terminal(
    kb: KnowledgeBase, clock: Clock, own_journal: Path
) -> None:
    asked = daily_questions(kb)
    assert [q.id for q in kb.screening.questions if q.from_journal] == [
        "sessions_today",
        "weeks_with_pain",
    ]
    answers = all_clear()
    child = spawn(own_journal, clock(), "screen")
    child.expect(f"Question 1 of {len(asked)}")
    child.sendline(typed(answers[asked[0].id]))
    child.expect(f"Question 2 of {len(asked)}")
    child.expect("or back")
    child.sendline("back")  # the question before, asked again
    child.expect(f"Question 1 of {len(asked)}")
    for number, question in enumerate(asked, start=1):
        if number > 1:
            child.expect(f"Question {number} of {len(asked)}")
        child.sendline(typed(answers[question.id]))
    history = history_questions(kb)
    for number, question in enumerate(history, start=1):
        child.expect(f"Your health history {number} of {len(history)}")
        child.sendline(typed(answers[question.id]))
    child.expect("On what date did this spell of pain begin?")
    child.sendline("4 weeks ago")
    child.expect("That is Wed 4 Nov 2026.")
    child.expect("Go ahead")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_not_sure_of_an_emergency_sign_counts_as_yes(
    cli: Cli, kb: KnowledgeBase, clock: Clock, own_journal: Path, tmp_path: Path
) -> None:
    assert cli("screen", "--answers", answers_file(tmp_path, full_answers())).exit_code == 0
    clock.advance(hours=2)
    first = daily_questions(kb)[0]
    assert first.kind == "yes_no" and first.rule.level == "emergency"
    child = spawn(own_journal, clock(), "screen")
    child.expect("Question 1 of")
    child.sendline("?")
    child.expect("Emergency: get help now")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 3
