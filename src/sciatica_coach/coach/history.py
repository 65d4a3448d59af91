"""The journal as the domain's progress rules need it: plain points, read in one place.

Every door (terminal, page, API) reads history through :func:`read_history`, so a progress
page, a chart and the escalations added to the next safety check are always computed from the
same data. A session counts from the moment it starts; one opened and never started does not.
It reads a year, every time a check is taken or a plan made, so it reads the slim entries:
the sessions without their records, the checks' answers without their results.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sciatica_coach.domain.progress import (
    MapPoint,
    ProgressReport,
    ScorePoint,
    SessionPoint,
    escalations,
    progress_report,
)

from .ports import CheckAnswers, JournalPort

PAIN_QUESTION = "pain_now"
"""The safety check's question about pain right now (``screening.yaml``)."""

# Escalations look back up to 8 weeks for maps and further for "no improvement"; reading
# a year is plenty and keeps a ten-year journal fast.
LOOKBACK = timedelta(days=366)


@dataclass(frozen=True)
class History:
    today: date
    pain: tuple[ScorePoint, ...]
    peg: tuple[ScorePoint, ...]
    sessions: tuple[SessionPoint, ...]
    maps: tuple[MapPoint, ...]

    def report(self, weeks: int, bad_stops_limit: int) -> ProgressReport:
        return progress_report(
            self.today, weeks, self.pain, self.peg, self.sessions, self.maps, bad_stops_limit
        )

    def escalations(self, bad_stops_limit: int) -> list[str]:
        return escalations(self.today, self.pain, self.maps, self.sessions, bad_stops_limit)


def _regions(raw: list[dict[str, object]] | None) -> frozenset[str]:
    return frozenset(str(r["key"]) for r in raw or [] if isinstance(r, dict) and "key" in r)


def _check_scores(journal: JournalPort, since: datetime) -> list[tuple[CheckAnswers, int]]:
    """Safety checks with their "pain right now" answer (a whole number 0-10)."""
    scores = []
    for check in journal.check_answers(since=since):
        answer = check.answers.get(PAIN_QUESTION)
        if isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer <= 10:
            scores.append((check, answer))
    return scores


def read_history(journal: JournalPort, now: datetime, lookback: timedelta = LOOKBACK) -> History:
    """Pain, PEG, sessions and body maps of the last ``lookback``, as domain points."""
    since = now - lookback

    def day(moment: datetime) -> date:  # the person's calendar day, in ``now``'s time zone
        return moment.astimezone(now.tzinfo).date()

    pain_entries = journal.pain_entries(since=since)
    maps = [MapPoint(day(m.recorded_at), _regions(m.regions)) for m in journal.pain_maps(since)]
    maps += [MapPoint(e.day, _regions(e.regions)) for e in pain_entries if _regions(e.regions)]
    stored_sessions = [s for s in journal.session_outcomes(since) if s.status != "ready"]
    # Every "pain right now" the person gave counts toward their daily pain: the pain log, the
    # safety check and the score before a session (the score after one measures the session,
    # so it is kept with the session, not mixed into the day's usual pain).
    pain = [ScorePoint(e.day, float(e.now)) for e in pain_entries]
    checks = _check_scores(journal, since)
    pain += [ScorePoint(day(check.taken_at), float(score)) for check, score in checks]
    pain += [
        ScorePoint(day(s.started_at), float(s.pain_before))
        for s in stored_sessions
        if s.pain_before is not None
    ]
    return History(
        today=now.date(),
        pain=tuple(sorted(pain, key=lambda p: p.day)),
        peg=tuple(
            ScorePoint(day(p.recorded_at), round((p.pain + p.enjoyment + p.activity) / 3, 2))
            for p in journal.peg_entries(since=since)
        ),
        sessions=tuple(
            SessionPoint(
                day(s.started_at), s.pain_before, s.pain_after, s.stop_reason == "bad_pain"
            )
            for s in stored_sessions
        ),
        maps=tuple(sorted(maps, key=lambda m: m.day)),
    )
