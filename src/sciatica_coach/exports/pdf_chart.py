"""Pain and PEG over the weeks, drawn straight onto a PDF page as lines (a vector chart).

The same chart as :mod:`.chart` draws with matplotlib for the screen, made of the PDF's own
lines and shapes so it stays sharp at any zoom and costs no picture library: daily pain as a
red line with dots, the weekly PEG score as dark squares, a dashed green line at the score
that would count as clearly better than the first week (2 points or 30% lower, Farrar et al.
2001), a small purple triangle under each day with a session. Dated weeks across, 0-10 up.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from fpdf.enums import Align

from sciatica_coach.domain.progress import ScorePoint

from .chart_colours import BETTER, PAIN, PEG, SESSION
from .pdf_kit import MUTED, RULE, Document

GRID = (228, 222, 216)
GAP_DAYS = 7
"""Days without a score after which the pain line is broken rather than drawn across."""
AtX = Callable[[date], float]
AtY = Callable[[float], float]


@dataclass(frozen=True)
class ChartData:
    start: date
    end: date
    pain: Sequence[ScorePoint]
    peg: Sequence[ScorePoint]
    session_days: Sequence[date]
    better_line: float | None


def draw_chart(doc: Document, data: ChartData, x: float, y: float, w: float, h: float) -> None:
    """The chart in the box (x, y, w, h) in mm, its key underneath (4.5 mm more)."""
    left, bottom = 8.0, 6.0
    px, py, pw, ph = x + left, y + 1.5, w - left - 1.0, h - bottom - 1.5
    days = (data.end - data.start).days + 1

    def at_x(day: date) -> float:
        return px + ((day - data.start).days + 0.5) / days * pw

    def at_y(score: float) -> float:
        return py + ph - score / 10.0 * ph

    doc.set_line_width(0.15)
    doc.use(6.4)
    doc.set_text_color(*MUTED)
    for score in range(0, 11, 2):
        doc.set_draw_color(*(RULE if score == 0 else GRID))
        doc.line(px, at_y(score), px + pw, at_y(score))
        doc.set_xy(x, at_y(score) - 1.5)
        doc.cell(left - 1.5, 3, str(score), align=Align.R)
    weeks = max(1, days // 7)
    every = 1 if weeks <= 13 else 2 if weeks <= 26 else 4
    for week in range(weeks + 1):
        line_x = px + week * 7 / days * pw
        doc.set_draw_color(*GRID)
        doc.line(line_x, py, line_x, py + ph)
        if week < weeks and week % every == 0:
            day = data.start + timedelta(days=7 * week)
            doc.set_xy(line_x, py + ph + 0.8)
            doc.cell(7 * every / days * pw, 3, f"{day.day} {day:%b}", align=Align.L)
    doc.set_xy(x, y - 1)
    doc.set_draw_color(*RULE)
    doc.rect(px, py, pw, ph)

    if not (data.pain or data.peg or data.session_days):
        doc.use(8.5)
        doc.set_xy(px, py + ph / 2 - 2)
        doc.cell(pw, 4, "Nothing logged in these weeks.", align=Align.C)
    if data.better_line is not None and data.pain:
        doc.set_draw_color(*BETTER)
        doc.set_line_width(0.35)
        doc.set_dash_pattern(dash=1.2, gap=0.9)
        doc.line(px, at_y(data.better_line), px + pw, at_y(data.better_line))
        doc.set_dash_pattern()
    _pain(doc, data.pain, at_x, at_y)
    _peg(doc, data.peg, at_x, at_y)
    doc.set_fill_color(*SESSION)
    for day in data.session_days:
        cx, base = at_x(day), py + ph - 0.4
        doc.polygon([(cx - 0.9, base), (cx + 0.9, base), (cx, base - 1.6)], style="F")
    _key(doc, data, x + left, y + h + 0.5)
    doc.set_text_color(0, 0, 0)
    doc.set_line_width(0.2)


def _pain(doc: Document, pain: Sequence[ScorePoint], at_x: AtX, at_y: AtY) -> None:
    doc.set_draw_color(*PAIN)
    doc.set_fill_color(*PAIN)
    doc.set_line_width(0.45)
    run: list[tuple[float, float]] = []
    previous: date | None = None
    for point in pain:
        if previous is not None and (point.day - previous).days > GAP_DAYS:
            if len(run) > 1:
                doc.polyline(run)
            run = []
        run.append((at_x(point.day), at_y(point.score)))
        previous = point.day
    if len(run) > 1:
        doc.polyline(run)
    radius = 0.55 if len(pain) <= 120 else 0.3
    for point in pain:
        doc.circle(at_x(point.day), at_y(point.score), radius, style="F")


def _peg(doc: Document, peg: Sequence[ScorePoint], at_x: AtX, at_y: AtY) -> None:
    doc.set_draw_color(*PEG)
    doc.set_fill_color(*PEG)
    doc.set_line_width(0.3)
    points = [(at_x(p.day), at_y(p.score)) for p in peg]
    if len(points) > 1:
        doc.polyline(points)
    for px, py in points:
        doc.rect(px - 0.8, py - 0.8, 1.6, 1.6, style="F")


def _key(doc: Document, data: ChartData, x: float, y: float) -> None:
    """What each mark means, on one line under the chart."""
    doc.use(6.8)
    doc.set_text_color(*MUTED)
    at = x

    def label(text: str) -> None:
        nonlocal at
        doc.set_xy(at, y)
        width = doc.get_string_width(doc.clean(text)) + 1
        doc.cell(width, 3.5, doc.clean(text))
        at += width + 3

    doc.set_draw_color(*PAIN)
    doc.set_fill_color(*PAIN)
    doc.set_line_width(0.45)
    doc.line(at, y + 1.75, at + 5, y + 1.75)
    doc.circle(at + 2.5, y + 1.75, 0.55, style="F")
    at += 6
    label("Daily pain (day's mean)")
    doc.set_fill_color(*PEG)
    doc.rect(at, y + 0.95, 1.6, 1.6, style="F")
    at += 2.6
    label("Weekly PEG score")
    if data.better_line is not None and data.pain:
        doc.set_draw_color(*BETTER)
        doc.set_line_width(0.35)
        doc.set_dash_pattern(dash=1.2, gap=0.9)
        doc.line(at, y + 1.75, at + 5, y + 1.75)
        doc.set_dash_pattern()
        at += 6
        label(f"Clearly better than the first scored week: ≤ {better_words(data.better_line)}")
    doc.set_fill_color(*SESSION)
    doc.polygon([(at, y + 2.6), (at + 1.8, y + 2.6), (at + 0.9, y + 1.0)], style="F")
    at += 2.8
    label("Self-massage session")


def better_words(line: float) -> str:
    """The clearly-better line to a tenth, rounded down so that "≤" stays true (4.48 is
    "4.4": a day at 4.5 is not clearly better)."""
    return f"{math.floor(round(line * 10, 6)) / 10:.1f}"
