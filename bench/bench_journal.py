"""Reading the last 8 weeks of a 10-year journal, against a baseline of reading one entry.

Run: ``.venv/bin/python -m bench.bench_journal``. Builds a temporary SQLite journal with a pain
entry every day and a PEG entry every week for 10 years (bulk inserted), then times what a
progress view reads: ``pain_entries(since=...)`` plus ``peg_entries(since=...)``. Prints the
time, the ratio to the baseline measured in the same run, and the same read with the
``(user_id, recorded_at, id)`` indexes dropped, to show what they are worth. It asserts
nothing about time.
"""

from __future__ import annotations

import random
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert, text
from sqlalchemy.orm import Session

from bench.timing import median_time
from sciatica_coach.storage import Journal, open_database
from sciatica_coach.storage.tables import PainRow, PegRow

YEARS = 10
END = datetime(2025, 1, 1, 20, 0, tzinfo=UTC)
DAYS = YEARS * 365 + YEARS // 4
RUNS = 25


def build(engine: Engine, seed: int = 7) -> None:
    rng = random.Random(seed)
    days = [END - timedelta(days=n) for n in range(DAYS)]
    pain = []
    for moment in days:
        now = rng.randint(0, 8)
        pain.append(
            {
                "recorded_at": moment,
                "day": moment.date(),
                "now": now,
                "worst": now + 2,
                "average": now + 1,
                "regions": [{"key": "left:buttock_center", "intensity": now}],
                "note": None,
            }
        )
    peg = [
        {"recorded_at": moment, "pain": rng.randint(0, 10), "enjoyment": 5, "activity": 4}
        for moment in days[::7]
    ]
    with Session(engine) as session, session.begin():
        session.execute(insert(PainRow), pain)
        session.execute(insert(PegRow), peg)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(f"sqlite+pysqlite:///{Path(folder) / 'bench.sqlite3'}")
        build(engine)
        journal = Journal(engine)
        since = END - timedelta(weeks=8)

        def last_eight_weeks() -> int:
            return len(journal.pain_entries(since=since)) + len(journal.peg_entries(since=since))

        rows = last_eight_weeks()
        baseline = median_time(RUNS, lambda: journal.pain_entries(since=END))
        indexed = median_time(RUNS, last_eight_weeks)
        with engine.connect() as connection:
            plan = connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT * FROM pain_entries WHERE user_id = 1 AND "
                "recorded_at >= ? ORDER BY recorded_at, id",
                (since.replace(tzinfo=None).isoformat(" "),),
            ).all()
        with engine.begin() as connection:
            for table in ("pain_entries", "peg_entries"):
                connection.execute(text(f"DROP INDEX ix_{table}_user_id_recorded_at"))
        unindexed = median_time(RUNS, last_eight_weeks)
        engine.dispose()
    print(f"journal: {DAYS} daily pain entries, {len(range(0, DAYS, 7))} weekly PEG entries")
    print(f"query plan: {plan[-1][-1]}")
    print(f"baseline (read 1 pain entry):       {baseline * 1000:8.2f} ms")
    print(
        f"last 8 weeks ({rows} entries):        {indexed * 1000:8.2f} ms"
        f"   ratio {indexed / baseline:5.1f}x"
    )
    print(
        f"same, without the (user_id, time) indexes: {unindexed * 1000:8.2f} ms"
        f"   ratio {unindexed / baseline:5.1f}x"
    )


if __name__ == "__main__":
    main()
