"""The progress chart: daily pain and weekly PEG over the weeks, sessions marked.

Readable at a glance: dated x axis, 0-10 y axis with labels, a dashed line where pain would
count as clearly better than the first week (2 points or 30% lower, Farrar et al. 2001), a
small triangle under each day with a session and, for a session with pain scores before and
after, a bar from the one to the other. PNG or SVG, chosen by the file name.
"""

from __future__ import annotations

import io
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

import matplotlib

matplotlib.use("Agg")  # no screen needed; set before pyplot is imported

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from sciatica_coach.coach.history import History
from sciatica_coach.domain.progress import better_line, daily_means

from .chart_colours import BETTER, PAIN, PEG, SESSION, hex_colour
from .pdf_chart import better_words  # rounded down, as the PDF says it

FORMATS = (".png", ".svg")
PRIVATE = 0o600
"""A chart file's mode: its owner's only, whatever the umask says."""


class ChartError(ValueError):
    """The chart cannot be drawn to that file (say, an unknown extension)."""


SIZES = {"wide": (9.0, 5.0), "narrow": (4.0, 5.2)}
"""Inches: the page and a printout (``wide``), a phone screen about 360 px across (``narrow``:
the same chart, taller than wide). An SVG's viewBox is the size in points (72 an inch)."""

TEXT = {"wide": 11.0, "narrow": 10.0}
"""Points, the smallest text (axis labels, legend). Shown at the width of its column, that is
at least 11 CSS px: the narrow chart's 288-point viewBox fills a 358 px phone column
(10 x 358 / 288 = 12.4 px) and the wide chart's 648 points a column of 685 px or more, the
narrowest it gets beside the phone's (11 x 685 / 648 = 11.6 px)."""

PAD = 0.04
"""Room either side of the dates and below 0, as a share of the axis, so that a marker on
the first or last day, or at 0, is drawn whole, not cut by the frame."""


def chart_kind(path: Path) -> Literal["png", "svg"]:
    """The image kind a chart file's name asks for; :class:`ChartError` for any other."""
    suffix = path.suffix.lower()
    if suffix == ".png":
        return "png"
    if suffix == ".svg":
        return "svg"
    raise ChartError(f"the chart file must end in .png or .svg, not '{path.suffix or path}'")


def draw_progress_chart(
    history: History, weeks: int, path: Path, size: Literal["wide", "narrow"] = "wide"
) -> None:
    """Write the chart for the last ``weeks`` weeks to ``path`` (.png or .svg), readable by
    its owner only (0600), as every file the app writes: it is health data."""
    image = progress_chart(history, weeks, chart_kind(path), size)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
    with os.fdopen(descriptor, "wb") as file:
        file.write(image)
    os.chmod(path, PRIVATE)  # a file that was there before keeps its mode through os.open


def progress_chart(
    history: History,
    weeks: int,
    kind: Literal["png", "svg"],
    size: Literal["wide", "narrow"] = "wide",
) -> bytes:
    """The chart for the last ``weeks`` weeks, as a PNG or SVG image."""
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
                label=f"Clearly better: {better_words(line)} or lower",
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
        _frame(axes, start, history.today, weeks, size, has_data=bool(pain or peg or sessions))
        # tight_layout makes room for the legend under the axes as well as the labels
        figure.tight_layout(pad=0.6)
        image = io.BytesIO()
        figure.savefig(image, format=kind)
    finally:
        plt.close(figure)
    return image.getvalue()


def _x(days: list[date]) -> list[float]:
    return [float(mdates.date2num(day)) for day in days]  # type: ignore[no-untyped-call]


def _frame(axes: Axes, start: date, end: date, weeks: int, size: str, has_data: bool) -> None:
    """Axes, labels and the legend under the chart (where it hides no recent point). A phone
    gets fewer date labels and no "Date" title, which the dates say already."""
    text = TEXT[size]
    days = (end - start).days + 1
    pad = max(1.0, PAD * days)
    left, right = _x([start, end])
    axes.set_xlim(left - pad, right + pad)
    axes.set_ylim(-PAD * 11, 10.5)
    axes.set_yticks(range(0, 11, 2))
    axes.set_ylabel("Score (0 = none, 10 = worst)", fontsize=text)
    axes.set_title(f"Pain and PEG over the last {weeks} weeks", fontsize=text + 1)
    axes.tick_params(labelsize=text)
    locator = mdates.AutoDateLocator(maxticks=4 if size == "narrow" else 8)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))  # type: ignore[no-untyped-call]
    if size == "wide":
        axes.set_xlabel("Date", fontsize=text)
    axes.grid(True, alpha=0.3)
    if has_data:
        axes.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.14 if size == "wide" else -0.1),
            fontsize=text, ncol=2 if size == "wide" else 1, frameon=False,
        )  # fmt: skip
    else:
        axes.text(
            0.5, 0.5, "Nothing logged in these weeks yet", transform=axes.transAxes,
            ha="center", va="center", color="#666666", fontsize=text,
        )  # fmt: skip
