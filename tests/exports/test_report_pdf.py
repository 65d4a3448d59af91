"""The clinician's summary as a PDF, read back with pypdf: the sections, the numbers of the
weeks, the flags, the maps' places, the notes only when asked, the sources and the app's
disclaimer; one or two pages, on an empty journal and on ten years of daily use."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bench.journal_fixture import END, journals

from sciatica_coach.coach.report import clinician_summary
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.exports import pdf_kit
from sciatica_coach.exports.report_pdf import report_pdf
from sciatica_coach.storage import Journal, open_database
from tests.coach.fakes import FakeJournal
from tests.coach.journal_days import NOTE_LOGGED, NOTE_WRITTEN, NOW, OLD_NOTE, two_weeks

from .pdf_text import Read, read_pdf

NAME = "Zoë O\N{RIGHT SINGLE QUOTATION MARK}Brien"
DASH = pdf_kit.DASH


@pytest.fixture(scope="module")
def journal(kb: KnowledgeBase) -> FakeJournal:
    return two_weeks(kb)


@pytest.fixture(scope="module")
def with_notes(kb: KnowledgeBase, journal: FakeJournal) -> Read:
    summary = clinician_summary(kb, journal, NOW, 2, include_notes=True, name=NAME)
    return read_pdf(report_pdf(kb, summary))


@pytest.fixture(scope="module")
def ten_years(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    """Ten years of days made through the service layer (bench/journal_fixture.py), once."""
    url = journals(tmp_path_factory.mktemp("ten-years"), (10,))[10]
    journal = Journal(open_database(url))
    yield journal
    journal.engine.dispose()


def test_it_says_who_and_which_weeks(with_notes: Read) -> None:
    assert "Summary for a clinician" in with_notes.text
    assert f"Name: {NAME}." in with_notes.text
    assert "Weeks covered: 18 Nov 2026 to 1 Dec 2026 (2 weeks)" in with_notes.text
    assert "Made 1 Dec 2026, 09:00" in with_notes.text


def test_the_latest_safety_check_with_its_flags_and_limits(with_notes: Read) -> None:
    text = with_notes.text
    assert "Latest safety check" in text
    assert "1 Dec 2026, 08:00: Get checked before self-massage (level: see professional" in text
    assert "Do you take blood thinners, or bruise or bleed easily? Answer: yes." in text
    assert "If so, where? Answer: Calf (left)." in text
    assert "No massage gun" in text and "Stay off some areas: Calf (left)" in text
    assert "Safety checks in these weeks: 8" in text
    assert "Concerns raised by the journal" in text
    assert "Two or more recent sessions stopped because of burning" in text
    assert "raised once from 1 Dec 2026, still raised today" in text


def test_the_weekly_means_sessions_and_their_immediate_effect(with_notes: Read) -> None:
    text = with_notes.text
    assert "Week from Pain days Mean pain PEG Sessions Pain before → after a session" in text
    assert "18 Nov 2026 5 6.0 6.0 3 6.0 → 4.0 (n = 3)" in text
    assert "25 Nov 2026 7 3.6 4.0 4 4.0 → 2.0 (n = 2)" in text
    assert "All 2 weeks 12 4.6 5.0 7 5.2 → 3.2 (n = 5)" in text
    assert "6.0 → 3.6: a clinically important decrease (threshold 2 points or 30%" in text
    assert "Clearly better than week 1: ≤ 4.2" in text  # the chart's key


def test_the_chart_and_the_body_maps_are_vectors(with_notes: Read) -> None:
    assert with_notes.images == 0
    assert "Pain and PEG over time" in with_notes.text and "Weekly PEG score" in with_notes.text


def test_the_maps_sessions_muscles_and_tools(with_notes: Read) -> None:
    text = with_notes.text
    assert "Body map: before and after the most recent session" in text
    assert "Session of 30 Nov 2026, 08:00." in text
    assert "Marked before: Middle of the buttock (left), Back of the thigh (left)." in text
    assert "Marked after: no map." in text
    assert "Sessions started: 7 (finished 5, stopped for bad pain 2)." in text
    assert "mean 5.2 → 3.2 (5 of 7 sessions with both scores)" in text
    assert "Piriformis left 7 12" in text
    assert "Tools used: Tennis ball (7 sessions)." in text


def test_notes_when_asked_newest_first_and_only_from_these_weeks(with_notes: Read) -> None:
    text = with_notes.text
    assert text.index(NOTE_WRITTEN) < text.index(NOTE_LOGGED)
    assert "27 Nov 2026, 21:00: " + NOTE_WRITTEN in text
    assert OLD_NOTE not in text


def test_notes_are_left_out_unless_asked(kb: KnowledgeBase, journal: FakeJournal) -> None:
    read = read_pdf(report_pdf(kb, clinician_summary(kb, journal, NOW, 2)))
    assert NOTE_WRITTEN not in read.text and NOTE_LOGGED not in read.text
    assert "The person's own notes are not part of this summary" in read.text
    assert "Name: ____" in read.text  # no name given: a line to write it on


def test_the_sources_and_the_apps_disclaimer(kb: KnowledgeBase, with_notes: Read) -> None:
    text = with_notes.text
    assert "Sources" in text
    for cited in ("Farrar JT et al.", "Reed DE et al.", "Krebs EE et al.", "Batavia M."):
        assert cited in text
    assert pdf_kit.disclaimer(kb) in text
    assert "not a diagnosis" in text and with_notes.pages <= 2


def test_an_empty_journal_fits_two_pages(kb: KnowledgeBase) -> None:
    read = read_pdf(report_pdf(kb, clinician_summary(kb, FakeJournal(), NOW, 8, True)))
    assert read.pages <= 2
    assert "No safety check has been recorded." in read.text
    assert "Nothing logged in these weeks." in read.text
    assert f"All 8 weeks 0 {DASH} {DASH} 0 {DASH}" in read.text
    assert "No body map was marked in these weeks." in read.text


@pytest.mark.parametrize("notes", [False, True])
def test_eight_weeks_of_ten_years_fit_two_pages(
    kb: KnowledgeBase, ten_years: Journal, notes: bool
) -> None:
    summary = clinician_summary(kb, ten_years, END, 8, include_notes=notes)
    read = read_pdf(report_pdf(kb, summary))
    assert read.pages <= 2
    assert "All 8 weeks" in read.text and "6 Oct 2026" in read.text
    assert ("after the evening session" in read.text) is notes
    if notes:
        assert "earlier notes are not shown" in read.text


def test_twelve_weeks_of_ten_years_fit_two_pages(kb: KnowledgeBase, ten_years: Journal) -> None:
    summary = clinician_summary(kb, ten_years, END, 12, include_notes=True)
    assert read_pdf(report_pdf(kb, summary)).pages <= 2


def test_without_a_unicode_font_it_falls_back_to_latin_1(
    kb: KnowledgeBase, journal: FakeJournal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_kit, "font_folder", lambda: None)
    summary = clinician_summary(kb, journal, NOW, 2, include_notes=True, name=NAME)
    read = read_pdf(report_pdf(kb, summary))
    assert read.pages <= 2
    assert "Name: Zoë O'Brien." in read.text
    assert "18 Nov 2026 5 6.0 6.0 3 6.0 -> 4.0 (n = 3)" in read.text
    assert 'felt "looser" afterwards - Zoë' in read.text
