"""What the tags of the PDFs cost: each document made tagged (as the app makes it) and
untagged (the same drawing with :attr:`~sciatica_coach.exports.pdf_tags.TaggedPDF.tagging`
off: no structure tree, no marked content), as medians of runs interleaved in one process.

Run: ``.venv/bin/python -m bench.bench_pdf_tags``. The documents:

* the clinician's summary of the two weeks the tests use
  (:func:`tests.coach.journal_days.two_weeks`);
* the summary of twelve weeks of a journal in heavy use with 30 long notes
  (:func:`tests.exports.busy_journal.busy_journal`), which takes the compact layouts in turn
  until it fits two pages;
* the routine to print of a 30-minute plan for two muscles.

Prints the figures, the ratios and the pages; never asserts on time (the machine is shared:
only the ratios mean something). The goal (issue 27): the summary under a second.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable

from pypdf import PdfReader
from tests.coach.conftest import T0
from tests.coach.fakes import FakeJournal
from tests.coach.journal_days import NOW, clear_answers, two_weeks
from tests.exports.busy_journal import busy_journal

from bench.table import Row, print_table
from sciatica_coach.coach import safety
from sciatica_coach.coach.plans import PlanRequest, make_plan
from sciatica_coach.coach.report import clinician_summary
from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from sciatica_coach.exports.pdf_tags import TaggedPDF
from sciatica_coach.exports.program_pdf import program_pdf
from sciatica_coach.exports.report_pdf import report_pdf

RUNS = 7


def documents(kb: KnowledgeBase) -> dict[str, Callable[[], bytes]]:
    two = clinician_summary(kb, two_weeks(kb), NOW, 2, True)
    busy = clinician_summary(kb, busy_journal(kb, 12, 30), NOW, 12, True)
    journal = FakeJournal()
    safety.take_check(kb, journal, T0, clear_answers())
    request = PlanRequest(
        muscles=[("piriformis", "left"), ("quadratus_lumborum", "right")],
        tools=["tennis_ball"],
        minutes=30,
    )
    plan = make_plan(kb, journal, T0, request).plan
    return {
        "summary, 2 weeks with notes": lambda: report_pdf(kb, two),
        "summary, 12 busy weeks, 30 notes": lambda: report_pdf(kb, busy),
        "routine to print, 2 muscles": lambda: program_pdf(kb, plan, T0),
    }


def timed(make: Callable[[], bytes], tagging: bool) -> float:
    TaggedPDF.tagging = tagging
    try:
        start = time.perf_counter()
        make()
        return time.perf_counter() - start
    finally:
        TaggedPDF.tagging = True


def rows() -> tuple[list[Row], dict[str, int]]:
    kb = default_knowledge_base()
    found, pages = [], {}
    for name, make in documents(kb).items():
        pages[name] = len(PdfReader(io.BytesIO(make())).pages)  # warm, and its pages
        tagged, untagged = [], []
        for _ in range(RUNS):  # interleaved, so a busy neighbour slows both alike
            untagged.append(timed(make, False))
            tagged.append(timed(make, True))
        goal = "< 1 s" if name.startswith("summary") else "—"
        found.append(
            Row(
                f"{name} (vs untagged)",
                statistics.median(tagged),
                statistics.median(untagged),
                "s",
                goal,
            )
        )
    return found, pages


def main() -> None:
    found, pages = rows()
    print_table(found)
    for name, count in pages.items():
        print(f"{name}: {count} pages")


if __name__ == "__main__":
    main()
