"""What the clinician exports read: the journal in one go, sessions with their records read
back, the safety log with what became of each red flag, and whom it is about (a stable
pseudonym, or the name given)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from sciatica_coach.coach import flags
from sciatica_coach.coach.accounts import User
from sciatica_coach.coach.clinical_export import (
    FlagOutcome,
    csv_records,
    fhir_records,
    person,
    safety_entries,
    streamed_csv_records,
)
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.coach.ports import Screening, SessionPlanApart, StoredSession
from sciatica_coach.content import KnowledgeBase

from ..exports.safety_days import DOCTOR, FLAGGED, LAPSED, STANDING, WRONG, safety_days
from ..exports.safety_days import NOW as SAFETY_NOW
from .conftest import T0, Clock, check
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


# --- the safety log ---------------------------------------------------------------------------


def test_both_exports_read_the_safety_log_each_flag_with_what_became_of_it(
    kb: KnowledgeBase,
) -> None:
    journal = safety_days(kb)
    for_csv = csv_records(kb, journal, None, SAFETY_NOW)
    assert for_csv.safety == fhir_records(kb, journal, None, SAFETY_NOW).safety
    found = {(e.event.kind, e.event.question_id): e for e in for_csv.safety}
    assert [e.event.at for e in for_csv.safety] == sorted(e.event.at for e in for_csv.safety)
    numb = found[("flag", "saddle_numbness")]
    assert (numb.event.at, numb.event.answer, numb.event.level) == (
        FLAGGED,
        "not_sure",
        "emergency",
    )
    assert numb.outcome == FlagOutcome(WRONG, "wrong_answer")
    assert found[("flag", "fever")].outcome == FlagOutcome(DOCTOR, "doctor_seen")
    lapsed = found[("flag", "calf_swelling")].outcome
    assert lapsed == FlagOutcome(LAPSED + timedelta(hours=24), None)
    assert lapsed is not None and not lapsed.stands(SAFETY_NOW)
    standing = found[("flag", "bladder_change")].outcome
    assert standing is not None and standing.stands(SAFETY_NOW)
    assert not standing.stands(STANDING + timedelta(hours=24, seconds=1))
    assert found[("flag_review", "fever")].event.answer == "still_have"
    assert found[("doctor_seen", None)].event.at == DOCTOR
    assert found[("doctor_seen", None)].signs == ("fever",)
    cleared = found[("clearance", "cancer_history")]
    assert (cleared.event.day, cleared.event.who) == ("2026-11-20", "Dr Lee")
    assert cleared.counts_until == date(2027, 5, 22)  # 6 months, as the check counts them
    assert cleared.restrictions == ("no_massage_gun", "no_hard_ball_near_bone")


def test_a_wrong_answer_lifts_only_flags_of_that_question_raised_up_to_it(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock, fever=True)
    clock.advance(minutes=10)
    flags.review_flag(kb, journal, clock(), "fever", "wrong_answer")
    clock.advance(minutes=10)
    check(kb, journal, clock, fever=True, calf_swelling=True)
    clock.advance(minutes=10)
    entries = csv_records(kb, journal, None, clock()).safety
    outcomes = [(e.event.question_id, e.outcome) for e in entries if e.event.kind == "flag"]
    hours = timedelta(hours=kb.screening.flags.stands_hours)
    assert outcomes == [  # each check's flags in the order its questions are asked
        ("fever", FlagOutcome(T0 + timedelta(minutes=10), "wrong_answer")),
        ("calf_swelling", FlagOutcome(T0 + timedelta(minutes=20) + hours, None)),
        ("fever", FlagOutcome(T0 + timedelta(minutes=20) + hours, None)),
    ]


def test_an_empty_journal_has_an_empty_safety_log(kb: KnowledgeBase) -> None:
    assert csv_records(kb, FakeJournal(), None, NOW).safety == ()


def test_a_doctors_visit_lifts_only_the_sign_it_was_about(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock, fever=True, calf_swelling="not_sure")
    clock.advance(hours=2)
    flags.seen_doctor(kb, journal, clock(), "calf_swelling")
    clock.advance(minutes=5)
    entries = csv_records(kb, journal, None, clock()).safety
    outcomes = {e.event.question_id: e.outcome for e in entries if e.event.kind == "flag"}
    hours = timedelta(hours=kb.screening.flags.stands_hours)
    assert outcomes == {
        "fever": FlagOutcome(T0 + hours, None),
        "calf_swelling": FlagOutcome(T0 + timedelta(hours=2), "doctor_seen"),
    }
    assert [f.flag.question_id for f in flags.standing_flags(kb, journal, clock())] == ["fever"]


def test_what_the_exports_say_stands_is_what_the_app_holds_to_at_every_moment(
    kb: KnowledgeBase,
) -> None:
    """The outcome of each flag is worked out apart from :func:`flags.standing_flags` (it
    needs the end, not only whether it stands): both must agree, hour by hour."""
    journal = safety_days(kb)
    moment = FLAGGED - timedelta(hours=1)
    while moment <= SAFETY_NOW + timedelta(days=1):
        entries = safety_entries(kb, journal, None, moment)
        said = {
            e.event.question_id
            for e in entries
            if e.outcome is not None and e.outcome.stands(moment)
        }
        held = {f.flag.question_id for f in flags.standing_flags(kb, journal, moment)}
        assert said == held, moment
        moment += timedelta(minutes=30)


def test_the_whole_safety_log_reads_the_checks_a_batch_at_a_time(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = safety_days(kb)
    whole = csv_records(kb, journal, None, SAFETY_NOW).safety
    assert any(entry.event.kind == "flag" for entry in whole)

    batched = journal.entries_in_batches
    asked: list[type] = []

    def in_batches(entry: type[Any], size: int = 500) -> Iterator[list[Any]]:
        asked.append(entry)
        return batched(entry, size)

    monkeypatch.setattr(journal, "entries_in_batches", in_batches)
    assert safety_entries(kb, journal, None, SAFETY_NOW) == whole
    assert asked == [Screening]


class PlansApart(FakeJournal):
    """A journal that hands each record's plan apart as JSON text, as SQLite does."""

    def sessions_plan_apart(self, size: int = 500) -> Iterator[list[SessionPlanApart]]:
        for batch in super().sessions_plan_apart(size):
            yield [_apart(a.session) for a in batch]


def _apart(session: StoredSession) -> SessionPlanApart:
    record = dict(session.record)
    if not isinstance(record.get("plan"), dict):
        return SessionPlanApart(session, None)
    plan = json.dumps(record.pop("plan"))
    return SessionPlanApart(replace(session, record=record), plan)


def test_records_read_with_their_plans_apart_are_the_records_read_whole(
    kb: KnowledgeBase,
) -> None:
    source = two_weeks(kb)
    apart = PlansApart()
    apart.sessions_ = dict(source.sessions_)
    with streamed_csv_records(kb, source, NOW) as whole_records:
        whole = [s.record for s in whole_records.sessions]
    with streamed_csv_records(kb, apart, NOW) as apart_records:
        found = [s.record for s in apart_records.sessions]
    assert found == whole and len(found) == 7 and None not in found
    plans = {id(record.plan) for record in found if record is not None}
    assert len(plans) < len(found)  # the same plan text is read once and shared


@pytest.mark.parametrize(
    "plan", ['{"steps": "not a list"}', "not JSON at all", '{"experience": "novice"}']
)
def test_a_plan_that_cannot_be_read_leaves_its_record_out_as_when_read_whole(
    kb: KnowledgeBase, plan: str
) -> None:
    source = two_weeks(kb)
    first = source.sessions()[0]
    good = _apart(first)
    broken = SessionPlanApart(good.session, plan)

    class Broken(FakeJournal):
        def sessions_plan_apart(self, size: int = 500) -> Iterator[list[SessionPlanApart]]:
            yield [broken, broken, good]

    with streamed_csv_records(kb, Broken(), NOW) as records:
        found = [s.record for s in records.sessions]
    assert found[:2] == [None, None] and found[2] is not None
