"""Reading the journal into progress points: scores, PEG means, sessions and body maps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sciatica_coach.coach.history import read_history
from sciatica_coach.storage.database import open_database
from sciatica_coach.storage.journal import Journal

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_it_reads_every_kind_of_entry(tmp_path: Path) -> None:
    journal = Journal(open_database(f"sqlite:///{tmp_path / 'j.sqlite3'}"))
    journal.add_pain(NOW - timedelta(days=2), 6, regions=[{"key": "left:heel", "intensity": 6}])
    journal.add_pain(NOW - timedelta(days=400), 9)  # beyond the look-back
    journal.add_peg(NOW, 4, 5, 6)
    journal.add_pain_map(NOW, [{"key": "right:calf_posterior", "intensity": 3}])
    journal.add_session(
        started_at=NOW, ended_at=NOW, status="stopped", stop_reason="bad_pain",
        pain_before=5, pain_after=None, duration_seconds=40.0, record={}, plan_id=None,
    )  # fmt: skip
    journal.add_screening(NOW, "green", {"pain_now": 4}, {})
    history = read_history(journal, NOW, weeks=4)
    # every "pain right now": the log, the safety check, the score before a session
    assert [p.score for p in history.pain] == [6.0, 4.0, 5.0]
    assert [p.score for p in history.peg] == [5.0]
    assert [s.stopped_for_bad_pain for s in history.sessions] == [True]
    assert {r for m in history.maps for r in m.regions} == {"left:heel", "right:calf_posterior"}
    assert history.report(4, 2).sessions == 1
    assert history.escalations(1) == ["bad_pain_stops"]
