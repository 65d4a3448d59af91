"""What the integrity check costs (review L-4): ``PRAGMA quick_check`` on journals of one
and ten years of daily use, against a baseline measured in the same run: opening the same
journal without the check and reading what ``sciatica-coach status`` shows.

Run: ``.venv/bin/python -m bench.bench_integrity`` (``make bench`` runs it). The journals are
built in a temporary folder (bench/journal_fixture.py). The file is in the page cache after
the first run, as it is on a computer in use; a first read from a cold disk costs more, for
the check and the status alike. Nothing here asserts on time: only the ratios mean something.
"""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

from bench.journal_fixture import END, journals
from bench.table import Row, print_table
from bench.timing import median_time
from sciatica_coach.coach import status
from sciatica_coach.content import default_knowledge_base
from sciatica_coach.storage import Journal, open_database
from sciatica_coach.storage.database import create, migrate
from sciatica_coach.storage.integrity import problems

RUNS = 7


def main() -> None:
    kb = default_knowledge_base()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        for years, url in journals(Path(folder)).items():
            size = Path(url.removeprefix("sqlite+pysqlite:///")).stat().st_size

            def open_and_read_status(url: str = url) -> None:
                engine = create(url)
                migrate(engine)  # at the head already: reads the revision only
                status.status(kb, Journal(engine), END)
                engine.dispose()

            def open_checked_and_read_status(url: str = url) -> None:
                engine = open_database(url)
                status.status(kb, Journal(engine), END)
                engine.dispose()

            engine = create(url)
            assert problems(engine) == []
            check = median_time(RUNS, partial(problems, engine))
            engine.dispose()
            baseline = median_time(RUNS, open_and_read_status)
            checked = median_time(RUNS, open_checked_and_read_status)
            label = f"{years} y journal ({size / 2**20:,.0f} MiB)"
            rows += [
                Row(f"quick_check, {label}", check, baseline, "s", "under 0.5 s"),
                Row(f"open + check + status, {label}", checked, baseline, "s", "under 0.6 s"),
            ]
    print("baseline: open the journal without the check and read the status")
    print_table(rows)


if __name__ == "__main__":
    main()
