"""The safety check of a returning person, typed in a real terminal (a pseudo-terminal,
60x24, its clock fixed): every daily question is asked afresh, and a red flag is asked again
on its own, check after check, until it is answered as the wrong answer."""

from __future__ import annotations

import os
import re
import sys
from datetime import datetime
from pathlib import Path

import pexpect
import pytest

from sciatica_coach.coach.health_history import daily_questions
from sciatica_coach.content import KnowledgeBase

from .checks import answers_file, daily, full_answers
from .conftest import Cli, Clock

ROOT = Path(__file__).resolve().parents[2]


def spawn(home: Path, at: datetime, *argv: str) -> pexpect.spawn[str]:
    env = {**os.environ, "SCIATICA_COACH_HOME": str(home), "COLUMNS": "60", "TZ": "UTC"}
    env.pop("SCIATICA_COACH_DATABASE_URL", None)
    return pexpect.spawn(
        sys.executable, ["-m", "tests.cli.at_time", at.isoformat(), *argv], env=env,
        cwd=str(ROOT), dimensions=(24, 60), encoding="utf-8", timeout=30,
    )  # fmt: skip


PROMPT_END = re.compile(r"(or back|or none|\(y / n / \?\)|Number 0-\d+)( \([^)]*\))?: ")
"""The end of a question's prompt, with the answer Enter would give, if any, in brackets."""


def answer_every_daily_question(child: pexpect.spawn[str], kb: KnowledgeBase) -> None:
    """Each daily question in turn, none offered an answer from last time."""
    questions = daily_questions(kb)
    for number, (question, typed) in enumerate(zip(questions, daily(kb), strict=True), 1):
        child.expect(f"Question {number} of {len(questions)}")
        child.expect(PROMPT_END)
        found = child.match
        assert isinstance(found, re.Match)
        assert found.group(2) is None, (question.id, found.group(0))  # nothing filled in
        child.sendline(typed)


@pytest.fixture
def returning(cli: Cli, clock: Clock, tmp_path: Path, own_journal: Path) -> Clock:
    """A whole check (history and all) at 09:00; this terminal opens at 11:00."""
    assert cli("screen", "--answers", answers_file(tmp_path, full_answers())).exit_code == 0
    clock.advance(hours=2)
    return clock


def test_a_returning_person_is_asked_every_daily_question(
    kb: KnowledgeBase, returning: Clock, own_journal: Path
) -> None:
    child = spawn(own_journal, returning(), "screen")
    child.expect("Your health history: confirmed on")
    answer_every_daily_question(child, kb)
    child.expect("Go ahead")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Is this still right" not in (child.before or "")


@pytest.fixture
def flagged(cli: Cli, clock: Clock, tmp_path: Path, own_journal: Path) -> Clock:
    """At 09:00 the person was not sure about numbness around the bottom (an emergency)."""
    path = answers_file(tmp_path, full_answers(saddle_numbness="not_sure"), "flagged")
    assert cli("screen", "--answers", path).exit_code == 3
    return clock


def test_a_flag_is_asked_again_on_its_own_until_it_is_the_wrong_answer(
    kb: KnowledgeBase, flagged: Clock, own_journal: Path
) -> None:
    words = kb.screening.flags
    flagged.advance(minutes=30)
    child = spawn(own_journal, flagged(), "screen")
    child.expect('At 09:00 you said "not sure" to')
    child.expect("Choose 1-4")
    child.sendline("3")  # still not sure
    child.expect("This sign still stands")
    answer_every_daily_question(child, kb)
    child.expect("Emergency: get help now")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 3

    flagged.advance(minutes=30)
    child = spawn(own_journal, flagged(), "screen")
    child.expect('At 09:00 you said "not sure" to')  # asked again
    child.expect("Choose 1-4")
    child.sendline("1")  # I pressed the wrong answer
    child.expect(words.lifted.split(".")[0])
    answer_every_daily_question(child, kb)
    child.expect(words.title)  # the corrected sign, first
    child.expect(kb.screening.safety_net.title)  # with the emergency signs
    child.expect("Go ahead")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    flagged.advance(minutes=5)
    child = spawn(own_journal, flagged(), "flags")
    child.expect("No red flag stands now")
    child.expect(pexpect.EOF)
