"""The progress chart: daily pain and weekly PEG over the weeks, sessions marked.

Readable at a glance: dated x axis, 0-10 y axis with labels, a dashed line where pain would
count as clearly better than the first week (2 points or 30% lower, Farrar et al. 2001), a
small triangle under each day with a session and, for a session with pain scores before and
after, a bar from the one to the other. PNG or SVG, chosen by the file name.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

import matplotlib

matplotlib.use("Agg")  # no screen needed; set before pyplot is imported

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from sciatica_coach.coach.history import History
from sciatica_coach.domain.progress import better_line, daily_means

from .chart_colours import BETTER, PAIN, PEG, SESSION, hex_colour

FORMATS = (".png", ".svg")


class ChartError(ValueError):
    """The chart cannot be drawn to that file (say, an unknown extension)."""


SIZES = {"wide": (9.0, 4.5), "narrow": (4.4, 4.6)}
"""Inches: the page and a printout (``wide``), a phone screen about 360 px across (``narrow``:
the same chart, taller than wide, its text large enough to read there)."""


def draw_progress_chart(
    history: History, weeks: int, path: Path, size: Literal["wide", "narrow"] = "wide"
) -> None:
    """Write the chart for the last ``weeks`` weeks to ``path`` (.png or .svg)."""
    if path.suffix.lower() not in FORMATS:
        raise ChartError(f"the chart file must end in .png or .svg, not '{path.suffix or path}'")
    start = history.today - timedelta(days=7 * weeks - 1)
    pain = [p for p in daily_means(history.pain) if start <= p.day <= history.today]
    peg = [p for p in history.peg if start <= p.day <= history.today]
    in_view = [s for s in history.sessions if start <= s.day <= history.today]
    sessions = sorted({s.day for s in in_view})

    figure, axes = plt.subplots(figsize=SIZES[size], dpi=110)
    try:
        if pain:
            axes.plot(
                _x([p.day for p in pain]), [p.score for p in pain], "-o", color=hex_colour(PAIN),
                markersize=3.5, linewidth=1.6, label="Daily pain (0-10)",
            )  # fmt: skip
        line = better_line(pain)
        if line is not None:
            axes.axhline(
                line, color=hex_colour(BETTER), linestyle="--", linewidth=1.2,
                label=f"Clearly better: {line:.1f} or lower",
            )  # fmt: skip
        if peg:
            axes.plot(
                _x([p.day for p in peg]), [p.score for p in peg], "-s", color=hex_colour(PEG),
                markersize=5, linewidth=1.4, label="Weekly PEG score (0-10)",
            )  # fmt: skip
        scored = [
            (s.day, float(s.pain_before), float(s.pain_after))
            for s in in_view
            if s.pain_before is not None and s.pain_after is not None
        ]
        for number, (day, before, after) in enumerate(scored):
            x = _x([day])[0]
            axes.plot(
                [x, x], [before, after], "-", color=hex_colour(SESSION), linewidth=1.2, marker="_",
                markersize=9, label="Pain before and after a session" if number == 0 else None,
            )  # fmt: skip
            axes.plot([x], [after], "v", color=hex_colour(SESSION), markersize=5)
        if sessions:
            axes.plot(
                _x(sessions), [0.25] * len(sessions), "^", color=hex_colour(SESSION), markersize=7,
                label="Self-massage session", linestyle="none",
            )  # fmt: skip
        _frame(axes, start, history.today, weeks, has_data=bool(pain or peg or sessions))
        if size == "narrow":
            _for_a_phone(figure, axes)
        figure.tight_layout()
        figure.savefig(path, format=path.suffix.lower().lstrip("."))
    finally:
        plt.close(figure)


def _for_a_phone(figure: Any, axes: Any) -> None:
    """Fewer date labels, the legend under the chart, no axis titles that a phone would squeeze."""
    axes.set_xlabel("")
    axes.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=4))  # type: ignore[no-untyped-call]
    axes.tick_params(labelsize=9)
    axes.title.set_fontsize(11)
    legend = axes.get_legend()
    if legend is not None:
        legend.remove()
        axes.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize=9, ncol=1, frameon=False
        )


def _x(days: list[date]) -> list[float]:
    return [float(mdates.date2num(day)) for day in days]  # type: ignore[no-untyped-call]


def _frame(axes: Axes, start: date, end: date, weeks: int, has_data: bool) -> None:
    axes.set_xlim(_x([start - timedelta(days=1)])[0], _x([end + timedelta(days=1)])[0])
    axes.set_ylim(0, 10.5)
    axes.set_ylabel("Score (0 = none, 10 = worst)")
    axes.set_xlabel("Date")
    axes.set_title(f"Pain and PEG over the last {weeks} weeks")
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))  # type: ignore[no-untyped-call]
    axes.grid(True, alpha=0.3)
    if has_data:
        axes.legend(loc="upper right", fontsize=8, framealpha=0.9)
    else:
        axes.text(
            0.5, 0.5, "Nothing logged in these weeks yet", transform=axes.transAxes,
            ha="center", va="center", color="#666666",
        )  # fmt: skip
