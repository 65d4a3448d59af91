"""``sciatica-coach report``: a summary of the journal for a clinician, as a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from sciatica_coach.coach.report import (
    MAX_WEEKS,
    MIN_WEEKS,
    ClinicianSummary,
    clinician_summary,
)
from sciatica_coach.content import default_knowledge_base

from .files import write_private_bytes
from .journal_access import journal, now, reported
from .output import stdout


def report_command(
    out: Annotated[Path, typer.Option(help="Where to write the PDF file.")],
    weeks: Annotated[
        int, typer.Option(min=MIN_WEEKS, max=MAX_WEEKS, help="How many weeks to cover.")
    ] = 8,
    notes: Annotated[
        bool, typer.Option("--notes", help="Include your notes (they are left out unless asked).")
    ] = False,
    name: Annotated[
        str | None, typer.Option(help="Your name, to print at the top (else a blank to fill in).")
    ] = None,
) -> None:
    """A summary of your journal for your clinician, as a PDF of one or two pages.

    Who it is for and the weeks it covers, your latest safety check with its flags and
    limits, pain and the weekly PEG score over time (a chart and the weekly means), sessions
    and the pain right before and after them, the body maps of your most recent session,
    the muscles and tools you used, any concerns the journal raised, and the sources. Your
    notes only with --notes. The file is readable by you alone.
    """
    kb = default_knowledge_base()
    with reported("your journal"):
        summary = clinician_summary(kb, journal(), now(), weeks, notes, name)
    from sciatica_coach.exports.report_pdf import summary_pdf  # late: fpdf2 takes 0.3 s
    from sciatica_coach.exports.report_safety_pdf import day

    data, shown = summary_pdf(kb, summary)
    write_private_bytes(out, data)
    shared = shared_notes(summary, shown) if notes else "without your notes (--notes adds them)"
    stdout.print(
        Text(
            f"Wrote {out}: {weeks} weeks, {day(summary.start)} to {day(summary.end)}, "
            f"{shared}. Check it before you share it.",
            style="green",
        )
    )


def shared_notes(summary: ClinicianSummary, shown: int) -> str:
    """Which of the person's notes went in, when they asked for them."""
    total = len(summary.notes or ()) + summary.notes_left_out
    if shown == total:
        return "with your notes"
    if shown == 0:
        if total == 1:
            return "without your note: it did not fit on two pages"
        return f"without your notes: none of your {total} fit on two pages"
    if shown < len(summary.notes or ()):
        return f"with {shown} of your {total} notes (the rest did not fit on two pages)"
    return f"with your {shown} most recent notes of {total}"


def register(app: typer.Typer) -> None:
    app.command("report")(report_command)
