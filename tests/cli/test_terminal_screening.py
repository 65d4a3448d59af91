"""The safety check typed in a real terminal (a pseudo-terminal, 60x24): which question of
how many, yes/no/not sure in any case, back to the question before, and the journal's own
answer never asked."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect

from sciatica_coach.content import KnowledgeBase
from tests.domain.screening_cases import all_clear


def typed(answer: object) -> str:
    if isinstance(answer, bool):
        return "YES" if answer else "No"
    if isinstance(answer, list):
        return "none"
    return str(answer)


def spawn(home: Path) -> pexpect.spawn[str]:
    env = {**os.environ, "SCIATICA_COACH_HOME": str(home), "COLUMNS": "60"}
    env.pop("SCIATICA_COACH_DATABASE_URL", None)
    return pexpect.spawn(
        sys.executable, ["-m", "sciatica_coach", "screen"], env=env,
        dimensions=(24, 60), encoding="utf-8", timeout=30,
    )  # fmt: skip


def test_a_check_typed_in_a_terminal(kb: KnowledgeBase, own_journal: Path) -> None:
    asked = [q for q in kb.screening.questions if not q.from_journal]
    assert [q.id for q in kb.screening.questions if q.from_journal] == ["sessions_today"]
    answers = all_clear()
    child = spawn(own_journal)
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
    child.expect("Go ahead")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_not_sure_of_an_emergency_sign_counts_as_yes(kb: KnowledgeBase, own_journal: Path) -> None:
    first = next(q for q in kb.screening.questions if not q.from_journal)
    assert first.kind == "yes_no" and first.rule.level == "emergency"
    child = spawn(own_journal)
    child.expect("Question 1 of")
    child.sendline("?")
    child.expect("Emergency: get help now")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 3
