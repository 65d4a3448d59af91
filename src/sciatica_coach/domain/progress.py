"""Progress from the journal: weekly summaries, the effect of sessions, and when to escalate.

A clinically important change in pain intensity (0-10) is at least 2 points or 30% (Farrar et
al. 2001); for the PEG score it is 1 point (Reed et al. 2024, whose minimal important
difference was about 1.0-1.75 points). Anything smaller is described as day-to-day ups and
downs. Farrar et al. set their threshold for improvement; the app reads it the other way, by
analogy, to mark pain that is getting worse, and the summary says so.

The summary speaks of weeks only: the change in pain just before and just after a session is
short-term and is shown apart from it (:mod:`.adherence`), never as if it were a clinically
important change.

Escalations (ids of ``screening.yaml`` escalations) that the next screening adds:

``no_improvement``
    Pain has been logged for 6 weeks or more and the last week is not clinically better than
    the first week. Advice: see a professional.
``pain_worsening``
    The last 7 days are clinically worse than the 7 days before (both weeks need at least 3
    entries). Level ``see_professional``.
``symptoms_spreading``
    Body maps from the last 7 days mark places that no map in the 8 weeks before showed.
    Level ``see_professional``.
``bad_pain_stops``
    Sessions stopped for bad pain in the last 7 days (see :mod:`.activity`).

Pure: the adapters read the journal and pass in plain points.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WEEKS_BEFORE_NO_IMPROVEMENT = 6
WEEKS_BEFORE_REVIEW = 12
"""No clear improvement after about 12 weeks of pain: a professional should look again
(``no_improvement_long``, see a professional, instead of the 6-week caution; NICE NG59)."""
MAP_WEEKS = 9
"""How far back the maps are compared with this week's, to see symptoms spreading."""
PAIN_DAYS_COMPARED = 14
"""The escalations compare the last week's pain with the week before."""
FIRST_WEEK_DAYS = 7
""""No improvement" compares the first week of pain with the last."""
MIN_ENTRIES_PER_WEEK = 3


@dataclass(frozen=True)
class Threshold:
    """How big a change on a 0-10 scale is clinically important, with its source.

    ``points`` always counts; ``share`` (a fraction of the first value) counts too when the
    change is at least ``min_share_points``, so 1 -> 0.6 is not called important.
    """

    points: float
    share: float | None
    min_share_points: float
    words: str
    source: str
    for_improvement: bool = False
    """The source set it for improvement only: worsening uses it by analogy, and says so."""


PAIN_THRESHOLD = Threshold(2.0, 0.30, 1.0, "2 points or 30%", "farrar_2001", True)
"""Farrar et al. 2001: for pain intensity on the 0-10 scale only, and for improvement (used
for worsening by analogy)."""
PEG_THRESHOLD = Threshold(1.0, None, 1.0, "1 point", "reed_2024")
"""Reed et al. 2024: the PEG's minimal important difference, about 1 point."""


@dataclass(frozen=True)
class ScorePoint:
    """A 0-10 score on a day (daily pain, or a PEG mean)."""

    day: date
    score: float


@dataclass(frozen=True)
class SessionPoint:
    day: date
    pain_before: int | None
    pain_after: int | None
    stopped_for_bad_pain: bool


@dataclass(frozen=True)
class MapPoint:
    day: date
    regions: frozenset[str]


@dataclass(frozen=True)
class Week:
    """One week of the report, oldest first; means are None when nothing was logged."""

    start: date
    sessions: int
    pain: float | None
    peg: float | None


@dataclass(frozen=True)
class Change:
    """From a first value to a last one; ``kind`` is improved, worse or no_clear_change."""

    first: float
    last: float
    kind: str

    @property
    def difference(self) -> float:
        return round(self.last - self.first, 2)


@dataclass(frozen=True)
class ProgressReport:
    weeks: tuple[Week, ...]
    sessions: int
    session_effect: float | None
    sessions_with_scores: int
    pain_change: Change | None
    peg_change: Change | None
    escalations: tuple[str, ...]
    summary: tuple[str, ...]


def change_kind(first: float, last: float, threshold: Threshold = PAIN_THRESHOLD) -> str:
    """``improved`` for a clinically important drop, ``worse`` for such a rise, else
    ``no_clear_change``. The default is the pain rule (2 points or 30%)."""

    def important(change: float) -> bool:
        if change >= threshold.points:
            return True
        share = change / first if first > 0 else 0.0
        return (
            threshold.share is not None
            and change >= threshold.min_share_points
            and share >= threshold.share
        )

    if important(first - last):
        return "improved"
    if important(last - first):
        return "worse"
    return "no_clear_change"


def improvement_threshold(first: float, threshold: Threshold = PAIN_THRESHOLD) -> float:
    """The score at or below which a score counts as clinically better than ``first``."""
    by_points = first - threshold.points
    if threshold.share is None:
        return by_points
    by_share = min(first * (1 - threshold.share), first - threshold.min_share_points)
    return max(by_points, by_share)


def better_line(pain: Sequence[ScorePoint]) -> float | None:
    """The score at or below which daily pain counts as clearly better than in the first week
    of ``pain`` (oldest first), which the charts draw as a dashed line; None without pain."""
    if not pain:
        return None
    first = [p.score for p in pain if p.day < pain[0].day + timedelta(days=FIRST_WEEK_DAYS)]
    return improvement_threshold(mean(first))


def mean(values: Sequence[float]) -> float:
    """The mean, exactly as :func:`statistics.mean` gives it (the exact mean of the floats,
    rounded once), without its fractions, which took a fifth of every progress report.

    Each float is a whole number over a power of two, so all of them are whole numbers over
    the largest of those powers; their sum is exact, and dividing one whole number by
    another rounds once, correctly. Whole-number scores keep :func:`statistics.mean`'s own
    answer (a whole number when the mean is one). ``tests/domain/test_progress_mean.py``
    holds the two equal."""
    if not values:
        raise ValueError("the mean of no values")
    if not all(isinstance(value, float) for value in values):
        return statistics.mean(values)
    ratios = [value.as_integer_ratio() for value in values]
    common = max(denominator for _, denominator in ratios)
    total = sum(numerator * (common // denominator) for numerator, denominator in ratios)
    return total / (common * len(values))


def daily_means(points: Sequence[ScorePoint]) -> list[ScorePoint]:
    """One point per day (the mean, if several were logged), oldest first."""
    by_day: dict[date, list[float]] = {}
    for point in points:
        by_day.setdefault(point.day, []).append(point.score)
    return [ScorePoint(day, mean(scores)) for day, scores in sorted(by_day.items())]


def _window(points: Sequence[ScorePoint], start: date, end: date) -> list[float]:
    return [p.score for p in points if start <= p.day < end]


def _change(points: Sequence[ScorePoint], threshold: Threshold, per_week: int) -> Change | None:
    """The first week of entries against the last week, or None until there is enough to say.

    The two weeks must not overlap and each needs ``per_week`` entries (daily pain: 3; the
    weekly PEG: 1), so two single days are never called a clinically important change."""
    if not points:
        return None
    first_day, last_day = points[0].day, points[-1].day
    if last_day - first_day < timedelta(days=7 + 6 * (per_week > 1)):
        return None
    first = _window(points, first_day, first_day + timedelta(days=7))
    last = _window(points, last_day - timedelta(days=6), last_day + timedelta(days=1))
    if len(first) < per_week or len(last) < per_week:
        return None
    before, after = mean(first), mean(last)
    return Change(round(before, 2), round(after, 2), change_kind(before, after, threshold))


def escalations(
    today: date,
    pain: Sequence[ScorePoint],
    maps: Sequence[MapPoint],
    sessions: Sequence[SessionPoint],
    bad_stops_limit: int,
) -> list[str]:
    """Which escalations the journal calls for today (see the module docstring)."""
    found: list[str] = []
    daily = daily_means(pain)
    week_ago, two_weeks_ago = today - timedelta(days=6), today - timedelta(days=13)
    if daily and today - daily[0].day >= timedelta(weeks=WEEKS_BEFORE_NO_IMPROVEMENT):
        recent = _window(daily, week_ago, today + timedelta(days=1))
        first = _window(daily, daily[0].day, daily[0].day + timedelta(days=FIRST_WEEK_DAYS))
        if recent and change_kind(mean(first), mean(recent)) != "improved":
            long = today - daily[0].day >= timedelta(weeks=WEEKS_BEFORE_REVIEW)
            found.append("no_improvement_long" if long else "no_improvement")
    last_week = _window(daily, week_ago, today + timedelta(days=1))
    week_before = _window(daily, two_weeks_ago, week_ago)
    if (
        len(last_week) >= MIN_ENTRIES_PER_WEEK
        and len(week_before) >= MIN_ENTRIES_PER_WEEK
        and change_kind(mean(week_before), mean(last_week)) == "worse"
    ):
        found.append("pain_worsening")
    recent_places = {r for m in maps if week_ago <= m.day <= today for r in m.regions}
    earlier = [m for m in maps if today - timedelta(weeks=MAP_WEEKS) <= m.day < week_ago]
    earlier_places = {r for m in earlier for r in m.regions}
    if earlier and recent_places - earlier_places:
        found.append("symptoms_spreading")
    bad = [s for s in sessions if week_ago <= s.day <= today and s.stopped_for_bad_pain]
    if len(bad) >= bad_stops_limit:
        found.append("bad_pain_stops")
    return found


def progress_report(
    today: date,
    weeks: int,
    pain: Sequence[ScorePoint],
    peg: Sequence[ScorePoint],
    sessions: Sequence[SessionPoint],
    maps: Sequence[MapPoint],
    bad_stops_limit: int,
) -> ProgressReport:
    """Summarise the last ``weeks`` weeks ending ``today``, and what the journal calls for."""
    start = today - timedelta(days=7 * weeks - 1)
    daily = [p for p in daily_means(pain) if start <= p.day <= today]
    peg_in = [p for p in sorted(peg, key=lambda p: p.day) if start <= p.day <= today]
    in_range = [s for s in sessions if start <= s.day <= today]
    rows = []
    for index in range(weeks):
        week_start = start + timedelta(days=7 * index)
        week_end = week_start + timedelta(days=7)
        pain_scores = _window(daily, week_start, week_end)
        peg_scores = _window(peg_in, week_start, week_end)
        rows.append(
            Week(
                week_start,
                sum(1 for s in in_range if week_start <= s.day < week_end),
                round(mean(pain_scores), 2) if pain_scores else None,
                round(mean(peg_scores), 2) if peg_scores else None,
            )
        )
    scored = [
        s.pain_before - s.pain_after
        for s in in_range
        if s.pain_before is not None and s.pain_after is not None
    ]
    effect = round(mean(scored), 2) if scored else None
    pain_change = _change(daily, PAIN_THRESHOLD, MIN_ENTRIES_PER_WEEK)
    peg_change = _change(peg_in, PEG_THRESHOLD, 1)
    found = escalations(today, pain, maps, sessions, bad_stops_limit)
    return ProgressReport(
        weeks=tuple(rows),
        sessions=len(in_range),
        session_effect=effect,
        sessions_with_scores=len(scored),
        pain_change=pain_change,
        peg_change=peg_change,
        escalations=tuple(found),
        summary=tuple(_summary(pain_change, peg_change)),
    )


def _change_words(kind: str, threshold: Threshold) -> str:
    """What a change means, with the threshold that decided it (and, for worsening, that it
    is borrowed from improvement when the source set it for that only)."""
    worse = f"{threshold.words} or more"
    if threshold.for_improvement:
        worse += "; a size set for improvement, used for worsening by analogy"
    return {
        "improved": f"has gone down by a clinically important amount ({threshold.words} or more)",
        "worse": f"has gone up by a clinically important amount ({worse})",
        "no_clear_change": (
            f"has not changed by a clinically important amount ({threshold.words}); smaller "
            "changes are normal day-to-day ups and downs"
        ),
    }[kind]


def _summary(pain: Change | None, peg: Change | None) -> list[str]:
    """Plain words: what changed over the weeks, and whether it is more than day-to-day noise
    (the change within sessions is not said here: it is short-term, see the module)."""
    lines = []
    if pain is None:
        lines.append(
            "Keep logging your pain on at least 3 days a week. After two weeks you will see "
            "whether it has changed by a clinically important amount."
        )
    else:
        lines.append(
            f"Your pain went from about {pain.first:g} to {pain.last:g} out of 10. "
            f"It {_change_words(pain.kind, PAIN_THRESHOLD)}."
        )
    if peg is not None:
        lines.append(
            f"Your weekly PEG score (pain, enjoyment, activity) went from {peg.first:g} to "
            f"{peg.last:g}. It {_change_words(peg.kind, PEG_THRESHOLD)}."
        )
    return lines
