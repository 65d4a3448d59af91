"""History read in windows answers exactly as history read whole.

``read_history`` reads only the days the progress rules look at. Here the report (for 1, 2,
8 and 52 weeks) and the escalations it gives are compared with those of the year read
whole, as it was read before (kept below), on random journals: entries logged in time zones
from -12 to +14 hours, checks whose pain answer is missing or not a score, sessions never
started or without a score before, months with nothing logged."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sciatica_coach.coach.history import History, read_history
from sciatica_coach.coach.ports import JournalPort
from sciatica_coach.domain.progress import MapPoint, ScorePoint, SessionPoint
from sciatica_coach.storage import Journal, open_database
from sciatica_coach.storage.entries import StoredSession

from .fakes import FakeJournal

NOW = datetime(2026, 11, 25, 20, 30, tzinfo=timezone(timedelta(hours=-7)))
WEEKS = (1, 2, 8, 52)


def whole_year(journal: JournalPort, now: datetime) -> History:
    """History as it was read before windows: everything of the last 366 days."""
    since = now - timedelta(days=366)

    def day(moment: datetime) -> date:
        return moment.astimezone(now.tzinfo).date()

    def regions(raw: Any) -> frozenset[str]:
        return frozenset(str(r["key"]) for r in raw or [] if isinstance(r, dict) and "key" in r)

    entries = journal.pain_entries(since=since)
    maps = [MapPoint(day(m.recorded_at), regions(m.regions)) for m in journal.pain_maps(since)]
    maps += [MapPoint(e.day, regions(e.regions)) for e in entries if regions(e.regions)]
    sessions = [s for s in journal.sessions(since=since) if s.status != "ready"]
    pain = [ScorePoint(e.day, float(e.now)) for e in entries]
    for check in journal.screenings(since=since):
        answer = check.answers.get("pain_now")
        if isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer <= 10:
            pain.append(ScorePoint(day(check.taken_at), float(answer)))
    pain += [ScorePoint(day(s.started_at), float(s.pain_before)) for s in sessions
             if s.pain_before is not None]  # fmt: skip
    return History(
        today=now.date(),
        pain=tuple(sorted(pain, key=lambda p: p.day)),
        peg=tuple(
            ScorePoint(day(p.recorded_at), round((p.pain + p.enjoyment + p.activity) / 3, 2))
            for p in journal.peg_entries(since=since)
        ),
        sessions=tuple(
            SessionPoint(
                day(s.started_at), s.pain_before, s.pain_after, s.stop_reason == "bad_pain"
            )
            for s in sessions
        ),
        maps=tuple(sorted(maps, key=lambda m: m.day)),
    )


def assert_same_answers(journal: JournalPort, now: datetime) -> None:
    whole = whole_year(journal, now)
    for limit in (1, 2):
        assert read_history(journal, now).escalations(limit) == whole.escalations(limit)
    for weeks in WEEKS:
        windowed = read_history(journal, now, weeks)
        assert windowed.report(weeks, 2) == whole.report(weeks, 2), weeks


zones = st.integers(-12, 14).map(lambda h: timezone(timedelta(hours=h)))
moments = st.tuples(st.floats(0, 500 * 24), zones).map(
    lambda t: (NOW - timedelta(hours=t[0])).astimezone(t[1])
)
answers = st.one_of(st.integers(0, 10), st.none(), st.just(True), st.just(11), st.just("5"))
places = st.lists(st.sampled_from(["left:heel", "left:calf", "right:thigh_lateral"]), max_size=2)


@st.composite
def journals(draw: st.DrawFn) -> FakeJournal:
    journal = FakeJournal()
    for moment, score, where in draw(st.lists(st.tuples(moments, st.integers(0, 10), places))):
        marks = [{"key": k, "intensity": score} for k in where] or None
        journal.add_pain(moment, score, regions=marks)
    for moment, answer in draw(st.lists(st.tuples(moments, answers))):
        journal.add_screening(moment, "ok", {"pain_now": answer} if answer != "5" else {}, {})
    for moment, where in draw(st.lists(st.tuples(moments, places), max_size=20)):
        journal.add_pain_map(moment, [{"key": k, "intensity": 3} for k in where])
    for moment, p, e, a in draw(st.lists(st.tuples(moments, *[st.integers(0, 10)] * 3))):
        journal.add_peg(moment, p, e, a)
    kinds = st.sampled_from(["ready", "finished", "stopped", "in_progress"])
    before = st.none() | st.integers(0, 10)
    for moment, status, pain, bad in draw(
        st.lists(st.tuples(moments, kinds, before, st.booleans()), max_size=30)
    ):
        session_id = journal._id()
        journal.sessions_[session_id] = StoredSession(
            id=session_id, started_at=moment, ended_at=None, status=status,
            stop_reason="bad_pain" if bad else None, pain_before=pain, pain_after=None,
            duration_seconds=1.0, plan_id=None, record={},
        )  # fmt: skip
    return journal


@settings(max_examples=150, deadline=None)
@given(journal=journals(), now_zone=zones)
def test_random_journals_answer_the_same(journal: FakeJournal, now_zone: timezone) -> None:
    assert_same_answers(journal, NOW.astimezone(now_zone))


def daily(journal: JournalPort, days: int, start_gap: int = 0) -> None:
    """A pain score and a check every day for ``days`` days up to now, a session every
    other day, after ``start_gap`` days with nothing (a quiet stretch mid-journal)."""
    for back in range(days, 0, -1):
        if days - back < start_gap and back > 30:
            continue
        moment = NOW - timedelta(days=back, hours=back % 5)
        journal.add_pain(moment, back % 11)
        journal.add_screening(moment, "ok", {"pain_now": (back * 3) % 11}, {})


@pytest.mark.parametrize(("days", "gap"), [(3, 0), (20, 0), (60, 0), (400, 0), (400, 300)])
def test_a_real_journal_answers_the_same(tmp_path: Path, days: int, gap: int) -> None:
    journal = Journal(open_database(f"sqlite+pysqlite:///{tmp_path / 'j.sqlite3'}"))
    daily(journal, days, gap)
    assert_same_answers(journal, NOW)


def test_a_report_longer_than_what_was_read_is_refused() -> None:
    history = read_history(FakeJournal(), NOW.astimezone(UTC), weeks=2)
    with pytest.raises(ValueError, match="2 weeks"):
        history.report(8, 2)
