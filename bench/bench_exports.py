"""How long the clinician's summary (an 8-week PDF) and the FHIR export take on a ten-year
journal.

Run: ``.venv/bin/python -m bench.bench_exports``. Builds a SQLite journal of ten years of
daily use through the service layer (:mod:`bench.journal_fixture`: a check, a map, a plan, a
whole session and a pain score a day), then times, as medians of several runs:

* the summary: reading the eight weeks (:func:`sciatica_coach.coach.report.clinician_summary`)
  and drawing the PDF (:func:`sciatica_coach.exports.report_pdf.report_pdf`), apart and whole;
* beside two baselines measured in the same run: a bare one-page fpdf2 document with the same
  two fonts and one line of text (the least any PDF of this app costs), and the progress
  report of the same eight weeks (``progress --weeks 8``: the reading the summary builds on).

* the FHIR bundle of the whole journal
  (:func:`sciatica_coach.exports.fhir_bundle.fhir_export`), beside reading every row it is
  made from and building nothing (the sessions with their records, pain scores, PEG scores
  and maps): the least any export of the whole journal costs. A few runs only: each takes
  seconds.

Prints the figures and the ratios (issue 16's goal: the 8-week PDF "well under a second");
never asserts on time. :func:`rows` gives the same as ``make bench`` rows.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from bench.journal_fixture import END, journals
from bench.table import Row, print_table
from bench.timing import median_time
from sciatica_coach.coach.history import read_history
from sciatica_coach.coach.report import clinician_summary
from sciatica_coach.content import default_knowledge_base
from sciatica_coach.exports.fhir_bundle import fhir_export
from sciatica_coach.exports.pdf_kit import Document
from sciatica_coach.exports.report_pdf import report_pdf
from sciatica_coach.storage import Journal, open_database

WEEKS = 8
RUNS = 9
WHOLE_RUNS = 3


def bare_pdf() -> bytes:
    """One A4 page, the app's two fonts, one line: what every PDF of the app costs at least."""
    doc = Document("baseline", "baseline")
    doc.add_page()
    doc.para("Summary for a clinician")
    return bytes(doc.output())


def rows(folder: Path) -> list[Row]:
    """The ``make bench`` rows, on a journal made in ``folder`` (an empty one)."""
    return measure(folder)[0]


def measure(folder: Path) -> tuple[list[Row], bytes]:
    """The rows, and the summary they timed (with the notes, as the longest one)."""
    kb = default_knowledge_base()
    journal = Journal(open_database(journals(folder, (10,))[10]))
    try:
        bare_pdf()  # warm: fpdf2 and fontTools imported, the fonts' files read once
        report_pdf(kb, clinician_summary(kb, journal, END, WEEKS))
        floor = median_time(RUNS, bare_pdf)
        progress = median_time(RUNS, lambda: read_history(journal, END, WEEKS).report(WEEKS, 2))
        gather = median_time(RUNS, lambda: clinician_summary(kb, journal, END, WEEKS))
        summary = clinician_summary(kb, journal, END, WEEKS)
        draw = median_time(RUNS, lambda: report_pdf(kb, summary))
        whole = median_time(
            RUNS, lambda: report_pdf(kb, clinician_summary(kb, journal, END, WEEKS, True))
        )
        data = report_pdf(kb, clinician_summary(kb, journal, END, WEEKS, True))
        read_all = median_time(WHOLE_RUNS, lambda: read_everything(journal))
        fhir = median_time(WHOLE_RUNS, lambda: fhir_export(kb, journal, None, END))
    finally:
        journal.engine.dispose()
    return [
        Row("8-week summary PDF, 10 years (vs a bare 1-page PDF)", whole, floor, "s", "< 1 s"),
        Row("  reading its 8 weeks (vs progress --weeks 8)", gather, progress, "s", "—"),
        Row("  drawing the PDF (vs a bare 1-page PDF)", draw, floor, "s", "—"),
        Row("FHIR bundle, 10 years (vs reading its rows)", fhir, read_all, "s", "—"),
    ], data


def read_everything(journal: Journal) -> int:
    """Every row an export of the whole journal is made from, read and left as it is."""
    with journal.snapshot() as snapshot:
        return sum(
            len(rows)
            for rows in (
                snapshot.sessions(),
                snapshot.pain_entries(),
                snapshot.peg_entries(),
                snapshot.pain_maps(),
                snapshot.screenings(),
            )
        )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        found, data = measure(Path(folder))
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(data)).pages)
    print(f"journal: 10 years of daily use; the summary: {pages} pages, {len(data):,} bytes")
    print_table(found)


if __name__ == "__main__":
    main()
