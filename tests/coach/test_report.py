"""The summary for a clinician, gathered from the journal: the weeks' numbers as the progress
report has them, the latest check in words, every red flag with what followed it, the
clearances, the numbness or tingling logged, the sessions, the maps, notes only when asked."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sciatica_coach.coach.errors import Invalid
from sciatica_coach.coach.report import ClinicianSummary, clinician_summary
from sciatica_coach.content import KnowledgeBase

from ..exports.safety_days import (
    CLEARED,
    DOCTOR,
    FLAGGED,
    LAPSED,
    NUMB,
    STANDING,
    STILL,
    WRONG,
    safety_days,
)
from .fakes import FakeJournal
from .journal_days import NOTE_LOGGED, NOTE_WRITTEN, NOW, OLD_NOTE, two_weeks


@pytest.fixture(scope="module")
def journal(kb: KnowledgeBase) -> FakeJournal:
    return two_weeks(kb)


@pytest.fixture(scope="module")
def summary(kb: KnowledgeBase, journal: FakeJournal) -> ClinicianSummary:
    return clinician_summary(kb, journal, NOW, 2, include_notes=True, name="  Ann  ")


def test_it_covers_the_weeks_asked_for_ending_today(summary: ClinicianSummary) -> None:
    assert (summary.start, summary.end, summary.weeks) == (date(2026, 11, 18), NOW.date(), 2)
    assert summary.name == "Ann"
    assert [r.start for r in summary.rows] == [date(2026, 11, 18), date(2026, 11, 25)]


def test_the_weekly_rows_have_the_progress_reports_means_and_the_sessions_effect(
    summary: ClinicianSummary,
) -> None:
    first, second = summary.rows
    assert (first.pain_days, first.pain, first.peg, first.sessions) == (5, 6.0, 6.0, 3)
    assert (first.before, first.after, first.scored) == (6.0, 4.0, 3)
    assert (second.pain_days, second.pain, second.peg, second.sessions) == (7, 3.57, 4.0, 4)
    assert (second.before, second.after, second.scored) == (4.0, 2.0, 2)
    assert (summary.before, summary.after, summary.scored) == (5.2, 3.2, 5)
    assert summary.pain_change is not None and summary.pain_change.kind == "improved"
    assert summary.better_line == 4.2  # 30% below the first week's 6.0


def test_the_latest_check_is_in_words_with_its_flags_and_limits(
    summary: ClinicianSummary,
) -> None:
    check = summary.safety
    assert check is not None
    assert (check.level, check.session_allowed) == ("see_professional", False)
    assert check.title == "Get checked before self-massage"
    asked = {f.question: f.answer for f in check.flags}
    assert asked["Do you take blood thinners, or bruise or bleed easily?"] == "yes"
    assert "Calf (left)" in asked.values()
    assert None in asked  # the journal's own concern: no question, no answer
    assert "No massage gun" in check.restrictions
    assert "Stay off some areas: Calf (left)" in check.restrictions
    assert dict(summary.checks_by_level) == {"see_professional": 1, "ok": 7}


def test_a_concern_says_when_it_was_raised_and_whether_it_still_is(
    summary: ClinicianSummary,
) -> None:
    (concern,) = summary.escalations
    assert concern.id == "bad_pain_stops" and concern.standing
    assert (concern.first_raised, concern.times_raised) == (date(2026, 12, 1), 1)


def test_sessions_muscles_and_tools(summary: ClinicianSummary) -> None:
    assert (summary.sessions, summary.finished, summary.stopped_bad_pain) == (7, 5, 2)
    (muscle,) = summary.muscles
    assert (muscle.name, muscle.side) == ("Piriformis", "left")
    assert (muscle.sessions, muscle.holds) == (7, 12)
    assert summary.tools == (("Tennis ball", 7),)


def test_the_maps_are_those_of_the_most_recent_session_with_one(
    summary: ClinicianSummary,
) -> None:
    found = summary.latest_maps
    assert found is not None and found.session
    assert found.at == datetime(2026, 11, 30, 8, tzinfo=UTC)
    assert found.before is not None and found.after is None  # stopped for bad pain
    assert found.before.labels == ("Middle of the buttock (left)", "Back of the thigh (left)")


def test_notes_of_the_weeks_newest_first_only_when_asked(
    kb: KnowledgeBase, journal: FakeJournal, summary: ClinicianSummary
) -> None:
    assert summary.notes is not None
    assert [n.text for n in summary.notes] == [NOTE_WRITTEN, NOTE_LOGGED]
    assert OLD_NOTE not in [n.text for n in summary.notes]
    assert clinician_summary(kb, journal, NOW, 2).notes is None


def test_it_cites_the_thresholds_and_the_rules_it_reports(summary: ClinicianSummary) -> None:
    cited = [s.id for s in summary.sources]
    assert cited[:3] == ["farrar_2001", "reed_2024", "krebs_2009"]
    assert "batavia_2004" in cited  # behind the blood-thinner flag


def test_an_empty_journal_gives_an_empty_summary(kb: KnowledgeBase) -> None:
    summary = clinician_summary(kb, FakeJournal(), NOW, 8)
    assert summary.safety is None and summary.latest_maps is None and summary.sessions == 0
    assert len(summary.rows) == 8 and all(r.pain is None for r in summary.rows)
    assert summary.better_line is None and summary.escalations == ()


@pytest.mark.parametrize("weeks", [0, 27])
def test_weeks_outside_one_to_twenty_six_are_refused(kb: KnowledgeBase, weeks: int) -> None:
    with pytest.raises(Invalid) as refused:
        clinician_summary(kb, FakeJournal(), NOW, weeks)
    assert refused.value.problems[0][0] == ("weeks",)


# --- red flags and what followed (clinical review I9) ----------------------------------------


@pytest.fixture(scope="module")
def flagged(kb: KnowledgeBase) -> ClinicianSummary:
    return clinician_summary(kb, safety_days(kb), NOW, 2)


def test_each_red_flag_of_the_weeks_comes_with_what_followed_it(
    flagged: ClinicianSummary,
) -> None:
    shown = [
        (f.flag.event.question_id, f.flag.event.at, [(e.kind, e.answer, e.at) for e in f.followed])
        for f in flagged.flags
    ]
    assert shown == [
        ("saddle_numbness", FLAGGED, [("flag_review", "wrong_answer", WRONG)]),
        ("fever", FLAGGED, [("flag_review", "still_have", STILL), ("doctor_seen", None, DOCTOR)]),
        ("calf_swelling", LAPSED, []),
        ("bladder_change", STANDING, []),
    ]
    lifted = [f.flag.outcome.lifted_by for f in flagged.flags if f.flag.outcome]
    assert lifted == ["wrong_answer", "doctor_seen", None, None]


def test_a_clearance_is_listed_with_the_day_it_stops_counting(flagged: ClinicianSummary) -> None:
    (cleared,) = flagged.safety_other
    assert cleared.event.kind == "clearance" and cleared.event.at == CLEARED
    assert (cleared.event.day, cleared.event.who) == ("2026-11-20", "Dr Lee")
    assert cleared.counts_until == date(2027, 5, 22)


def test_numbness_tingling_and_burning_logged_are_listed_by_place(
    flagged: ClinicianSummary,
) -> None:
    assert [(f.feeling, f.place, f.times, f.first, f.last) for f in flagged.felt] == [
        ("numbness", "Calf (left)", 2, NUMB[0], NUMB[1]),
        ("tingling", "Calf (left)", 1, NUMB[0], NUMB[0]),
    ]


def test_it_cites_the_sources_behind_red_flags_and_clearances(flagged: ClinicianSummary) -> None:
    cited = [s.id for s in flagged.sources]
    assert {"dionne_2019", "nhs_cauda_equina", "nhs_sciatica"} <= set(cited)


def test_only_the_weeks_asked_for_are_in_the_safety_log(kb: KnowledgeBase) -> None:
    one_week = clinician_summary(kb, safety_days(kb), NOW, 1)
    assert [f.flag.event.question_id for f in one_week.flags] == ["calf_swelling", "bladder_change"]
    assert one_week.safety_other == ()
    assert [f.times for f in one_week.felt] == [1]  # the numbness of the 26th only


def test_a_journal_without_flags_has_none(summary: ClinicianSummary) -> None:
    assert summary.flags == () and summary.safety_other == () and summary.felt == ()
