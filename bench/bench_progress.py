"""How long the progress report takes on a ten-year journal, against reading one entry.

Run: ``.venv/bin/python -m bench.bench_progress``. Builds a temporary SQLite journal with ten
years of daily pain, weekly PEG and a session every other day, then times the whole
``progress --weeks 8`` computation (read the last year + compute) against a one-row read.
Prints ratios; never asserts on time.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.timing import median_time
from sciatica_coach.coach.history import read_history
from sciatica_coach.storage.database import open_database
from sciatica_coach.storage.journal import Journal

YEARS = 10


def build(journal: Journal, now: datetime) -> int:
    days = 365 * YEARS
    for day in range(days, 0, -1):
        at = now - timedelta(days=day)
        journal.add_pain(at, (day * 7) % 11)
        if day % 7 == 0:
            journal.add_peg(at, 5, 5, 5)
        if day % 2 == 0:
            journal.add_session(
                started_at=at, ended_at=at, status="finished", stop_reason=None,
                pain_before=6, pain_after=4, duration_seconds=300.0,
                record={"holds_done": [["piriformis", "left", 2]]}, plan_id=None,
            )  # fmt: skip
    return days


def main() -> None:
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as folder:
        journal = Journal(open_database(f"sqlite:///{Path(folder) / 'journal.sqlite3'}"))
        days = build(journal, now)
        baseline = median_time(9, lambda: journal.pain_entries(since=now - timedelta(hours=30)))
        report = median_time(9, lambda: read_history(journal, now, 8).report(8, 2))
    print(f"journal: {days} days of pain, {days // 7} PEG, {days // 2} sessions")
    print(f"baseline (read one day):        {baseline * 1000:8.2f} ms")
    print(
        f"progress --weeks 8 (read+report): {report * 1000:8.2f} ms"
        f"   ratio {report / baseline:6.1f}x"
    )


if __name__ == "__main__":
    main()
