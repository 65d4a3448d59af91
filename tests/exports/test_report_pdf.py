"""The clinician's summary as a PDF, read back with pypdf: the sections, the numbers of the
weeks, the flags, every red flag with what followed it and the clearances, the maps' places,
the notes only when asked, the sources and the app's disclaimer; one or two pages, on an
empty journal, on one with red flags and on ten years of daily use."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bench.journal_fixture import END, journals

from sciatica_coach.coach import flags
from sciatica_coach.coach.report import clinician_summary
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.progress import PAIN_THRESHOLD, Change
from sciatica_coach.exports import pdf_kit
from sciatica_coach.exports.report_pdf import report_pdf
from sciatica_coach.exports.report_safety_pdf import NO_FLAGS
from sciatica_coach.exports.report_trend_pdf import change_line
from sciatica_coach.storage import Journal, open_database
from tests.coach.conftest import Clock, check
from tests.coach.fakes import FakeJournal
from tests.coach.journal_days import NOTE_LOGGED, NOTE_WRITTEN, NOW, OLD_NOTE, two_weeks

from .pdf_text import Read, read_pdf
from .safety_days import safety_days

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
    assert "Clearly better than the first scored week: ≤ 4.2" in text  # the key


def test_the_chart_and_the_body_maps_are_vectors(with_notes: Read) -> None:
    assert with_notes.images == 0
    assert "Pain and PEG over time" in with_notes.text and "Weekly PEG score" in with_notes.text


def test_the_maps_sessions_muscles_and_tools(with_notes: Read) -> None:
    text = with_notes.text
    assert "Body map: before and after the most recent session" in text
    assert "Session of 30 Nov 2026, 08:00." in text
    assert "Marked before: Middle of the buttock (left), Back of the thigh (left)." in text
    assert "Marked after: no map given." in text
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
    assert NO_FLAGS in read.text and "Restrictions in force" not in read.text
    assert "Nothing logged in these weeks." in read.text
    assert f"All 8 weeks 0 {DASH} {DASH} 0 {DASH}" in read.text
    assert "No map given in these weeks." in read.text


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
        assert "more notes in the journal" in read.text


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


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (Change(3.0, 6.0, "worse"), "a clinically important increase (threshold 2 points or "
         "30%; Farrar et al. 2001, set for improvement; used for worsening by analogy)."),
        (Change(6.0, 3.0, "improved"), "a clinically important decrease (threshold 2 points or "
         "30%; Farrar et al. 2001)."),
    ],
)  # fmt: skip
def test_a_rise_in_pain_says_farrar_s_threshold_is_used_by_analogy(
    change: Change, said: str
) -> None:
    line = change_line(
        "Daily pain", change, PAIN_THRESHOLD.words, "Farrar et al. 2001", 3,
        for_improvement=PAIN_THRESHOLD.for_improvement,
    )  # fmt: skip
    assert line.endswith(said)


# --- safety flags and what followed (clinical review I9) -------------------------------------


@pytest.fixture(scope="module")
def flagged(kb: KnowledgeBase) -> Read:
    return read_pdf(report_pdf(kb, clinician_summary(kb, safety_days(kb), NOW, 2)))


def test_without_red_flags_it_says_so_with_the_restrictions_in_force(with_notes: Read) -> None:
    text = with_notes.text
    assert "Safety flags and what followed No red flags were reported in these weeks." in text
    assert (
        "Restrictions in force (latest check, 1 Dec 2026, 08:00): Stay off some areas: Calf (left);"
    ) in text
    assert "Numbness, tingling, burning or electric feelings logged in these weeks: none." in text


def test_every_red_flag_with_its_time_answer_and_level(flagged: Read) -> None:
    text = flagged.text
    assert "Safety flags and what followed" in text
    assert NO_FLAGS not in text
    assert (
        "23 Nov 2026, 10:00 Emergency: “Is there new numbness or tingling in your groin, genitals"
    ) in text
    assert "Answer: not sure (counts as yes)." in text
    assert "Urgent: “Do you have a temperature" in text and "Answer: yes." in text
    assert "27 Nov 2026, 10:00 Urgent: “Is one leg, in the calf or the thigh" in text
    assert "30 Nov 2026, 12:00 Emergency: “Since your back or leg pain began, has peeing" in text


def test_what_followed_each_flag_with_times(flagged: Read) -> None:
    text = flagged.text
    assert "23 Nov 2026, 10:05: answered again “I pressed the wrong answer”. Lifted then." in text
    assert "23 Nov 2026, 10:06: answered again “I still have it” (kept)." in text
    assert "23 Nov 2026, 15:00: recorded a doctor's visit since. Lifted then." in text
    assert "Stood its full time, to 28 Nov 2026, 10:00." in text
    assert "Still stands, until 1 Dec 2026, 12:00: no session can start." in text


def test_a_clearance_with_the_check_date_who_and_until_when_it_counts(flagged: Read) -> None:
    assert (
        "Clearance recorded 23 Nov 2026, 16:00: checked on 20 Nov 2026 by Dr Lee, who said "
        "self-care is fine, about: “Have you ever had cancer?” Counts as caution until "
        "22 May 2027 or until symptoms change."
    ) in flagged.text


def test_the_numbness_and_tingling_logged_and_the_restrictions_in_force(flagged: Read) -> None:
    text = flagged.text
    assert "Restrictions in force (latest check, 30 Nov 2026, 12:00): none." in text
    assert (
        "feelings logged in these weeks: Numbness: Calf (left) (2 times, 24 Nov 2026 to "
        "26 Nov 2026). Tingling: Calf (left) (once, 24 Nov 2026)."
    ) in text


def test_a_journal_with_red_flags_still_fits_two_pages(flagged: Read) -> None:
    assert flagged.pages <= 2
    assert "Pain and PEG over time" in flagged.text and "Sources" in flagged.text
    assert "Dionne N et al." in flagged.text  # the source behind a flag standing


def test_a_flag_lifted_by_the_answer_to_a_later_flag_of_the_same_sign_says_so(
    kb: KnowledgeBase,
) -> None:
    journal, clock = FakeJournal(), Clock()
    check(kb, journal, clock, fever=True)  # 1 Dec, 09:00
    clock.advance(minutes=30)
    check(kb, journal, clock, fever="not_sure")
    clock.advance(minutes=5)
    flags.review_flag(kb, journal, clock(), "fever", "wrong_answer")
    text = read_pdf(report_pdf(kb, clinician_summary(kb, journal, clock(), 1))).text
    assert "Lifted 1 Dec 2026, 09:35: the person said that sign was the wrong answer." in text
    assert "1 Dec 2026, 09:35: answered again “I pressed the wrong answer”. Lifted then." in text
