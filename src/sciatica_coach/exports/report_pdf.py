"""The summary for a clinician as a PDF: one or two A4 pages, plain clinical language.

Page one: who and which weeks, the latest safety check with its flags, concerns the journal
raised, the safety flags of these weeks and what followed each (the sign answered again, a
doctor's visit, a clinician's clearance), the restrictions in force and the numbness,
tingling, burning or electric feelings logged, then pain and PEG over time (a vector chart and
the weekly means, with the sessions of each week and the pain right before and after them),
which runs on to page two when the safety part is long. Page two: the body maps
before and after the most recent session, the sessions, muscles and tools, the person's notes
when they chose to share them, the sources and the app's disclaimer. Nothing here decides
anything: :func:`sciatica_coach.coach.report.clinician_summary` gathered it all.

It keeps to two pages for any number of weeks the summary allows (up to twelve): the notes
give way first, as many shown as fit (the summary says how many were left out). The flags of
a safety check and the entries of the safety log are never dropped, so a journal with a great
many of them could still need a third page.
"""

from __future__ import annotations

from sciatica_coach.coach.report import (
    ClinicianSummary,
    LatestMaps,
    MapPicture,
)
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.body_map import parse_region_keys
from sciatica_coach.domain.progress import (
    MIN_ENTRIES_PER_WEEK,
    PAIN_THRESHOLD,
    PEG_THRESHOLD,
    Change,
)
from sciatica_coach.figures.body_svg import PRINT_BOX, body_map_svg

from .pdf_chart import ChartData, draw_chart
from .pdf_kit import (
    ACCENT,
    DASH,
    MUTED,
    SMALL_SIZE,
    SOFT,
    Document,
    Line,
    disclaimer,
    number,
    source_line,
)
from .report_safety_pdf import day, flags_and_after, moment, safety_section

MAX_PAGES = 2
NO_MAP = "no map given"
"""A session or a stretch of weeks without a body map: nothing is known about the places."""
NO_PAIN_NOW = "no pain now (a map saved with nothing marked)"
"""A map saved empty: the person said there was no pain to mark."""
NO_NAME = "________________________"
"""A line to write the name on, when none was given."""
NOTE_SIZE = 8.4
TITLE = "Summary for a clinician"
ABOUT = (
    "Entered by the person in Sciatica Coach, a self-care app for sciatica-like pain that "
    "muscle trigger points may contribute to (safety checks, body maps, guided self-massage, "
    "daily pain 0-10, the weekly PEG score of Krebs et al. 2009). It does not diagnose, and "
    "this is not a clinical assessment."
)
FOOTER = "Sciatica Coach: self-reported, not a diagnosis."
CHANGE_WORDS = {
    "improved": "a clinically important decrease",
    "worse": "a clinically important increase",
    "no_clear_change": "no clinically important change",
}
MUSCLE_ROWS = 8
CHART_HIGH = 48.0
CHART_LOW = 36.0
CHART_ROOM = 17.0
"""Millimetres the chart's heading and its key take besides the chart."""
MAP_WIDTH = 40.0
ROW_HEIGHT = 5.0
"""About how tall a one-line row of a table is, in mm."""


def report_pdf(kb: KnowledgeBase, summary: ClinicianSummary) -> bytes:
    """The summary as PDF bytes."""
    doc = _render(kb, summary, len(summary.notes or ()))
    if doc.pages_count > MAX_PAGES and summary.notes:  # measured short: leave the notes out
        doc = _render(kb, summary, 0)
    return bytes(doc.output())


def _render(kb: KnowledgeBase, summary: ClinicianSummary, notes_shown: int) -> Document:
    covered = f"{day(summary.start)} to {day(summary.end)} ({summary.weeks} weeks)"
    who = summary.name or NO_NAME
    period = f"{day(summary.start)} to {day(summary.end)}"
    footer = f"{FOOTER} {summary.name + ', ' if summary.name else ''}{period}."
    doc = Document(f"{TITLE}: {covered}", footer)
    doc.add_page()
    doc.title_block(
        TITLE,
        [
            f"Name: {who}.  Weeks covered: {covered}.",
            f"Made {moment(summary.made_at, summary.made_at)} from the person's own journal.",
        ],
    )
    doc.box(
        [
            Line(ABOUT, size=SMALL_SIZE, color=MUTED, after=0.8),
            Line(disclaimer(kb), bold=True, size=8.4, after=0),
        ],
        SOFT,
        ACCENT,
    )
    safety_section(kb, doc, summary)
    flags_and_after(doc, summary)
    _over_time(doc, summary)
    _maps(kb, doc, summary)
    _sessions(doc, summary)
    _notes(doc, summary, notes_shown, _sources_height(doc, summary))
    _sources(doc, summary)
    return doc


# --- page one -------------------------------------------------------------------------------


def _over_time(doc: Document, summary: ClinicianSummary) -> None:
    # The chart is drawn shorter (down to CHART_LOW) rather than moved to the next page
    # whole when the safety part above has left a little less room than it needs; the lines
    # and the table under it may then go on to the next page.
    room = doc.room - CHART_ROOM
    height = min(CHART_HIGH, room) if room >= CHART_LOW else CHART_HIGH  # else: a new page
    doc.heading("Pain and PEG over time", keep=height + CHART_ROOM)
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
    doc.bullets(
        [
            _change_line(
                "Daily pain",
                summary.pain_change,
                PAIN_THRESHOLD.words,
                "Farrar et al. 2001",
                per_week=MIN_ENTRIES_PER_WEEK,
                for_improvement=PAIN_THRESHOLD.for_improvement,
            ),
            _change_line("PEG score", summary.peg_change, PEG_THRESHOLD.words, "Reed et al. 2024"),
        ],
        size=8.6,
    )
    doc.ln(1)
    doc.need(ROW_HEIGHT * (len(rows) + 1) + 7)  # the table stays whole
    doc.runs([("Week by week", True)], size=9.4)
    doc.grid(
        ["Week from", "Pain days", "Mean pain", "PEG", "Sessions", "Pain before → after a session"],
        rows,
        [30, 22, 24, 20, 22, doc.width - 118],
        ["LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"],
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
    """What the chart shows, for a screen reader (the table under it has the numbers)."""
    if not (summary.pain or summary.peg or summary.session_days):
        return "Chart of pain and PEG over time: nothing logged in these weeks."
    said = [
        f"Chart of pain and PEG over time, {day(summary.start)} to {day(summary.end)}, 0 to 10: "
        f"{len(summary.pain)} days with a pain score, {len(summary.peg)} PEG scores and "
        f"{len(summary.session_days)} days with a session."
    ]
    if summary.pain:
        said.append(f"Daily pain from {summary.pain[0].score:.1f} to {summary.pain[-1].score:.1f}.")
    if summary.better_line is not None and summary.pain:
        said.append(f"Clearly better than week 1 would be {summary.better_line:.1f} or less.")
    said.append("The weekly means are in the table below.")
    return " ".join(said)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _mean_of_days(summary: ClinicianSummary) -> float | None:
    return _mean([p.score for p in summary.pain])


def _before_after(before: float | None, after: float | None, scored: int) -> str:
    if before is None or after is None:
        return DASH
    return f"{before:.1f} → {after:.1f} (n = {scored})"


def _change_line(
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


# --- page two -------------------------------------------------------------------------------


def _maps(kb: KnowledgeBase, doc: Document, summary: ClinicianSummary) -> None:
    height = MAP_WIDTH * PRINT_BOX[3] / PRINT_BOX[2]
    found = summary.latest_maps
    if found is None:
        doc.heading("Body map")
        doc.para(f"{NO_MAP.capitalize()} in these weeks.")
        return
    doc.heading(
        "Body map: before and after the most recent session" if found.session else "Body map",
        keep=height + 20,
    )
    top = doc.get_y()
    pictures = [("Before the session", found.before), ("After the session", found.after)]
    if not found.session:
        pictures = [(f"Marked {moment(found.at, summary.made_at)}", found.before)]
    for index, (caption, picture) in enumerate(pictures):
        x = doc.l_margin + index * (MAP_WIDTH + 4)
        doc.set_xy(x, top)
        doc.use(8.4, bold=True)
        with doc.marked("P"):
            doc.cell(MAP_WIDTH, 4, doc.clean(caption))
        if picture is None:
            doc.set_draw_color(*SOFT)
            with doc.artifact():
                doc.rect(x, top + 5, MAP_WIDTH, height)
            doc.set_xy(x, top + 5 + height / 2 - 2)
            doc.use(8.4)
            doc.set_text_color(*MUTED)
            with doc.marked("P"):
                doc.cell(MAP_WIDTH, 4, NO_MAP.capitalize(), align="C")
            doc.set_text_color(0, 0, 0)
        else:
            keys = parse_region_keys(list(picture.places), kb.regions) if picture.places else []
            svg = body_map_svg(kb.regions, marked=keys, title=caption, for_print=True)
            doc.svg(svg, x, top + 5, MAP_WIDTH, _map_alt(caption, picture))
    text_x = doc.l_margin + len(pictures) * (MAP_WIDTH + 4) + 2
    doc.set_xy(text_x, top)
    width = doc.w - doc.r_margin - text_x
    for line in _map_words(found, summary):
        doc.para(line, size=8.6, width=width, x=text_x, after=1.4)
        doc.set_x(text_x)
    doc.set_xy(doc.l_margin, top + 5 + height + 2)


def _map_alt(caption: str, picture: MapPicture) -> str:
    """A body map for a screen reader: the views and what is shaded."""
    return f"Body map, {caption.lower()}: a back view and a front view of a person. " + _places(
        "Shaded", picture
    )


def _map_words(found: LatestMaps, summary: ClinicianSummary) -> list[str]:
    lines = []
    if found.session:
        lines.append(f"Session of {moment(found.at, summary.made_at)}.")
        lines.append(
            f"Pain right before: {_score(found.pain_before)}; right after: "
            f"{_score(found.pain_after)}."
        )
    lines.append(_places("Marked before" if found.session else "Marked", found.before))
    if found.session:
        lines.append(_places("Marked after", found.after))
    lines.append(
        "Shaded red: places the person marked, with their own left and right (back view: "
        "their left on the left; front view: their left on the right)."
    )
    return lines


def _score(value: int | None) -> str:
    return "not given" if value is None else f"{value}/10"


def _places(what: str, picture: MapPicture | None) -> str:
    """A missing map is "no map given", never read as no pain; only a map saved with nothing
    marked (the person said "no pain now") says so."""
    if picture is None:
        return f"{what}: {NO_MAP}."
    if not picture.labels:
        return f"{what}: {NO_PAIN_NOW}."
    return f"{what}: {', '.join(picture.labels)}."


def _sessions(doc: Document, summary: ClinicianSummary) -> None:
    doc.heading("Self-massage sessions")
    if not summary.sessions:
        doc.para("No sessions in these weeks.")
        return
    ended = [f"finished {summary.finished}", f"stopped for bad pain {summary.stopped_bad_pain}"]
    if summary.stopped_other:
        ended.append(f"stopped for another reason {summary.stopped_other}")
    doc.para(f"Sessions started: {summary.sessions} ({', '.join(ended)}).")
    if summary.before is not None and summary.after is not None:
        doc.para(
            f"Pain right before → right after a session: mean {summary.before:.1f} → "
            f"{summary.after:.1f} ({summary.scored} of {summary.sessions} sessions with both "
            "scores). An immediate change within a session; it does not show a lasting effect."
        )
    if summary.muscles:
        shown = summary.muscles[:MUSCLE_ROWS]
        rows = [[m.name, m.side, str(m.sessions), str(m.holds)] for m in shown]
        if len(summary.muscles) > MUSCLE_ROWS:
            rest = summary.muscles[MUSCLE_ROWS:]
            rows.append(
                [
                    f"{len(rest)} more",
                    "",
                    str(sum(m.sessions for m in rest)),
                    str(sum(m.holds for m in rest)),
                ]
            )
        doc.grid(
            ["Muscle worked", "Side", "Sessions", "Holds done"],
            rows,
            [62, 22, 22, 24],
            ["LEFT", "LEFT", "RIGHT", "RIGHT"],
        )
    if summary.tools:
        tools = "; ".join(
            f"{name} ({n} {'session' if n == 1 else 'sessions'})" for name, n in summary.tools
        )
        doc.para(f"Tools used: {tools}.")


def _notes(doc: Document, summary: ClinicianSummary, most: int, reserve: float) -> None:
    """The notes, newest first, as many as leave ``reserve`` mm (the sources) on the last
    page allowed."""
    if summary.notes is None:
        doc.para(
            "The person's own notes are not part of this summary (they choose whether to "
            "include them).",
            size=SMALL_SIZE,
            color=MUTED,
        )
        return
    doc.heading("The person's notes", keep=16)
    if not summary.notes:
        doc.para("No notes in these weeks.")
        return
    page = doc.h - doc.t_margin - doc.b_margin
    left = doc.room + (MAX_PAGES - doc.page) * page - reserve - 6
    lines = []
    for note in summary.notes[:most]:
        line = f"{moment(note.at, summary.made_at)}: {note.text}"
        left -= doc.text_height(line, doc.width - 4, NOTE_SIZE) + 0.6
        if left < 0:
            break
        lines.append(line)
    doc.bullets(lines, size=NOTE_SIZE)
    notes = summary.notes[: len(lines)]
    no_room = len(summary.notes) - len(notes)
    left_out = summary.notes_left_out + no_room
    if left_out:
        which = ("earlier " if notes else "") + ("note is" if left_out == 1 else "notes are")
        why = f"a summary keeps to {MAX_PAGES} pages" if no_room else "the most recent are shown"
        doc.para(f"{left_out} {which} not shown ({why}).", size=SMALL_SIZE, color=MUTED)


def _sources_height(doc: Document, summary: ClinicianSummary) -> float:
    """How tall :func:`_sources` will be."""
    lines = sum(
        doc.text_height(source_line(s), doc.width - 4, SMALL_SIZE) + 0.6 for s in summary.sources
    )
    return 10 + lines


def _sources(doc: Document, summary: ClinicianSummary) -> None:
    doc.heading("Sources", keep=20)
    doc.bullets([source_line(s) for s in summary.sources], size=SMALL_SIZE, keep=True)
