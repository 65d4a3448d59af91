"""The safety part of the clinician's summary PDF: the latest check with its flags and
limits, the safety flags of the weeks and what followed each (the sign answered again, a
doctor's visit, a clinician's clearance), and the numbness, tingling, burning or electric
feelings logged. :mod:`.report_pdf` lays out the rest of the page around it.
"""

from __future__ import annotations

from datetime import date, datetime

from sciatica_coach.coach.clinical_export import SafetyEntry
from sciatica_coach.coach.report import (
    ClinicianSummary,
    FeltPlace,
    FlagFollowed,
    SafetyCheck,
)
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.days import day_of, zone_of

from .pdf_kit import (
    DANGER,
    DANGER_BG,
    MUTED,
    OK,
    OK_BG,
    SMALL_SIZE,
    SOFT,
    WARN_BG,
    WARN_EDGE,
    Document,
    Line,
)

LEVEL_COLOURS = {
    "emergency": (DANGER_BG, DANGER),
    "urgent": (DANGER_BG, DANGER),
    "see_professional": (WARN_BG, WARN_EDGE),
    "not_today": (WARN_BG, WARN_EDGE),
    "caution": (WARN_BG, WARN_EDGE),
    "ok": (OK_BG, OK),
}


def day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def moment(value: datetime, like: datetime) -> str:
    """A time in the person's own time zone (that of ``like``)."""
    local = value.astimezone(zone_of(like))
    return f"{local.day} {local:%b %Y, %H:%M}"


def safety_section(kb: KnowledgeBase, doc: Document, summary: ClinicianSummary) -> None:
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
    doc.runs([("Concerns raised by the journal", True)], role="H3")
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


def flags_and_after(doc: Document, summary: ClinicianSummary, size: float = 7.8) -> None:
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
            size=size,
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
        first = day(day_of(place.first, like))
        last = day(day_of(place.last, like))
        when = f"once, {first}" if place.times == 1 else f"{place.times} times, {first} to {last}"
        by_feeling.setdefault(place.feeling, []).append(f"{place.place} ({when})")
    return " ".join(
        f"{FELT_WORDS.get(feeling, feeling).capitalize()}: {'; '.join(places)}."
        for feeling, places in by_feeling.items()
    )
