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

from datetime import date, datetime

from sciatica_coach.coach.clinical_export import SafetyEntry
from sciatica_coach.coach.report import (
    ClinicianSummary,
    FeltPlace,
    FlagFollowed,
    LatestMaps,
    MapPicture,
    SafetyCheck,
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
    DANGER,
    DANGER_BG,
    DASH,
    MUTED,
    OK,
    OK_BG,
    SMALL_SIZE,
    SOFT,
    WARN_BG,
    WARN_EDGE,
    Document,
    Line,
    disclaimer,
    number,
    source_line,
)

MAX_PAGES = 2
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
LEVEL_COLOURS = {
    "emergency": (DANGER_BG, DANGER),
    "urgent": (DANGER_BG, DANGER),
    "see_professional": (WARN_BG, WARN_EDGE),
    "not_today": (WARN_BG, WARN_EDGE),
    "caution": (WARN_BG, WARN_EDGE),
    "ok": (OK_BG, OK),
}
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


def day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def moment(value: datetime, like: datetime) -> str:
    """A time in the person's own time zone (that of ``like``)."""
    local = value.astimezone(like.tzinfo)
    return f"{local.day} {local:%b %Y, %H:%M}"


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
    _safety(kb, doc, summary)
    _flags_and_after(doc, summary)
    _over_time(doc, summary)
    _maps(kb, doc, summary)
    _sessions(doc, summary)
    _notes(doc, summary, notes_shown, _sources_height(doc, summary))
    _sources(doc, summary)
    return doc


# --- page one -------------------------------------------------------------------------------


def _safety(kb: KnowledgeBase, doc: Document, summary: ClinicianSummary) -> None:
    doc.heading("Latest safety check")
    check = summary.safety
    if check is None:
        doc.para("No safety check has been recorded.")
    else:
        fill, edge = LEVEL_COLOURS.get(check.level, (SOFT, MUTED))
        doc.box(_check_lines(check, summary), fill, edge)
    if summary.checks_by_level:
        total = sum(n for _, n in summary.checks_by_level)
        titles: dict[str, str] = {lv.id: lv.title for lv in kb.screening.levels}
        counts = "; ".join(f"{titles.get(lv, lv)}: {n}" for lv, n in summary.checks_by_level)
        doc.para(f"Safety checks in these weeks: {total} ({counts}).")
    else:
        doc.para("No safety check in these weeks.")
    if not summary.escalations:
        doc.para(
            "Concerns raised by the journal: none (pain clearly worse week on week, pain "
            "spreading to new places, repeated sessions stopped for bad pain, no improvement "
            "after six weeks).",
            color=MUTED,
        )
        return
    doc.runs([("Concerns raised by the journal", True)])
    lines = []
    for e in summary.escalations:
        when = []
        if e.times_raised:
            first = day(e.first_raised) if e.first_raised else "in these weeks"
            times = "once" if e.times_raised == 1 else f"{e.times_raised} times"
            when.append(f"raised {times} from {first}")
        when.append("still raised today" if e.standing else "not raised today")
        lines.append(f"“{e.message}” ({', '.join(when)}; level: {_level(e.level)}).")
    doc.bullets(lines)
    doc.ln(1)


def _check_lines(check: SafetyCheck, summary: ClinicianSummary) -> list[Line]:
    allowed = "self-massage allowed" if check.session_allowed else "no self-massage"
    older = " (before these weeks)" if check.taken_at.date() < summary.start else ""
    lines = [
        Line(
            f"{moment(check.taken_at, summary.made_at)}{older}: {check.title} "
            f"(level: {_level(check.level)}; {allowed}).",
            bold=True,
        )
    ]
    if check.flags:
        for flag in check.flags:
            asked = f"{flag.question} Answer: {flag.answer}. " if flag.question else ""
            lines.append(Line(f"{asked}{flag.message} ({_level(flag.level)})", bullet=True))
    else:
        lines.append(Line("No flags: every answer was clear."))
    if check.unsure:
        lines.append(
            Line(
                "Answered “not sure” (counted as yes): " + " ".join(check.unsure),
                size=SMALL_SIZE + 0.4,
            )
        )
    return lines


def _level(level: str) -> str:
    return level.replace("_", " ")


NO_FLAGS = "No red flags were reported in these weeks."
REVIEW_WORDS = {
    "wrong_answer": "“I pressed the wrong answer”",
    "still_have": "“I still have it” (kept)",
    "not_sure": "“Still not sure” (kept)",
}
FELT_WORDS = {"electric": "electric or shooting"}
LIFTED_BY = {
    "wrong_answer": "the person said that sign was the wrong answer",
    "doctor_seen": "the person recorded a doctor's visit since",
}


def _flags_and_after(doc: Document, summary: ClinicianSummary) -> None:
    """Every red-flag answer of these weeks and what followed it, the clearances, the
    restrictions in force and the nerve-like feelings logged (clinical review I9)."""
    doc.heading("Safety flags and what followed", keep=30)
    like = summary.made_at
    if summary.flags:
        doc.grid(
            ["Raised", "Red flag: the question and the answer", "What followed"],
            [
                [moment(f.flag.event.at, like), _flag_words(f.flag), _followed(f, like)]
                for f in summary.flags
            ],
            [31, 72, doc.width - 103],
            ["LEFT", "LEFT", "LEFT"],
            size=7.8,
        )
    else:
        doc.para(NO_FLAGS, bold=True)
    if summary.safety_other:
        doc.bullets([_other_words(e, like) for e in summary.safety_other], size=8.4)
        doc.ln(0.6)
    check = summary.safety
    if check is not None:
        limits = "; ".join(check.restrictions) + "." if check.restrictions else "none."
        doc.runs(
            [
                (f"Restrictions in force (latest check, {moment(check.taken_at, like)}): ", True),
                (limits, False),
            ],
            size=8.4,
        )
    doc.runs(
        [
            ("Numbness, tingling, burning or electric feelings logged in these weeks: ", True),
            (_felt_words(summary.felt, like), False),
        ],
        size=8.4,
    )


def _flag_words(entry: SafetyEntry) -> str:
    event = entry.event
    said = "not sure (counts as yes)" if event.answer == "not_sure" else "yes"
    return f"{_level(event.level or '').capitalize()}: “{event.question}” Answer: {said}."


def _followed(flag: FlagFollowed, like: datetime) -> str:
    """What followed a flag: each answer again, the doctor's visit, and how it ended."""
    said = []
    for event in flag.followed:
        if event.kind == "flag_review":
            words = REVIEW_WORDS.get(event.answer or "", event.answer or "")
            said.append(f"{moment(event.at, like)}: answered again {words}.")
        else:
            said.append(f"{moment(event.at, like)}: recorded a doctor's visit since.")
    outcome = flag.flag.outcome
    if outcome is None:
        return " ".join(said)
    lifting = "flag_review" if outcome.lifted_by == "wrong_answer" else "doctor_seen"
    if outcome.lifted_by is not None and any(
        e.kind == lifting and e.at == outcome.until for e in flag.followed
    ):
        said.append("Lifted then.")
    elif outcome.lifted_by is not None:  # by an answer or a visit about a later flag of it
        how = LIFTED_BY[outcome.lifted_by]
        said.append(f"Lifted {moment(outcome.until, like)}: {how}.")
    elif outcome.stands(like):
        said.append(f"Still stands, until {moment(outcome.until, like)}: no session can start.")
    else:
        said.append(f"Stood its full time, to {moment(outcome.until, like)}.")
    return " ".join(said)


def _other_words(entry: SafetyEntry, like: datetime) -> str:
    """A clearance, or a sign answered again or a doctor's visit of no flag in the table."""
    event = entry.event
    if event.kind == "clearance":
        who = f" by {event.who}" if event.who else ""
        until = day(entry.counts_until) if entry.counts_until else "6 months later"
        return (
            f"Clearance recorded {moment(event.at, like)}: checked on {_iso_day(event.day)}"
            f"{who}, who said self-care is fine, about: “{event.question}” Counts as caution "
            f"until {until} or until symptoms change."
        )
    if event.kind == "flag_review":
        words = REVIEW_WORDS.get(event.answer or "", event.answer or "")
        return (
            f"{moment(event.at, like)}: answered again {words} about a red flag raised "
            f"before these weeks: “{event.question}”"
        )
    text = event.text if event.text.endswith((".", "?")) else event.text + "."
    return f"{moment(event.at, like)}: {text}"


def _iso_day(value: str | None) -> str:
    try:
        return day(date.fromisoformat(value or ""))
    except ValueError:
        return value or "an unknown date"


def _felt_words(felt: tuple[FeltPlace, ...], like: datetime) -> str:
    if not felt:
        return "none."
    by_feeling: dict[str, list[str]] = {}
    for place in felt:
        first = day(place.first.astimezone(like.tzinfo).date())
        last = day(place.last.astimezone(like.tzinfo).date())
        when = f"once, {first}" if place.times == 1 else f"{place.times} times, {first} to {last}"
        by_feeling.setdefault(place.feeling, []).append(f"{place.place} ({when})")
    return " ".join(
        f"{FELT_WORDS.get(feeling, feeling).capitalize()}: {'; '.join(places)}."
        for feeling, places in by_feeling.items()
    )


def _over_time(doc: Document, summary: ClinicianSummary) -> None:
    # The chart is drawn shorter (down to CHART_LOW) rather than moved to the next page
    # whole when the safety part above has left a little less room than it needs; the lines
    # and the table under it may then go on to the next page.
    room = doc.room - CHART_ROOM
    height = min(CHART_HIGH, room) if room >= CHART_LOW else CHART_HIGH  # else: a new page
    doc.heading("Pain and PEG over time", keep=height + CHART_ROOM)
    top = doc.get_y()
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
        doc.para("No body map was marked in these weeks.")
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
        doc.cell(MAP_WIDTH, 4, doc.clean(caption))
        if picture is None:
            doc.set_draw_color(*SOFT)
            doc.rect(x, top + 5, MAP_WIDTH, height)
            doc.set_xy(x, top + 5 + height / 2 - 2)
            doc.use(8.4)
            doc.set_text_color(*MUTED)
            doc.cell(MAP_WIDTH, 4, "No map marked", align="C")
            doc.set_text_color(0, 0, 0)
        else:
            keys = parse_region_keys(list(picture.places), kb.regions) if picture.places else []
            svg = body_map_svg(kb.regions, marked=keys, title=caption, for_print=True)
            doc.svg(svg, x, top + 5, MAP_WIDTH)
    text_x = doc.l_margin + len(pictures) * (MAP_WIDTH + 4) + 2
    doc.set_xy(text_x, top)
    width = doc.w - doc.r_margin - text_x
    for line in _map_words(found, summary):
        doc.para(line, size=8.6, width=width, x=text_x, after=1.4)
        doc.set_x(text_x)
    doc.set_xy(doc.l_margin, top + 5 + height + 2)


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
    if picture is None:
        return f"{what}: no map."
    if not picture.labels:
        return f"{what}: nothing (no pain marked)."
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
    doc.bullets([source_line(s) for s in summary.sources], size=SMALL_SIZE)
