"""The clinician's PDF never reads a missing body map as no pain: a session or a stretch of
weeks without a map says "no map given"; only a map saved with nothing marked (the person said
"no pain now") says no pain (web review major 3)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sciatica_coach.coach.report import ClinicianSummary, MapPicture, clinician_summary
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.exports.report_pdf import report_pdf
from tests.coach.fakes import FakeJournal
from tests.coach.journal_days import a_day

from .pdf_text import read_pdf

DAY = datetime(2026, 11, 30, 8, tzinfo=UTC)


def one_session_without_an_after_map(kb: KnowledgeBase) -> ClinicianSummary:
    journal = FakeJournal()
    ended = a_day(kb, journal, DAY, 5, 3, after_where=None)  # pain after, no map after
    return clinician_summary(kb, journal, ended + timedelta(hours=1), 2)


def test_it_says_no_map_given_for_a_session_without_an_after_map(kb: KnowledgeBase) -> None:
    text = read_pdf(report_pdf(kb, one_session_without_an_after_map(kb))).text
    assert "Marked before: Middle of the buttock (left), Back of the thigh (left)." in text
    assert "Marked after: no map given." in text
    assert "No map given" in text  # the empty box where the picture would be
    assert "no pain" not in text.lower()


def test_only_a_map_saved_empty_says_no_pain_now(kb: KnowledgeBase) -> None:
    summary = one_session_without_an_after_map(kb)
    assert summary.latest_maps is not None
    empty = MapPicture(summary.latest_maps.at, (), (), 0)
    saved_empty = replace(summary, latest_maps=replace(summary.latest_maps, after=empty))
    text = read_pdf(report_pdf(kb, saved_empty)).text
    assert "Marked after: no pain now (a map saved with nothing marked)." in text
    assert "no map given" not in text


def test_weeks_without_any_map_say_no_map_given(kb: KnowledgeBase) -> None:
    journal = FakeJournal()
    journal.add_pain(DAY, 4)
    text = read_pdf(
        report_pdf(kb, clinician_summary(kb, journal, DAY + timedelta(hours=1), 2))
    ).text
    assert "No map given in these weeks." in text
    assert "no pain" not in text.lower()
