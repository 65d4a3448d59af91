"""The progress chart: daily pain, each session's pain before and after, the threshold."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from sciatica_coach.coach.history import History
from sciatica_coach.domain.progress import ScorePoint, SessionPoint
from sciatica_coach.exports.chart import ChartError, draw_progress_chart

TODAY = date(2026, 12, 1)


def history(sessions: tuple[SessionPoint, ...]) -> History:
    pain = tuple(ScorePoint(TODAY - timedelta(days=d), 6.0 - d / 10) for d in range(14))
    return History(TODAY, pain, (), sessions, ())


@pytest.mark.parametrize("size", ["wide", "narrow"])
def test_sessions_with_scores_before_and_after_are_drawn_as_a_drop(
    tmp_path: Path, size: str
) -> None:
    chart = tmp_path / "chart.svg"
    session = SessionPoint(TODAY - timedelta(days=1), 6, 3, False)
    draw_progress_chart(history((session,)), 4, chart, size)  # type: ignore[arg-type]
    text = chart.read_text(encoding="utf-8")
    assert "Pain before and after a session" in text
    assert "Clearly better" in text and "Daily pain" in text


def test_a_session_without_scores_is_only_marked(tmp_path: Path) -> None:
    chart = tmp_path / "chart.svg"
    draw_progress_chart(history((SessionPoint(TODAY, None, None, False),)), 4, chart)
    text = chart.read_text(encoding="utf-8")
    assert "Self-massage session" in text and "Pain before and after" not in text


def test_only_png_and_svg(tmp_path: Path) -> None:
    with pytest.raises(ChartError):
        draw_progress_chart(history(()), 4, tmp_path / "chart.gif")
