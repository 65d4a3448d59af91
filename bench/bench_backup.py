"""Backing up a ten-year journal: SQLite's online backup API against ``VACUUM INTO``, each
against a plain file copy (the baseline) measured in the same run.

Run: ``.venv/bin/python -m bench.bench_backup``. Builds a ten-year journal with
:mod:`bench.journal_fixture` in a temporary folder and times, as the median of a few runs:
``shutil.copyfile`` (not consistent while someone writes: the baseline only), what
:func:`sciatica_coach.storage.backups.copy_file` does (the backup API, then the copy made a
one-file journal), and ``VACUUM INTO``. It asserts nothing about time.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from bench.journal_fixture import journals
from bench.timing import median_time
from sciatica_coach.storage import backups

RUNS = 3


def backup_api(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as reading, closing(sqlite3.connect(target)) as copy:
        reading.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")


def vacuum_into(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as reading:
        reading.execute("VACUUM INTO ?", (str(target),))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SCIATICA_COACH_HOME"] = folder
        url = journals(Path(folder), (10,))[10]
        source = Path(url.removeprefix("sqlite+pysqlite:///"))
        target = Path(folder) / "copy.sqlite3"

        def fresh(work: object) -> object:
            def run() -> None:
                target.unlink(missing_ok=True)
                work(source, target)  # type: ignore[operator]

            return run

        baseline = median_time(RUNS, fresh(shutil.copyfile))  # type: ignore[arg-type]
        api = median_time(RUNS, fresh(backup_api))  # type: ignore[arg-type]
        vacuum = median_time(RUNS, fresh(vacuum_into))  # type: ignore[arg-type]
        engine_free = median_time(
            RUNS, lambda: backups.copy_file(source, datetime.now(UTC), "bench")
        )
        size = source.stat().st_size / 2**20
        print(f"ten-year journal: {size:.0f} MiB")
        print(f"file copy (baseline)   {baseline * 1000:8.0f} ms   1.00x")
        print(f"backup API             {api * 1000:8.0f} ms   {api / baseline:.2f}x")
        print(f"VACUUM INTO            {vacuum * 1000:8.0f} ms   {vacuum / baseline:.2f}x")
        print(
            f"backups.copy_file      {engine_free * 1000:8.0f} ms   "
            f"{engine_free / baseline:.2f}x  (backup API + fsync + rename + keep 7)"
        )


if __name__ == "__main__":
    main()
