"""The journal as the domain's progress rules need it: plain points, read in one place.

Every door (terminal, page, API) reads history through :func:`read_history`, so a progress
page, a chart and the escalations added to the next safety check are always computed from the
same data. A session counts from the moment it starts; one opened and never started does not.

History is read on every safety check and every plan, so it reads only the days the rules
look at, however long the journal: the weeks of the report (at least the two weeks of pain
the escalations compare, and nine weeks of body maps) and, for "no improvement", the first
week of pain in the last year. The days between are never read; the rules would not look at
them (``tests/coach/test_history_windows.py`` holds every answer equal to reading the whole
year). Of sessions it reads when and how they ended, and of checks the pain score alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sciatica_coach.domain.days import day_of, midnight
from sciatica_coach.domain.progress import (
    FIRST_WEEK_DAYS,
    MAP_WEEKS,
    PAIN_DAYS_COMPARED,
    MapPoint,
    ProgressReport,
    ScorePoint,
    SessionPoint,
    escalations,
    progress_report,
)
from sciatica_coach.storage.validation import is_score

from .ports import JournalPort

PAIN_QUESTION = "pain_now"
"""The safety check's question about pain right now (``screening.yaml``)."""

LOOKBACK = timedelta(days=366)
"""How far back "no improvement" looks for the first week of pain; no report shows more."""
MARGIN = timedelta(days=1)
"""Read this much more on each side of a range of days: a pain entry keeps the day it was
logged on, in the time zone it was logged in, which may be a day off ``now``'s."""
FIRST_LOOK = timedelta(days=3)
"""How much is read after the first entry of the year to find the first day with pain."""
FIRST_WEEK = timedelta(days=FIRST_WEEK_DAYS)


@dataclass(frozen=True)
class History:
    today: date
    pain: tuple[ScorePoint, ...]
    peg: tuple[ScorePoint, ...]
    sessions: tuple[SessionPoint, ...]
    maps: tuple[MapPoint, ...]
    weeks: int = 52
    """How many weeks back were read: a report can show that many at most."""

    def report(self, weeks: int, bad_stops_limit: int) -> ProgressReport:
        if weeks > self.weeks:
            raise ValueError(f"history read for {self.weeks} weeks cannot report {weeks}")
        return progress_report(
            self.today, weeks, self.pain, self.peg, self.sessions, self.maps, bad_stops_limit
        )

    def escalations(self, bad_stops_limit: int) -> list[str]:
        return escalations(self.today, self.pain, self.maps, self.sessions, bad_stops_limit)


def _regions(raw: list[dict[str, object]] | None) -> frozenset[str]:
    return frozenset(str(r["key"]) for r in raw or [] if isinstance(r, dict) and "key" in r)


def local_day(moment: datetime, now: datetime) -> date:
    """The person's calendar day of ``moment``: in ``now``'s time zone (their own)."""
    return day_of(moment, now)


class _Reader:
    """Ranges of the journal (``since`` inclusive, ``until`` exclusive, None: to the end) as
    domain points, each day the person's own: in ``now``'s time zone."""

    def __init__(self, journal: JournalPort, now: datetime) -> None:
        self.journal = journal
        self.now = now
        self.since = now - LOOKBACK

    def day(self, moment: datetime) -> date:
        return local_day(moment, self.now)

    def from_day(self, day: date) -> datetime:
        """The moment to read from so that every entry of ``day`` and later is read."""
        return max(self.since, midnight(day, self.now) - MARGIN)

    def pain(self, since: datetime, until: datetime | None) -> list[ScorePoint]:
        """Every "pain right now" the person gave counts toward their daily pain: the pain
        log, the safety check and the score before a session (the score after one measures
        the session, so it is kept with the session, not mixed into the day's usual pain)."""
        journal = self.journal
        points = [ScorePoint(e.day, float(e.now)) for e in journal.pain_entries(since, until)]
        points += [
            ScorePoint(self.day(c.taken_at), float(c.answer))
            for c in journal.answers_to(PAIN_QUESTION, since, until)
            if is_score(c.answer)
        ]
        points += [
            ScorePoint(self.day(s.started_at), float(s.pain_before))
            for s in journal.session_outcomes(since, until)
            if s.status != "ready" and s.pain_before is not None
        ]
        return points

    def first_pain_day(self) -> date | None:
        """The first day with a pain score in the last year, jumping over empty months."""
        start: datetime | None = self.since
        while start is not None:
            start = self.journal.first_pain_moment(start)
            if start is None:
                return None
            found = self.pain(start, start + FIRST_LOOK)
            if found:  # anything later is at least a day later than the earliest here
                return min(p.day for p in found)
            start += FIRST_LOOK  # only checks without a score there: look further on
        return None

    def maps(self, since: datetime) -> list[MapPoint]:
        found = [
            MapPoint(self.day(m.recorded_at), _regions(m.regions))
            for m in self.journal.pain_maps(since)
        ]
        found += [
            MapPoint(e.day, _regions(e.regions))
            for e in self.journal.pain_entries(since)
            if _regions(e.regions)
        ]
        return found

    def sessions(self, since: datetime) -> list[SessionPoint]:
        return [
            SessionPoint(
                self.day(s.started_at), s.pain_before, s.pain_after, s.stop_reason == "bad_pain"
            )
            for s in self.journal.session_outcomes(since)
            if s.status != "ready"
        ]


def read_history(journal: JournalPort, now: datetime, weeks: int = 2) -> History:
    """The points the progress rules look at for a report of up to ``weeks`` weeks and for
    the escalations: pain, PEG, sessions and body maps, oldest first."""
    with journal.snapshot() as snapshot:
        return _read(snapshot, now, weeks)


def _read(journal: JournalPort, now: datetime, weeks: int) -> History:
    reader = _Reader(journal, now)
    today = now.date()
    pain_from = today - timedelta(days=max(7 * weeks, PAIN_DAYS_COMPARED) - 1)
    maps_from = today - timedelta(weeks=MAP_WEEKS)
    first = reader.first_pain_day()
    if first is None:
        pain: list[ScorePoint] = []
    elif first + FIRST_WEEK >= pain_from:  # a young journal: one read holds both
        pain = reader.pain(reader.from_day(first), None)
    else:
        end = reader.from_day(first + FIRST_WEEK) + 2 * MARGIN
        first_week = [p for p in reader.pain(reader.from_day(first), end)]
        pain = [p for p in first_week if p.day < first + FIRST_WEEK]
        pain += [p for p in reader.pain(reader.from_day(pain_from), None) if p.day >= pain_from]
    return History(
        today=today,
        pain=tuple(sorted(pain, key=lambda p: p.day)),
        peg=tuple(
            ScorePoint(reader.day(p.recorded_at), round((p.pain + p.enjoyment + p.activity) / 3, 2))
            for p in journal.peg_entries(since=reader.from_day(pain_from))
        ),
        sessions=tuple(reader.sessions(reader.from_day(pain_from))),
        maps=tuple(sorted(reader.maps(reader.from_day(maps_from)), key=lambda m: m.day)),
        weeks=weeks,
    )
