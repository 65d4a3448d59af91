"""Every writer and reader of the journal, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from sciatica_coach.coach.activity import as_past
from sciatica_coach.domain.activity import PastSession, recent_activity
from sciatica_coach.storage import Journal, StorageError
from sciatica_coach.storage.entries import (
    Goal,
    Note,
    PainEntry,
    PainMap,
    PegEntry,
    SafetyRecord,
    Screening,
    StoredPlan,
    StoredSession,
)

from .sample import PLAN, RECORD, at, fill


def test_a_new_journal_is_empty_and_sound(journal: Journal) -> None:
    assert journal.is_empty()
    assert journal.integrity_ok()
    assert journal.pain_entries() == [] and journal.notes() == []


def test_every_entry_comes_back_as_written(journal: Journal) -> None:
    ids = fill(journal)
    assert not journal.is_empty()
    assert journal.screenings() == [
        Screening(
            ids["screenings"],
            at(0),
            "caution",
            {"numbness": True, "areas": ["left:calf"]},
            {"level": "caution"},
        )
    ]
    assert journal.plans() == [
        StoredPlan(
            ids["plans"],
            at(1),
            {"steps": [{"id": "s1", "instructions": ["Sit", "Breathe"]}], "minutes": 10},
        )
    ]
    assert journal.pain_maps() == [
        PainMap(ids["pain_maps"], at(2), [{"key": "left:heel", "intensity": 6, "kind": "burning"}])
    ]
    assert journal.sessions() == [
        StoredSession(
            ids["sessions"],
            at(3),
            at(13),
            "stopped",
            "bad_pain",
            4,
            None,
            600.25,
            ids["plans"],
            RECORD,
        )
    ]
    assert journal.pain_entries() == [
        PainEntry(
            ids["pain_entries"],
            at(4),
            date(2024, 3, 10),
            3,
            7,
            5,
            [{"key": "right:calf", "intensity": 2}],
            "Stiff after the drive — 2h 🚗",
        )
    ]
    assert journal.peg_entries() == [PegEntry(ids["peg_entries"], at(5), 5, 4, 6)]
    assert journal.notes() == [Note(ids["notes"], at(6), "Tried the tennis ball; ça va.")]
    assert journal.goals() == [Goal(ids["goals"], at(7), 4, 1)]
    assert journal.safety_records() == [
        SafetyRecord(
            ids["safety_records"],
            at(8),
            "flag_review",
            {"question_id": "fever", "answer": "wrong_answer"},
        )
    ]
    assert journal.safety_records(since=at(9)) == []
    assert PLAN["steps"][0]["instructions"] == ("Sit", "Breathe")  # the input is untouched


def test_times_come_back_aware_in_utc_and_equal_to_what_was_given(journal: Journal) -> None:
    journal.add_pain(at(0), 2)
    (entry,) = journal.pain_entries()
    assert entry.recorded_at == at(0)
    assert entry.recorded_at.tzinfo is UTC
    assert entry.recorded_at.microsecond == 345678
    assert entry.day == at(0).date() != entry.recorded_at.date()


def test_optional_fields_may_be_left_out(journal: Journal) -> None:
    pain_id = journal.add_pain(at(0), 0)
    session_id = journal.add_session(at(1), None, "in_progress", None, None, None, 0, {}, None)
    assert journal.pain_entries() == [
        PainEntry(pain_id, at(0), at(0).date(), 0, None, None, None, None)
    ]
    assert journal.sessions()[0] == StoredSession(
        session_id, at(1), None, "in_progress", None, None, None, 0.0, None, {}
    )


def test_readers_return_entries_oldest_first_and_filter_by_time(journal: Journal) -> None:
    for minutes in (30, 10, 20):
        journal.add_pain(at(minutes), minutes // 10)
        journal.add_peg(at(minutes), 1, 1, 1)
        journal.add_note(at(minutes), f"note {minutes}")
        journal.add_screening(at(minutes), "ok", {}, {})
        journal.add_pain_map(at(minutes), [])
        journal.add_plan(at(minutes), {})
        journal.add_session(at(minutes), None, "finished", None, None, None, 1.0, {}, None)
    assert [e.now for e in journal.pain_entries()] == [1, 2, 3]
    assert [e.now for e in journal.pain_entries(since=at(20))] == [2, 3]
    assert [e.now for e in journal.pain_entries(since=at(10), until=at(30))] == [1, 2]
    assert [e.recorded_at for e in journal.peg_entries(since=at(11))] == [at(20), at(30)]
    assert [e.text for e in journal.notes()] == ["note 10", "note 20", "note 30"]
    assert [e.taken_at for e in journal.screenings(since=at(30))] == [at(30)]
    assert [e.recorded_at for e in journal.pain_maps(since=at(25))] == [at(30)]
    assert [e.created_at for e in journal.plans()] == [at(10), at(20), at(30)]
    assert [e.started_at for e in journal.sessions(since=at(15))] == [at(20), at(30)]


def test_since_in_another_timezone_means_the_same_moment(journal: Journal) -> None:
    journal.add_pain(at(0), 1)
    assert len(journal.pain_entries(since=at(0).astimezone(UTC))) == 1
    assert journal.pain_entries(since=at(0) + timedelta(microseconds=1)) == []


def test_past_sessions_count_holds_and_bad_pain_stops(journal: Journal) -> None:
    record = {"holds_done": [["piriformis", "left", 2], ["piriformis", "left", 1], [None, None, 5]]}
    journal.add_session(at(0), at(5), "finished", None, 2, 1, 300, record | OUTCOMES, None)
    journal.add_session(at(60), at(61), "stopped", "bad_pain", 3, 6, 60, OUTCOMES, None)
    journal.add_session(at(120), None, "stopped", "user", None, None, 5, RECORD, None)
    journal.add_session(at(150), None, "stopped", "user", None, None, 5, {"outcomes": []}, None)

    def past(since: datetime) -> list[PastSession]:
        return [p for s in journal.sessions(since) if (p := as_past(s, at(200))) is not None]

    assert past(at(30))[:2] == [
        PastSession(at(60), {}, stopped_for_bad_pain=True),
        PastSession(at(120), {("piriformis", "left"): 2, ("gluteus_medius", "right"): 1}, False),
    ]
    assert past(at(30))[2].counts is False  # it never got past its first step
    everything = past(at(-1))
    assert everything[0].holds == {("piriformis", "left"): 3}
    activity = recent_activity(everything, now=at(180))
    # The person's clock reads 01:45 (UTC-5): the 22:45 and 23:45 sessions were yesterday.
    assert activity.sessions_today == 1 and activity.bad_stops_this_week == 1
    assert activity.holds_done("piriformis", "left") == 2
    late_evening = recent_activity(everything, now=at(70))
    assert late_evening.sessions_today == 2 and late_evening.holds_done("piriformis", "left") == 3


OUTCOMES: dict[str, Any] = {"outcomes": [{"step_id": "s", "result": "done"}]}


BAD_PAIN: list[tuple[dict[str, Any], str]] = [
    ({"now": 11}, "now must be a whole number from 0 to 10"),
    ({"now": -1}, "now must be a whole number from 0 to 10"),
    ({"now": 2.5}, "now must be a whole number"),
    ({"now": True}, "now must be a whole number"),
    ({"now": 5, "worst": 4}, "worst (4) must not be less than now (5)"),
    ({"now": 2, "worst": 11}, "worst must be a whole number from 0 to 10"),
    ({"now": 2, "worst": 5, "average": 6}, "average (6) must not be more than worst (5)"),
    ({"now": 2, "average": 12}, "average must be a whole number from 0 to 10"),
    ({"now": 2, "note": "  "}, "note must be non-empty text"),
    ({"now": 2, "regions": [{"key": "left:heel"}]}, "needs an 'intensity' from 0 to 10"),
    ({"now": 2, "regions": [{"intensity": 3}]}, "needs a 'key'"),
    ({"now": 2, "regions": "left:heel"}, "regions must be a list"),
]


@pytest.mark.parametrize(("values", "message"), BAD_PAIN)
def test_bad_pain_scores_are_refused_before_the_database(
    journal: Journal, values: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        journal.add_pain(at(0), **values)
    assert journal.is_empty()


def test_naive_times_are_refused(journal: Journal) -> None:
    naive = datetime(2024, 1, 1, 12)
    with pytest.raises(ValueError, match="recorded_at must be a timezone-aware datetime"):
        journal.add_pain(naive, 1)
    with pytest.raises(ValueError, match="since must be a timezone-aware datetime"):
        journal.pain_entries(since=naive)
    assert journal.is_empty()


@pytest.mark.parametrize(
    ("add", "message"),
    [
        (lambda j: j.add_peg(at(0), 1, 11, 1), "enjoyment must be a whole number from 0 to 10"),
        (lambda j: j.add_peg(at(0), 1, 1, -2), "activity must be a whole number from 0 to 10"),
        (lambda j: j.add_note(at(0), ""), "text must be non-empty text"),
        (
            lambda j: j.add_goal(at(0), 15, 1),
            "sessions_per_week must be a whole number from 0 to 14",
        ),
        (lambda j: j.add_goal(at(0), 4, 8), "pegs_per_week must be a whole number from 0 to 7"),
        (lambda j: j.add_goal(at(0), True, 1), "sessions_per_week must be a whole number"),
        (lambda j: j.add_screening(at(0), "", {}, {}), "level must be non-empty text"),
        (lambda j: j.add_screening(at(0), "ok", [], {}), "answers must be a JSON object"),
        (lambda j: j.add_screening(at(0), "ok", {1: True}, {}), "must have text keys"),
        (lambda j: j.add_plan(at(0), {"x": float("nan")}), "must not contain NaN"),
        (lambda j: j.add_plan(at(0), {"when": at(0)}), "must be plain JSON data"),
        (lambda j: j.add_pain_map(at(0), [{"key": "x", "intensity": 99}]), "intensity"),
        (
            lambda j: j.add_session(at(0), at(-1), "finished", None, 1, 1, 1, {}, None),
            "ended_at must not be before started_at",
        ),
        (
            lambda j: j.add_session(at(0), None, "finished", None, 1, 12, 1, {}, None),
            "pain_after must be a whole number from 0 to 10",
        ),
        (
            lambda j: j.add_session(at(0), None, "finished", None, 1, 1, -1, {}, None),
            "duration_seconds must be zero or more",
        ),
        (
            lambda j: j.add_session(
                at(0), None, "finished", None, 1, 1, 1, {"holds_done": [["a", "b"]]}, None
            ),
            "holds_done'] has a malformed entry",
        ),
    ],
)
def test_other_bad_entries_are_refused_before_the_database(
    journal: Journal, add: Any, message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        add(journal)
    assert journal.is_empty()


def test_a_session_for_a_missing_plan_is_a_storage_error_not_a_silent_drop(
    journal: Journal,
) -> None:
    with pytest.raises(StorageError, match="could not save to sessions"):
        journal.add_session(at(0), None, "finished", None, None, None, 1, {}, plan_id=999)
    assert journal.sessions() == []
