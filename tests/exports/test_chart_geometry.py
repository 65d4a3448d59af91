"""The progress chart fits its column (issue 25): worked out from the SVG's own geometry, not
from pixels. Nothing drawn leaves the viewBox, no marker is cut by the plot's frame (a score
of 0, a session today, a bar up to 10), and all text is at least 11 CSS px where the chart is
shown: the narrow one in a 358 px phone column, the wide one in a column of 685 px or more."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from sciatica_coach.coach.history import History
from sciatica_coach.domain.progress import ScorePoint, SessionPoint
from sciatica_coach.exports.chart import draw_progress_chart

from .svg_geometry import Chart

TODAY = date(2026, 12, 1)
COLUMN = {"narrow": 358.0, "wide": 685.0}
"""CSS px: a 390 px phone's column, and the narrowest column that shows the wide chart."""
SMALLEST_TEXT = 11.0


def full(weeks: int) -> History:
    """Every day scored, 0 today (a marker on the frame's corner, were there no room), a PEG a
    week, a session today from 10 down to 0 and one on the first day."""
    days = 7 * weeks
    pain = tuple(
        ScorePoint(TODAY - timedelta(days=d), 0.0 if d == 0 else 5 + d % 4) for d in range(days)
    )
    peg = tuple(ScorePoint(TODAY - timedelta(days=d), 10.0 - d % 3) for d in range(0, days, 7))
    sessions = (
        SessionPoint(TODAY, 10, 0, False),
        SessionPoint(TODAY - timedelta(days=days - 1), 6, 4, False),
        SessionPoint(TODAY - timedelta(days=2), None, None, False),
    )
    return History(TODAY, pain, peg, sessions, ())


def drawn(tmp_path: Path, history: History, weeks: int, size: str) -> Chart:
    path = tmp_path / f"chart-{size}-{weeks}.svg"
    draw_progress_chart(history, weeks, path, size)  # type: ignore[arg-type]
    return Chart(path.read_text(encoding="utf-8"))


CASES = [(weeks, size) for weeks in (1, 4, 8, 52) for size in ("narrow", "wide")]


@pytest.mark.parametrize(("weeks", "size"), CASES)
def test_everything_drawn_is_inside_the_viewbox(tmp_path: Path, weeks: int, size: str) -> None:
    chart = drawn(tmp_path, full(weeks), weeks, size)
    assert len(chart.drawn) > 50
    assert chart.outside_the_viewbox() == []


@pytest.mark.parametrize(("weeks", "size"), CASES)
def test_no_point_is_cut_by_the_frame(tmp_path: Path, weeks: int, size: str) -> None:
    chart = drawn(tmp_path, full(weeks), weeks, size)
    assert sum(d.clip is not None for d in chart.drawn) > 3  # the data is clipped to the plot
    assert chart.cut_by_the_frame() == []


@pytest.mark.parametrize(("weeks", "size"), CASES)
def test_the_last_point_has_room_on_the_right(tmp_path: Path, weeks: int, size: str) -> None:
    """Today's markers sit clear of the plot's right edge, with a few points to spare."""
    chart = drawn(tmp_path, full(weeks), weeks, size)
    clipped = [d for d in chart.drawn if d.clip is not None and d.what.endswith("use")]
    assert clipped
    right = max(d.box.right for d in clipped)
    frame = clipped[0].clip
    assert frame is not None and frame.right - right >= 2.0


@pytest.mark.parametrize(("weeks", "size"), CASES)
def test_all_text_is_at_least_11_css_px_in_its_column(
    tmp_path: Path, weeks: int, size: str
) -> None:
    chart = drawn(tmp_path, full(weeks), weeks, size)
    texts = {t.text for t in chart.texts}
    assert {"0", "10", "Daily pain (0-10)", "Self-massage session"} <= texts
    assert any(re.fullmatch(r"\d\d [A-Z][a-z]{2}", t.text) for t in chart.texts)  # a date
    small = [
        (t.text, round(chart.css_px(t.size, COLUMN[size]), 1))
        for t in chart.texts
        if chart.css_px(t.size, COLUMN[size]) < SMALLEST_TEXT
    ]
    assert small == []


@pytest.mark.parametrize("size", ["narrow", "wide"])
def test_an_empty_chart_fits_too(tmp_path: Path, size: str) -> None:
    chart = drawn(tmp_path, History(TODAY, (), (), (), ()), 8, size)
    assert "Nothing logged in these weeks yet" in {t.text for t in chart.texts}
    assert chart.outside_the_viewbox() == [] and chart.cut_by_the_frame() == []
    assert min(chart.css_px(t.size, COLUMN[size]) for t in chart.texts) >= SMALLEST_TEXT


def test_the_phone_chart_is_taller_than_wide_and_the_page_one_wider(tmp_path: Path) -> None:
    narrow = drawn(tmp_path, full(8), 8, "narrow").viewbox
    wide = drawn(tmp_path, full(8), 8, "wide").viewbox
    assert narrow.bottom > narrow.right and wide.right > 1.5 * wide.bottom
