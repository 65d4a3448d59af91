"""Logging pain: the knowledge base is needed only to read places."""

from __future__ import annotations

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
