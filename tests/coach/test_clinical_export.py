"""What the clinician exports read: the journal in one go, sessions with their records read
back, and whom it is about (a stable pseudonym, or the name given)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from sciatica_coach.coach.accounts import User
from sciatica_coach.coach.clinical_export import csv_records, fhir_records, person
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.content import KnowledgeBase

from .fakes import FakeJournal
from .journal_days import NOW, two_weeks

ANN = User(id=7, name="ann", password_hash=None, created_at=NOW)


def test_csv_reads_whole_checks_and_fhir_only_their_pain_scores(kb: KnowledgeBase) -> None:
    journal = two_weeks(kb)
    for_csv = csv_records(kb, journal, None, NOW)
    for_fhir = fhir_records(kb, journal, None, NOW)
    assert len(for_csv.screenings) == len(journal.screenings()) and for_csv.check_pain == ()
    assert for_fhir.screenings == ()
    assert [a.answer for a in for_fhir.check_pain] == [
        s.answers["pain_now"] for s in journal.screenings()
    ]
    assert for_csv.person == for_fhir.person
    assert len(for_csv.sessions) == 7 and all(s.record is not None for s in for_csv.sessions)


def test_a_session_never_started_is_left_out_and_a_broken_record_kept_without_steps(
    kb: KnowledgeBase,
) -> None:
    source = two_weeks(kb)
    journal = FakeJournal()
    first, second = source.sessions()[:2]
    journal.sessions_[first.id] = replace(first, status="ready")
    journal.sessions_[second.id] = replace(second, record={"status": "finished"})
    (kept,) = csv_records(kb, journal, None, NOW).sessions
    assert kept.entry.id == second.id and kept.record is None


def test_the_pseudonym_is_stable_and_each_account_has_its_own() -> None:
    first = NOW - timedelta(days=30)
    assert person(None, first) == person(None, first)
    assert person(None, first).key != person(ANN, first).key
    assert person(None, first).key != person(None, first + timedelta(seconds=1)).key
    assert person(None, None).name is None


@pytest.mark.parametrize(
    ("given", "shown"), [(None, None), ("   ", None), (" Ann\t Smith ", "Ann Smith")]
)
def test_a_name_is_tidied(given: str | None, shown: str | None) -> None:
    assert person(None, NOW, given).name == shown


@pytest.mark.parametrize("given", ["x" * 101, "Ann\x1b[31m", "Ann\u200b"])
def test_a_name_that_is_not_plain_text_is_refused(kb: KnowledgeBase, given: str) -> None:
    with pytest.raises(Invalid) as refused:
        fhir_records(kb, FakeJournal(), None, NOW, given)
    assert refused.value.problems[0][0] == ("name",)
