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

It keeps to two pages for any number of weeks the summary allows (up to twelve): it is laid
out with the first of :data:`LAYOUTS` that fits (the later ones draw the chart, the maps and
the tables smaller and set the headings closer), and the notes take what room is left, as
many as fit (none, when the rest of the summary fills two pages: it says so), then a line
saying how many more the journal holds. The flags of a safety check
and the entries of the safety log are never dropped, so a journal with a great many of them
could still need a third page. The PDF is tagged (:mod:`.pdf_tags`) for screen readers.
"""

from __future__ import annotations

from sciatica_coach.coach.report import (
    ClinicianSummary,
    LatestMaps,
    MapPicture,
)
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.body_map import parse_region_keys
from sciatica_coach.figures.body_svg import PRINT_BOX, body_map_svg

from .pdf_kit import (
    ACCENT,
    MUTED,
    SMALL_SIZE,
    SOFT,
    Document,
    Line,
    TooLong,
    disclaimer,
    source_line,
)
from .report_layout import LAYOUTS, Layout
from .report_safety_pdf import day, flags_and_after, moment, safety_section
from .report_trend_pdf import over_time

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


def report_pdf(kb: KnowledgeBase, summary: ClinicianSummary) -> bytes:
    """The summary as PDF bytes: laid out with the first of :data:`LAYOUTS` that keeps it to
    two pages (a layout that runs on to a third is given up there), the notes as many as fit.
    """
    return summary_pdf(kb, summary)[0]


def summary_pdf(kb: KnowledgeBase, summary: ClinicianSummary) -> tuple[bytes, int]:
    """:func:`report_pdf` and how many of the person's notes it shows (none may fit)."""
    notes = len(summary.notes or ())
    for layout in LAYOUTS[:-1]:
        try:
            doc, shown = _render(kb, summary, layout, notes, MAX_PAGES)
            return bytes(doc.output()), shown
        except TooLong:
            continue
    doc, shown = _render(kb, summary, LAYOUTS[-1], notes)
    if doc.pages_count > MAX_PAGES and notes:  # measured short: leave the notes out
        doc, shown = _render(kb, summary, LAYOUTS[-1], 0)
    return bytes(doc.output()), shown


def _render(
    kb: KnowledgeBase,
    summary: ClinicianSummary,
    layout: Layout,
    notes_shown: int,
    most_pages: int | None = None,
) -> tuple[Document, int]:
    """The summary laid out, and how many notes it shows."""
    covered = f"{day(summary.start)} to {day(summary.end)} ({summary.weeks} weeks)"
    who = summary.name or NO_NAME
    period = f"{day(summary.start)} to {day(summary.end)}"
    footer = f"{FOOTER} {summary.name + ', ' if summary.name else ''}{period}."
    doc = Document(f"{TITLE}: {covered}", footer, tight=layout.tight, most_pages=most_pages)
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
    flags_and_after(doc, summary, layout.flag_size)
    over_time(doc, summary, layout)
    _maps(kb, doc, summary, layout)
    _sessions(doc, summary, layout)
    shown = _notes(doc, summary, notes_shown, _sources_height(doc, summary, layout))
    _sources(doc, summary, layout)
    return doc, shown


# --- page one -------------------------------------------------------------------------------


# --- page two -------------------------------------------------------------------------------


def _maps(kb: KnowledgeBase, doc: Document, summary: ClinicianSummary, layout: Layout) -> None:
    width = layout.map_width
    height = width * PRINT_BOX[3] / PRINT_BOX[2]
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
        x = doc.l_margin + index * (width + 4)
        doc.set_xy(x, top)
        doc.use(8.4, bold=True)
        with doc.marked("P"):
            doc.cell(width, 4, doc.clean(caption))
        if picture is None:
            doc.set_draw_color(*SOFT)
            with doc.artifact():
                doc.rect(x, top + 5, width, height)
            doc.set_xy(x, top + 5 + height / 2 - 2)
            doc.use(8.4)
            doc.set_text_color(*MUTED)
            with doc.marked("P"):
                doc.cell(width, 4, NO_MAP.capitalize(), align="C")
            doc.set_text_color(0, 0, 0)
        else:
            keys = parse_region_keys(list(picture.places), kb.regions) if picture.places else []
            svg = body_map_svg(kb.regions, marked=keys, title=caption, for_print=True)
            doc.svg(svg, x, top + 5, width, _map_alt(caption, picture))
    text_x = doc.l_margin + len(pictures) * (width + 4) + 2
    doc.set_xy(text_x, top)
    for line in _map_words(found, summary):
        doc.para(
            line, size=layout.text_size, width=doc.w - doc.r_margin - text_x, x=text_x, after=1.4
        )
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


def _sessions(doc: Document, summary: ClinicianSummary, layout: Layout) -> None:
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
        shown = summary.muscles[: layout.muscle_rows]
        rows = [[m.name, m.side, str(m.sessions), str(m.holds)] for m in shown]
        if len(summary.muscles) > layout.muscle_rows:
            rest = summary.muscles[layout.muscle_rows :]
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
            size=layout.table_size,
        )
    if summary.tools:
        tools = "; ".join(
            f"{name} ({n} {'session' if n == 1 else 'sessions'})" for name, n in summary.tools
        )
        doc.para(f"Tools used: {tools}.")


def _notes(doc: Document, summary: ClinicianSummary, most: int, reserve: float) -> int:
    """The notes, newest first, as many as leave ``reserve`` mm (the sources) on the last
    page allowed; a layout that leaves room for none gives way to a tighter one, if any. How
    many it shows."""
    if summary.notes is None:
        doc.para(
            "The person's own notes are not part of this summary (they choose whether to "
            "include them).",
            size=SMALL_SIZE,
            color=MUTED,
        )
        return 0
    doc.heading("The person's notes", keep=16)
    if not summary.notes:
        doc.para("No notes in these weeks.")
        return 0
    page = doc.h - doc.t_margin - doc.b_margin
    left = doc.room + (MAX_PAGES - doc.page) * page - reserve - 6
    lines = []
    for note in summary.notes[:most]:
        line = f"{moment(note.at, summary.made_at)}: {note.text}"
        left -= doc.text_height(line, doc.width - 4, NOTE_SIZE) + 0.6
        if left < 0:
            break
        lines.append(line)
    if not lines and most and doc.most_pages is not None:
        raise TooLong(doc.most_pages)  # a tighter layout may leave room for some
    total = len(summary.notes) + summary.notes_left_out
    if not lines:
        doc.para(none_fit(total), size=SMALL_SIZE, color=MUTED)
        return 0
    doc.bullets(lines, size=NOTE_SIZE)
    no_room = len(summary.notes) - len(lines)
    left_out = total - len(lines)
    if left_out:
        which = "note" if left_out == 1 else "notes"
        why = "a summary keeps to two pages" if no_room else "the most recent are shown"
        doc.para(f"{left_out} more {which} in the journal ({why}).", size=SMALL_SIZE, color=MUTED)
    return len(lines)


def none_fit(total: int) -> str:
    """What the summary says when none of the person's ``total`` notes fits."""
    if total == 1:
        return (
            "The person's one note from these weeks did not fit on two pages; it is in their "
            "journal."
        )
    return (
        f"None of the person's {total} notes from these weeks fit on two pages; they are in "
        "their journal."
    )


def _sources_height(doc: Document, summary: ClinicianSummary, layout: Layout) -> float:
    """How tall :func:`_sources` will be."""
    size = layout.source_size
    return 10 + sum(
        doc.text_height(source_line(s), doc.width - 4, size) + 0.6 for s in summary.sources
    )


def _sources(doc: Document, summary: ClinicianSummary, layout: Layout) -> None:
    """The sources, each whole on one page, the heading kept with the first."""
    doc.heading("Sources", keep=20)
    doc.bullets([source_line(s) for s in summary.sources], size=layout.source_size, keep=True)
