"""Progress and escalation rules, each on a small synthetic journal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pytest

from sciatica_coach.domain.progress import (
    PEG_THRESHOLD,
    MapPoint,
    ScorePoint,
    SessionPoint,
    better_line,
    change_kind,
    escalations,
    improvement_threshold,
    progress_report,
)

TODAY = date(2026, 11, 25)


def daily(scores: Sequence[float], last_day: date = TODAY) -> list[ScorePoint]:
    """One score a day, the last one on ``last_day``."""
    first = last_day - timedelta(days=len(scores) - 1)
    return [ScorePoint(first + timedelta(days=i), s) for i, s in enumerate(scores)]


@pytest.mark.parametrize(
    ("first", "last", "kind"),
    [
        (6, 4, "improved"),  # 2 points
        (5, 3.5, "improved"),  # 30%
        (6, 4.5, "no_clear_change"),  # 1.5 points, 25%
        (1, 0.6, "no_clear_change"),  # 40% but under a point
        (4, 6, "worse"),
        (3, 4, "worse"),  # 1 point and 33%
        (5, 5.5, "no_clear_change"),
    ],
)
def test_a_clinically_important_pain_change_is_2_points_or_30_percent(
    first: float, last: float, kind: str
) -> None:
    assert change_kind(first, last) == kind


@pytest.mark.parametrize(("first", "line"), [(8, 6), (5, 3.5), (2, 1), (1, 0)])
def test_the_improvement_line_is_where_a_pain_change_becomes_important(
    first: float, line: float
) -> None:
    assert improvement_threshold(first) == pytest.approx(line)
    if line >= 0:
        assert change_kind(first, line) == "improved"


def test_the_better_line_is_drawn_from_the_first_week_in_view() -> None:
    # first week: mean 6, so clearly better is 30% (1.8 points) lower; later weeks do not count
    assert better_line(daily([7, 5, 6, 6, 7, 5, 6] + [2] * 10)) == pytest.approx(4.2)
    assert better_line(daily([5])) == pytest.approx(3.5)  # one score: 30% of 5 is 1.5 points
    assert better_line([]) is None


def test_six_weeks_without_important_improvement_escalates() -> None:
    flat = daily([6, 5, 6, 6, 5, 6, 6] * 6 + [6])
    assert "no_improvement" in escalations(TODAY, flat, [], [], 2)
    better = daily([6] * 7 + [5] * 28 + [3] * 8)
    assert "no_improvement" not in escalations(TODAY, better, [], [], 2)
    short = daily([6] * 30)
    assert "no_improvement" not in escalations(TODAY, short, [], [], 2)


def test_pain_trending_worse_over_two_weeks_escalates() -> None:
    worse = daily([3, 3, 4, 3, 3, 3, 3, 5, 6, 5, 6, 6, 5, 6])
    assert "pain_worsening" in escalations(TODAY, worse, [], [], 2)
    steady = daily([4, 4, 5, 4, 4, 4, 5, 4, 5, 4, 4, 5, 4, 4])
    assert "pain_worsening" not in escalations(TODAY, steady, [], [], 2)
    too_few = [ScorePoint(TODAY - timedelta(days=10), 2), ScorePoint(TODAY, 8)]
    assert "pain_worsening" not in escalations(TODAY, too_few, [], [], 2)


def test_maps_spreading_to_new_places_escalate() -> None:
    before = MapPoint(TODAY - timedelta(days=20), frozenset({"left:buttock_center"}))
    same = MapPoint(TODAY - timedelta(days=1), frozenset({"left:buttock_center"}))
    spread = MapPoint(TODAY, frozenset({"left:buttock_center", "left:calf_posterior"}))
    assert "symptoms_spreading" not in escalations(TODAY, [], [before, same], [], 2)
    assert "symptoms_spreading" in escalations(TODAY, [], [before, spread], [], 2)
    assert "symptoms_spreading" not in escalations(TODAY, [], [spread], [], 2)


def test_bad_pain_stops_in_a_week_escalate() -> None:
    bad = [SessionPoint(TODAY - timedelta(days=d), 5, None, True) for d in (1, 3)]
    assert "bad_pain_stops" in escalations(TODAY, [], [], bad, 2)
    assert "bad_pain_stops" not in escalations(TODAY, [], [], bad[:1], 2)
    old = [SessionPoint(TODAY - timedelta(days=d), 5, None, True) for d in (9, 10)]
    assert "bad_pain_stops" not in escalations(TODAY, [], [], old, 2)


def test_the_report_summarises_weeks_sessions_and_change() -> None:
    pain = daily([7] * 7 + [6] * 7 + [5] * 7 + [4] * 7)
    peg = [ScorePoint(TODAY - timedelta(days=21), 7.0), ScorePoint(TODAY, 4.0)]
    sessions = [
        SessionPoint(TODAY - timedelta(days=2), 6, 4, False),
        SessionPoint(TODAY - timedelta(days=1), 5, 4, False),
        SessionPoint(TODAY, None, None, False),
    ]
    report = progress_report(TODAY, 4, pain, peg, sessions, [], 2)
    assert [w.pain for w in report.weeks] == [7, 6, 5, 4]
    assert [w.sessions for w in report.weeks] == [0, 0, 0, 3]
    assert report.weeks[-1].peg == 4.0
    assert report.session_effect == 1.5 and report.sessions_with_scores == 2
    assert report.pain_change is not None and report.pain_change.kind == "improved"
    assert report.peg_change is not None and report.peg_change.kind == "improved"
    assert "clinically important amount" in report.summary[0]


def test_an_empty_journal_gives_a_gentle_report() -> None:
    report = progress_report(TODAY, 8, [], [], [], [], 2)
    assert len(report.weeks) == 8 and report.sessions == 0
    assert report.pain_change is None and report.escalations == ()
    assert len(report.summary) == 1 and report.summary[0].startswith("Keep logging your pain")


def test_several_entries_on_one_day_count_as_their_mean() -> None:
    pain = [ScorePoint(TODAY, 2), ScorePoint(TODAY, 6)]
    report = progress_report(TODAY, 1, pain, [], [], [], 2)
    assert report.weeks[0].pain == 4


@pytest.mark.parametrize(
    ("first", "last", "kind"),
    [
        (6, 5, "improved"),  # 1 point: the PEG's minimal important difference
        (6, 5.2, "no_clear_change"),  # under a point, though 13%
        (2, 1.4, "no_clear_change"),  # 30% but under a point: no share rule for the PEG
        (4, 5, "worse"),
        (4, 4.9, "no_clear_change"),
    ],
)
def test_a_clinically_important_peg_change_is_1_point(first: float, last: float, kind: str) -> None:
    assert change_kind(first, last, PEG_THRESHOLD) == kind


def test_the_peg_and_pain_use_their_own_thresholds_in_the_report() -> None:
    pain = daily([6] * 7 + [5] * 7)  # 1 point down: not important for pain
    peg = [ScorePoint(TODAY - timedelta(days=13), 6), ScorePoint(TODAY, 5)]  # 1 point: important
    report = progress_report(TODAY, 2, pain, peg, [], [], 2)
    assert report.pain_change is not None and report.pain_change.kind == "no_clear_change"
    assert report.peg_change is not None and report.peg_change.kind == "improved"
    pain_line, peg_line = report.summary[0], report.summary[1]
    assert "2 points or 30%" in pain_line and "clinically important" in pain_line
    assert "1 point or more" in peg_line and "gone down by a clinically important" in peg_line


def test_getting_worse_is_named_with_the_same_threshold_by_analogy() -> None:
    report = progress_report(TODAY, 2, daily([3] * 7 + [6] * 7), [], [], [], 2)
    assert (
        "gone up by a clinically important amount (2 points or 30% or more; a size set for "
        "improvement, used for worsening by analogy)" in report.summary[0]
    )
    peg = [ScorePoint(TODAY - timedelta(days=13), 4), ScorePoint(TODAY, 6)]
    peg_line = progress_report(TODAY, 2, [], peg, [], [], 2).summary[-1]
    assert "gone up by a clinically important amount (1 point or more)" in peg_line


def test_the_change_within_sessions_never_sits_in_the_summary() -> None:
    """Pain just after a session is short-term: it is shown apart, never beside the
    clinically important change over weeks as if it were one."""
    pain = daily([7] * 7 + [4] * 7)
    sessions = [SessionPoint(TODAY - timedelta(days=d), 6, 3, False) for d in range(3)]
    report = progress_report(TODAY, 2, pain, [], sessions, [], 2)
    assert report.session_effect == 3 and report.sessions_with_scores == 3
    said = " ".join(report.summary)
    assert "clinically important" in said
    assert "after a session" not in said and "lower" not in said


def test_two_single_days_are_never_called_an_important_change() -> None:
    report = progress_report(
        TODAY, 2, [ScorePoint(TODAY - timedelta(days=3), 6), ScorePoint(TODAY, 2)], [], [], [], 2
    )
    assert report.pain_change is None
    assert "clinically important amount" not in " ".join(report.summary).replace(
        "whether it has changed by a clinically important amount", ""
    )


def test_a_pain_trend_needs_two_weeks_with_three_entries_each() -> None:
    one_a_week = [ScorePoint(TODAY - timedelta(days=13), 6), ScorePoint(TODAY, 3)]
    assert progress_report(TODAY, 2, one_a_week, [], [], [], 2).pain_change is None
    full = daily([6] * 7 + [3] * 7)
    assert progress_report(TODAY, 2, full, [], [], [], 2).pain_change is not None
