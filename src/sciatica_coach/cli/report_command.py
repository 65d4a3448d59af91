"""``sciatica-coach report``: a summary of the journal for a clinician, as a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from sciatica_coach.coach.report import MAX_WEEKS, MIN_WEEKS, clinician_summary
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
    from sciatica_coach.exports.report_pdf import report_pdf  # late: fpdf2 takes 0.3 s
    from sciatica_coach.exports.report_safety_pdf import day

    write_private_bytes(out, report_pdf(kb, summary))
    shared = "with your notes" if notes else "without your notes (--notes adds them)"
    stdout.print(
        Text(
            f"Wrote {out}: {weeks} weeks, {day(summary.start)} to {day(summary.end)}, "
            f"{shared}. Check it before you share it.",
            style="green",
        )
    )


def register(app: typer.Typer) -> None:
    app.command("report")(report_command)
