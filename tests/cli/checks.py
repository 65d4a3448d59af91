"""What a person types at the safety check in the terminal, part by part: the daily
questions, the health history, the date the pain began."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from sciatica_coach.coach.health_history import daily_questions, history_questions
from sciatica_coach.content import KnowledgeBase
from tests.domain.screening_cases import all_clear

BEGAN = "2026-11-01"
"""The day the pain began, in the answers these tests give (before the clock's first day)."""


def typed(answer: object) -> str:
    """An answer as typed: yes / no / ? / a number / places or none."""
    if isinstance(answer, bool):
        return "yes" if answer else "no"
    if answer == "not_sure":
        return "?"
    if isinstance(answer, list):
        return ",".join(answer) or "none"
    return str(answer)


def daily(kb: KnowledgeBase, answers: Mapping[str, object] | None = None) -> list[str]:
    given = {**all_clear(), **(answers or {})}
    return [typed(given[q.id]) for q in daily_questions(kb)]


def history(kb: KnowledgeBase, answers: Mapping[str, object] | None = None) -> list[str]:
    given = {**all_clear(), **(answers or {})}
    return [typed(given[q.id]) for q in history_questions(kb)]


def lines(*parts: list[str] | str) -> str:
    """The lines typed, one answer each, in order."""
    flat: list[str] = []
    for part in parts:
        flat += [part] if isinstance(part, str) else part
    return "\n".join(flat) + "\n"


def first_check(kb: KnowledgeBase, answers: Mapping[str, object] | None = None) -> str:
    """Everything a first check asks: the daily questions, the history, the date it began."""
    return lines(daily(kb, answers), history(kb, answers), BEGAN)


def full_answers(**changed: object) -> dict[str, object]:
    """A whole answers file (history and the date the pain began too) that triggers nothing
    but what is changed."""
    return {**all_clear(), "pain_began": BEGAN, **changed}


def daily_answers(kb: KnowledgeBase, **changed: object) -> dict[str, object]:
    """Only the daily answers: enough while the kept history is current."""
    given = {**all_clear(), **changed}
    return {q.id: given[q.id] for q in daily_questions(kb)}


def answers_file(folder: Path, answers: Mapping[str, object], name: str = "answers") -> str:
    path = folder / f"{name}.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return str(path)
