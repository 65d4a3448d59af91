"""The clinician's summary keeps to one or two pages at 4, 8 and 12 weeks of a journal in
heavy use, with and without many long notes: the notes as far as they fit, then how many
more the journal holds; every citation whole, on a page with other content, and never
garbled (standards review D4, D13). Read back with poppler's pdftotext, page by page."""

from __future__ import annotations

import re

import pytest

from sciatica_coach.coach.report import ClinicianSummary, clinician_summary
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.exports.pdf_kit import source_line
from sciatica_coach.exports.report_pdf import none_fit, report_pdf, summary_pdf

from .busy_journal import busy_journal
from .pdf_checks import page_texts
from .safety_days import NOW

NOTES = 30
MORE = re.compile(r"(\d+) more notes? in the journal")


@pytest.fixture(scope="module", params=[4, 8, 12])
def weeks(request: pytest.FixtureRequest) -> int:
    return int(request.param)


@pytest.fixture(scope="module")
def summaries(kb: KnowledgeBase, weeks: int) -> dict[bool, ClinicianSummary]:
    journal = busy_journal(kb, weeks, NOTES)
    return {
        notes: clinician_summary(kb, journal, NOW, weeks, include_notes=notes)
        for notes in (False, True)
    }


@pytest.fixture(scope="module")
def pages(kb: KnowledgeBase, summaries: dict[bool, ClinicianSummary]) -> dict[bool, list[str]]:
    return {notes: page_texts(report_pdf(kb, s)) for notes, s in summaries.items()}


@pytest.mark.parametrize("notes", [False, True])
def test_it_keeps_to_one_or_two_pages(pages: dict[bool, list[str]], notes: bool) -> None:
    assert 1 <= len(pages[notes]) <= 2
    assert "Pain and PEG over time" in " ".join(pages[notes])


def test_notes_go_in_as_far_as_they_fit_then_how_many_more(
    pages: dict[bool, list[str]], summaries: dict[bool, ClinicianSummary]
) -> None:
    text = " ".join(pages[True])
    summary = summaries[True]
    assert summary.notes is not None
    in_the_weeks = len(summary.notes) + summary.notes_left_out
    shown = len(re.findall(r"Note \d+:", text))
    more = MORE.search(text)
    if shown == 0:  # the journal is full: it says so, not "30 more" after no note at all
        assert more is None
        assert (
            f"None of the person's {in_the_weeks} notes from these weeks fit on two pages; "
            "they are in their journal." in text
        )
    else:
        assert more is not None, "the summary says how many notes it left out"
        assert shown + int(more.group(1)) == in_the_weeks
    assert "Note " not in " ".join(pages[False]) and not MORE.search(" ".join(pages[False]))


def test_the_builder_says_how_many_notes_it_shows(
    kb: KnowledgeBase, summaries: dict[bool, ClinicianSummary], pages: dict[bool, list[str]]
) -> None:
    """The command line says "with S of your N notes" from this count."""
    shown = summary_pdf(kb, summaries[True])[1]
    assert shown == len(re.findall(r"Note \d+:", " ".join(pages[True])))
    assert summary_pdf(kb, summaries[False])[1] == 0


def test_every_citation_is_whole_on_a_page_with_other_content(
    pages: dict[bool, list[str]], summaries: dict[bool, ClinicianSummary]
) -> None:
    for notes, texts in pages.items():
        for source in summaries[notes].sources:
            cited = source_line(source)
            holding = [text for text in texts if cited in text]
            assert len(holding) == 1, (cited, notes)
            assert "Sources" in holding[0]  # the heading is on its page
            before = holding[0].split("Sources")[0]
            assert len(before) > 200, "the sources' page has the rest of the summary too"


def test_the_nhs_is_cited_as_one_author(kb: KnowledgeBase) -> None:
    """D13: "NHS (National Health Service, England)" was cut at its comma into "NHS
    (National Health Service et al.", in the summary and in the printable routine."""
    nhs = [s for s in kb.sources.values() if s.authors and s.authors.startswith("NHS (")]
    assert nhs
    for source in nhs:
        line = source_line(source)
        assert line.startswith("NHS (National Health Service, England). ")
        assert "et al" not in line


def test_when_no_note_fits_it_says_so_in_words_that_agree_in_number() -> None:
    assert none_fit(1) == (
        "The person's one note from these weeks did not fit on two pages; it is in their journal."
    )
    assert none_fit(30).startswith("None of the person's 30 notes from these weeks fit")
