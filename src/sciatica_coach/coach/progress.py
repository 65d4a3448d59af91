"""How it is going: the weekly report and what the journal calls for, from one history."""

from __future__ import annotations

from datetime import datetime

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.progress import ProgressReport

from .history import History, read_history
from .ports import JournalPort

MAX_WEEKS = 104


def history(journal: JournalPort, now: datetime, weeks: int) -> History:
    """The journal as progress points (pain, PEG, sessions, maps), for a report or a chart
    of up to ``weeks`` weeks."""
    return read_history(journal, now, weeks)


def progress(
    kb: KnowledgeBase, journal: JournalPort, now: datetime, weeks: int = 8
) -> ProgressReport:
    """The last ``weeks`` weeks: sessions, pain and PEG, their trend, and any concerns."""
    limit = kb.routine.limits.bad_reports_per_week_before_referral
    return history(journal, now, weeks).report(weeks, limit)
