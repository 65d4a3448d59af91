"""Logging pain (the knowledge base is needed only to read places) and the weekly PEG (once a
week: it asks about the past week)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sciatica_coach.coach import journal_log
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.content import KnowledgeBase

from .conftest import T0
from .fakes import FakeJournal


def test_a_score_with_no_places_needs_no_knowledge_base(journal: FakeJournal) -> None:
    entry_id = journal_log.log_pain(None, journal, T0, 5, worst=7)
    [entry] = journal.pain_entries()
    assert (entry.id, entry.now, entry.worst, entry.regions) == (entry_id, 5, 7, None)


def test_places_without_a_knowledge_base_are_a_programming_error(journal: FakeJournal) -> None:
    with pytest.raises(ValueError, match="knowledge base"):
        journal_log.log_pain(None, journal, T0, 5, where=["left:heel"])
    assert journal.pain_entries() == []


def test_places_with_the_knowledge_base_keep_every_feeling(
    kb: KnowledgeBase, journal: FakeJournal
) -> None:
    journal_log.log_pain(kb, journal, T0, 4, where=["left:heel"], feels=["ache", "burning"])
    [entry] = journal.pain_entries()
    assert entry.regions is not None
    assert entry.regions[0]["feels"] == ["ache", "burning"]


def test_feelings_without_places_are_refused_not_lost(journal: FakeJournal) -> None:
    with pytest.raises(Invalid) as refused:
        journal_log.log_pain(None, journal, T0, 5, feels=["ache", "burning"])
    assert refused.value.problems[0][0] == ("feels",)
    assert journal.pain_entries() == []


def test_a_second_peg_within_a_week_is_refused_saying_when_the_next_is_due(
    journal: FakeJournal,
) -> None:
    journal_log.log_peg(journal, T0, 5, 4, 3)  # Tuesday 1 December
    with pytest.raises(Invalid) as refused:
        journal_log.log_peg(journal, T0 + timedelta(days=6, hours=14), 4, 4, 4)
    assert refused.value.problems == [
        (
            (),
            "You gave your PEG score on Tuesday 1 December. It asks about the past week, so "
            "the next one is due on Tuesday 8 December. Until then, you can log your pain on "
            "any day.",
        )
    ]
    assert len(journal.peg_entries()) == 1


def test_the_next_peg_is_taken_from_its_day_on_whatever_the_hour(journal: FakeJournal) -> None:
    """A weekly reminder at 19:00 never finds the PEG due a few hours later than that."""
    journal_log.log_peg(journal, T0 + timedelta(hours=10), 5, 4, 3)  # 19:00
    journal_log.log_peg(journal, T0 + timedelta(days=7), 4, 4, 4)  # 09:00 a week on
    assert len(journal.peg_entries()) == 2


def test_the_week_is_counted_in_the_person_s_own_days(journal: FakeJournal) -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    journal_log.log_peg(journal, datetime(2026, 12, 1, 23, 30, tzinfo=tokyo), 5, 4, 3)
    with pytest.raises(Invalid, match="due on Tuesday 8 December"):
        journal_log.log_peg(journal, datetime(2026, 12, 7, 23, 30, tzinfo=tokyo), 5, 4, 3)
    journal_log.log_peg(journal, datetime(2026, 12, 8, 0, 30, tzinfo=tokyo), 5, 4, 3)
