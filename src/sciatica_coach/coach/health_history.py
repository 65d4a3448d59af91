"""Use case: the health history, kept between checks and confirmed about once a week.

The questions that rarely change (``part: history`` in ``screening.yaml``: a past cancer,
thin bones, blood thinners, devices, age, pregnancy, ...) and the date the pain began are
kept. A check takes them from the kept history while it was confirmed in the last
``confirm_every_days``; after that, or when there is none, the check must be sent with them
(the doors show the kept answers for the person to look over and confirm). Every other
question is asked afresh at every check and is never filled in from an earlier one.

How long the pain has lasted is worked out from the date it began, at every check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.screening_models import Question

from .errors import Invalid, Loc
from .safety_records import KeptHistory

PAIN_BEGAN = "pain_began"
"""The field that gives the date the pain began (``YYYY-MM-DD``), beside the answers."""
HISTORY_DUE = "Please look over your health history and confirm it."
PAIN_BEGAN_MISSING = "Please give the date this spell of pain began."


def history_questions(kb: KnowledgeBase) -> list[Question]:
    return [q for q in kb.screening.questions if q.part == "history"]


def daily_questions(kb: KnowledgeBase) -> list[Question]:
    """The questions asked at every check (the journal answers ``from_journal`` ones)."""
    return [q for q in kb.screening.questions if q.part == "daily" and not q.from_journal]


def is_due(kb: KnowledgeBase, kept: KeptHistory | None, now: datetime) -> bool:
    """Whether the history must be given (again) with the next check: none kept, confirmed a
    week ago or more, or kept before a question was added to it (a question split in two)."""
    every = timedelta(days=kb.screening.health_history.confirm_every_days)
    return (
        kept is None
        or kept.confirmed_at <= now - every
        or kept.confirmed_at > now
        or any(q.id not in kept.answers for q in history_questions(kb))
    )


def weeks_since(began: date, now: datetime) -> int:
    """Whole weeks from the day the pain began to today (0 in its first week)."""
    return max(0, (now.date() - began).days // 7)


def read_pain_began(value: object, now: datetime) -> date:
    """The date the pain began, from ``YYYY-MM-DD``; not in the future, not before 1900."""
    if isinstance(value, date) and not isinstance(value, datetime):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value).strip())
        except ValueError:
            raise Invalid.one(
                ("answers", PAIN_BEGAN), "Give the date as year-month-day, such as 2026-11-02."
            ) from None
    if day > now.date():
        raise Invalid.one(
            ("answers", PAIN_BEGAN), "The date the pain began cannot be later than today."
        )
    if day.year < 1900:
        raise Invalid.one(("answers", PAIN_BEGAN), "Please give a date after 1900.")
    return day


@dataclass(frozen=True)
class HistoryInput:
    """The history a check uses: its answers, the day the pain began, and whether it was
    given with this check (then it is kept as a newly confirmed history)."""

    answers: dict[str, Any]
    pain_began: date | None
    given: bool

    def record(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "pain_began": self.pain_began.isoformat() if self.pain_began else None,
        }


def history_for_check(
    kb: KnowledgeBase, raw: Mapping[str, object], kept: KeptHistory | None, now: datetime
) -> HistoryInput:
    """The history to screen with: given with the answers, or kept and confirmed lately.

    A history given with the answers must be whole (every history question, and the date
    the pain began unless the weeks are typed); :class:`Invalid` names what is missing. An
    older client that sends every answer and the weeks keeps working: the date is worked
    out from the weeks."""
    ids = [q.id for q in history_questions(kb)]
    given = {k: raw[k] for k in ids if raw.get(k) is not None}
    began_raw = raw.get(PAIN_BEGAN)
    if not given and began_raw is None:
        if kept is not None and not is_due(kb, kept, now):
            return HistoryInput(
                {k: v for k, v in kept.answers.items() if k in ids}, kept.pain_began, False
            )
        problems: list[tuple[Loc, str]] = [(("answers", k), HISTORY_DUE) for k in ids]
        if raw.get(kb.screening.health_history.weeks_from) is None:
            problems.append((("answers", PAIN_BEGAN), PAIN_BEGAN_MISSING))
        raise Invalid(problems)
    missing: list[tuple[Loc, str]] = [
        (("answers", k), "Please answer this question.") for k in ids if k not in given
    ]
    weeks = raw.get(kb.screening.health_history.weeks_from)
    began: date | None = None
    if began_raw is not None:
        began = read_pain_began(began_raw, now)
    elif isinstance(weeks, int) and not isinstance(weeks, bool) and 0 <= weeks <= 520:
        began = now.date() - timedelta(weeks=weeks)
    elif weeks is None:
        missing.append((("answers", PAIN_BEGAN), PAIN_BEGAN_MISSING))
    if missing:
        raise Invalid(missing)
    return HistoryInput(given, began, True)
