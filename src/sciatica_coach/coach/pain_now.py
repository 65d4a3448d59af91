"""The pain score a person gave a moment ago, so it is not asked again.

A person in pain is asked how bad it is in the safety check, on the body map, before a
session and in the daily log. Within one sitting those are the same moment: the latest score
they gave in the last hour (the window a safety check counts for) is offered as the answer to
the next question, to confirm with one tap or change. This is the one place that decides
which score that is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sciatica_coach.content import KnowledgeBase

from .history import PAIN_QUESTION
from .maps import map_intensity
from .ports import JournalPort
from .safety import rescreen_window


@dataclass(frozen=True)
class RecentPain:
    """``score`` (0-10) given at ``at``, in the safety check, the pain log or a body map."""

    score: int
    at: datetime
    source: str


def recent_pain(kb: KnowledgeBase, journal: JournalPort, now: datetime) -> RecentPain | None:
    """The latest pain score given in the last hour, up to ``now``; ``None`` if none was."""
    since = now - rescreen_window(kb)
    found: list[RecentPain] = []
    check = journal.latest_screening(until=now)
    if check is not None and check.taken_at >= since:
        answer = check.answers.get(PAIN_QUESTION)
        if isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer <= 10:
            found.append(RecentPain(answer, check.taken_at, "your safety check"))
    for entry in journal.pain_entries(since=since):
        if entry.recorded_at <= now:
            found.append(RecentPain(entry.now, entry.recorded_at, "your pain log"))
    for painted in journal.pain_maps(since=since):
        intensity = map_intensity(painted)
        if intensity is not None and painted.recorded_at <= now:
            found.append(RecentPain(intensity, painted.recorded_at, "your body map"))
    for session in journal.session_outcomes(since=since):
        if session.pain_before is not None and session.started_at <= now:
            found.append(RecentPain(session.pain_before, session.started_at, "your last session"))
        ended = session.ended_at
        if session.pain_after is not None and ended is not None and ended <= now:
            found.append(RecentPain(session.pain_after, ended, "your last session"))
    # at the same moment, the answer given later in the sitting wins (found in that order)
    return max(reversed(found), key=lambda pain: pain.at, default=None)
