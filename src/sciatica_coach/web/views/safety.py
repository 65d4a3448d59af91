"""What the safety check keeps between checks, as the pages and the API show it: the flags
that stand, those corrected before a check, the health history, clearances and the safety
log."""

from __future__ import annotations

from datetime import datetime, timedelta

from sciatica_coach.coach import clearances, flags, safety_records
from sciatica_coach.coach.health_history import history_questions, is_due
from sciatica_coach.coach.ports import JournalPort
from sciatica_coach.coach.safety_log import safety_log
from sciatica_coach.coach.safety_records import KeptHistory
from sciatica_coach.content import KnowledgeBase

from .models_safety import (
    ClearableOut,
    HistoryOut,
    KeptHistoryOut,
    LoggedSignOut,
    SafetyEventOut,
    StandingOut,
)
from .screening import standing_views

LOG_WEEKS = 8
"""How far back the journal page lists the safety log."""


def standing_view(kb: KnowledgeBase, journal: JournalPort, now: datetime) -> StandingOut:
    """The red flags that stand and the logged signs no doctor has seen, in words."""
    levels = {q.id: q.rule.level for q in kb.screening.questions}
    return StandingOut(
        flags=standing_views(flags.standing_flags(kb, journal, now)),
        signs=[
            LoggedSignOut(
                id=c.id,
                sign=c.sign.id,
                at=c.sign.at,
                text=c.text,
                kind=c.sign.kind,
                words=c.sign.evidence or None,
                question=c.sign.question,
                question_level=levels.get(c.sign.question or ""),
            )
            for c in flags.counting_signs(kb, journal, now)
        ],
    )


def kept_history_view(kept: KeptHistory | None) -> KeptHistoryOut | None:
    if kept is None:
        return None
    return KeptHistoryOut(
        answers=dict(kept.answers), pain_began=kept.pain_began, confirmed_at=kept.confirmed_at
    )


def history_view(kb: KnowledgeBase, journal: JournalPort, now: datetime) -> HistoryOut:
    kept = safety_records.read(journal, now).history
    return HistoryOut(
        history=kept_history_view(kept),
        due=is_due(kb, kept, now),
        confirm_every_days=kb.screening.health_history.confirm_every_days,
        questions=[q.id for q in history_questions(kb)],
    )


def clearable_views(kb: KnowledgeBase) -> list[ClearableOut]:
    return [ClearableOut(id=c.id, label=c.label) for c in clearances.clearable(kb)]


def safety_log_views(
    kb: KnowledgeBase, journal: JournalPort, now: datetime, weeks: int = LOG_WEEKS
) -> list[SafetyEventOut]:
    """The safety log of the last ``weeks``, newest first."""
    events = safety_log(kb, journal, now - timedelta(weeks=weeks), now)
    return [
        SafetyEventOut(
            at=e.at,
            kind=e.kind,
            text=e.text,
            question_id=e.question_id,
            level=e.level,
            answer=e.answer,
        )
        for e in reversed(events)
    ]
