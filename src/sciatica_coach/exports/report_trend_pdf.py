"""Pain and PEG over the weeks in the clinician's summary: the chart, the change from the
first week to the last judged by its threshold, and the table of weekly means."""

from __future__ import annotations

from sciatica_coach.coach.report import ClinicianSummary
from sciatica_coach.domain.progress import (
    MIN_ENTRIES_PER_WEEK,
    PAIN_THRESHOLD,
    PEG_THRESHOLD,
    Change,
)

from .pdf_chart import ChartData, better_words, draw_chart
from .pdf_kit import DASH, MUTED, SMALL_SIZE, Document, number
from .report_layout import Layout
from .report_safety_pdf import day

CHANGE_WORDS = {
    "improved": "a clinically important decrease",
    "worse": "a clinically important increase",
    "no_clear_change": "no clinically important change",
}
CHART_ROOM = 17.0
"""Millimetres the chart's heading and its key take besides the chart."""
ROW_HEIGHT = 5.0
"""About how tall a one-line row of a table is at 8.2 pt, in mm."""


def over_time(doc: Document, summary: ClinicianSummary, layout: Layout) -> None:
    """The chart, the change from the first week to the last and the weekly table. The chart
    is drawn shorter (down to the layout's ``chart_low``) to stay on the page the section
    starts on; where even that does not fit, the words and the table come first (the table
    may then run on to the next page, its heading row repeated), and the chart after them,
    so that no half page is left empty."""
    room = doc.room - CHART_ROOM
    if room >= layout.chart_low:
        doc.heading("Pain and PEG over time", keep=0)
        _chart(doc, summary, min(layout.chart_high, room))
        _changes(doc, summary, layout)
        _weekly(doc, summary, layout, whole=True)
        return
    doc.heading("Pain and PEG over time")
    _changes(doc, summary, layout)
    _weekly(doc, summary, layout, whole=False)
    doc.need(layout.chart_high + CHART_ROOM - 9)
    _chart(doc, summary, layout.chart_high)


def _chart(doc: Document, summary: ClinicianSummary, height: float) -> None:
    top = doc.get_y()
    with doc.marked("Figure", alt=_chart_words(summary)):
        draw_chart(
            doc,
            ChartData(
                summary.start,
                summary.end,
                summary.pain,
                summary.peg,
                summary.session_days,
                summary.better_line,
            ),
            doc.l_margin,
            top,
            doc.width,
            height,
        )
    doc.set_xy(doc.l_margin, top + height + 6)


def _changes(doc: Document, summary: ClinicianSummary, layout: Layout) -> None:
    doc.bullets(
        [
            change_line(
                "Daily pain",
                summary.pain_change,
                PAIN_THRESHOLD.words,
                "Farrar et al. 2001",
                per_week=MIN_ENTRIES_PER_WEEK,
                for_improvement=PAIN_THRESHOLD.for_improvement,
            ),
            change_line("PEG score", summary.peg_change, PEG_THRESHOLD.words, "Reed et al. 2024"),
        ],
        size=layout.text_size,
    )
    doc.ln(1)


def _weekly(doc: Document, summary: ClinicianSummary, layout: Layout, whole: bool) -> None:
    """The weekly means; kept on one page when ``whole``."""
    rows = [
        [
            day(r.start),
            str(r.pain_days),
            number(r.pain),
            number(r.peg),
            str(r.sessions),
            _before_after(r.before, r.after, r.scored),
        ]
        for r in summary.rows
    ]
    rows.append(
        [
            f"All {summary.weeks} weeks",
            str(sum(r.pain_days for r in summary.rows)),
            number(_mean_of_days(summary)),
            number(_mean([p.score for p in summary.peg])),
            str(sum(r.sessions for r in summary.rows)),
            _before_after(summary.before, summary.after, summary.scored),
        ]
    )
    row = ROW_HEIGHT * layout.table_size / 8.2
    doc.need(row * (len(rows) + 1 if whole else 3) + 7)
    doc.runs([("Week by week", True)], size=9.4, role="H3")
    doc.grid(
        ["Week from", "Pain days", "Mean pain", "PEG", "Sessions", "Pain before → after a session"],
        rows,
        [30, 22, 24, 20, 22, doc.width - 118],
        ["LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"],
        size=layout.table_size,
        bold_last=True,
    )
    doc.para(
        "Pain days: days with a pain score (from the pain log, a safety check or right before "
        "a session; the day's mean is used). PEG: the mean of the week's PEG scores. Before → "
        "after: mean pain right before and right after the week's sessions that have both "
        "(n sessions).",
        size=SMALL_SIZE - 0.4,
        color=MUTED,
    )


def _chart_words(summary: ClinicianSummary) -> str:
    """What the chart shows, for a screen reader (the table "Week by week", before or after
    it, has the numbers)."""
    if not (summary.pain or summary.peg or summary.session_days):
        return "Chart of daily pain and the weekly PEG score: nothing logged in these weeks."
    said = [
        f"Chart of daily pain and the weekly PEG score, {day(summary.start)} to "
        f"{day(summary.end)}, on a 0 to 10 scale: {count(len(summary.pain), 'day')} with a pain "
        f"score, {count(len(summary.peg), 'PEG score')}, "
        f"{count(len(summary.session_days), 'day')} with a session."
    ]
    if len(summary.pain) == 1:
        said.append(f"Daily pain was {summary.pain[0].score:.1f} on {day(summary.pain[0].day)}.")
    elif summary.pain:
        first, last = summary.pain[0], summary.pain[-1]
        said.append(
            f"Daily pain was {first.score:.1f} on {day(first.day)} and {last.score:.1f} on "
            f"{day(last.day)}."
        )
    if summary.better_line is not None and summary.pain:
        said.append(
            f"A dashed line at {better_words(summary.better_line)} marks a clinically important "
            f"improvement on the first scored week (the 7 days from "
            f"{day(summary.pain[0].day)}; 2 points or 30% lower, whichever comes first; "
            "Farrar et al. 2001)."
        )
    said.append('The weekly means are in the table "Week by week".')
    return " ".join(said)


def count(n: int, what: str) -> str:
    """``n`` of ``what``, singular or plural ("1 day", "3 PEG scores")."""
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _mean_of_days(summary: ClinicianSummary) -> float | None:
    return _mean([p.score for p in summary.pain])


def _before_after(before: float | None, after: float | None, scored: int) -> str:
    if before is None or after is None:
        return DASH
    return f"{before:.1f} → {after:.1f} (n = {scored})"


def change_line(
    what: str,
    change: Change | None,
    threshold: str,
    source: str,
    per_week: int = 1,
    for_improvement: bool = False,
) -> str:
    """The first week against the last, judged by ``threshold``; a rise judged by a threshold
    its ``source`` set for improvement says it is used by analogy."""
    if change is None:
        need = f"{per_week} daily scores" if per_week > 1 else "1 score"
        return (
            f"{what}: too few entries to judge a change (it needs at least {need} in each of "
            "a first and a last week that do not overlap)."
        )
    if for_improvement and change.kind == "worse":
        source += ", set for improvement; used for worsening by analogy"
    return (
        f"{what}, first week of entries → last week: {change.first:.1f} → {change.last:.1f}: "
        f"{CHANGE_WORDS[change.kind]} (threshold {threshold}; {source})."
    )
