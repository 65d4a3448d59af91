"""Recent activity, reading whole records of today's sessions only, counts as reading a
week of whole records did (the old way kept here), on random journals."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from sciatica_coach.coach.activity import WINDOW, as_past, recent
from sciatica_coach.coach.ports import JournalPort
from sciatica_coach.domain.activity import RecentActivity, recent_activity
from sciatica_coach.storage.entries import StoredSession

from .fakes import FakeJournal

NOW = datetime(2026, 11, 25, 0, 30, tzinfo=timezone(timedelta(hours=5)))


def whole_records(journal: JournalPort, now: datetime, leave_out: int | None) -> RecentActivity:
    sessions = [
        past
        for stored in journal.sessions(since=now - WINDOW)
        if stored.id != leave_out and (past := as_past(stored, now)) is not None
    ]
    return recent_activity(sessions, now)


RECORDS = [
    {},
    {"holds_done": [["piriformis", "left", 2]], "outcomes": [1]},
    {"holds_done": [["piriformis", "left", 1], ["hamstrings", "right", 3]], "outcomes": [1],
     "bad_step_id": "s1", "plan": {"steps": [{"id": "s1", "muscle_id": "piriformis",
                                              "side": "left", "spot": 2}]}},
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    sessions=st.lists(
        st.tuples(
            st.floats(-2, 10 * 24),
            st.sampled_from(["ready", "finished", "stopped"]),
            st.booleans(),
            st.sampled_from(range(len(RECORDS))),
        ),
        max_size=25,
    ),
    hours=st.integers(-12, 14),
    leave_out=st.integers(1, 30) | st.none(),
)
def test_it_counts_as_reading_every_record_did(
    sessions: list[tuple[float, str, bool, int]], hours: int, leave_out: int | None
) -> None:
    journal = FakeJournal()
    now = NOW.astimezone(timezone(timedelta(hours=hours)))
    for back, status, bad, record in sessions:
        session_id = journal._id()
        journal.sessions_[session_id] = StoredSession(
            id=session_id, started_at=now - timedelta(hours=back), ended_at=None,
            status=status, stop_reason="bad_pain" if bad else None, pain_before=None,
            pain_after=None, duration_seconds=1.0, plan_id=None, record=RECORDS[record],
        )  # fmt: skip
    assert recent(journal, now, leave_out) == whole_records(journal, now, leave_out)
