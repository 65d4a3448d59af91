"""A process killed mid-write loses nothing it was told was saved (SQLite, WAL, synchronous)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sciatica_coach.storage import Journal, open_database

WRITER = """
import sys
from datetime import UTC, datetime, timedelta
from sciatica_coach.storage import Journal, open_database

journal = Journal(open_database(sys.argv[1]))
start = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)  # the tests' moment, never the real clock
for i in range(1_000_000):
    new_id = journal.add_pain(start + timedelta(seconds=i), i % 11, note="entry %d" % i)
    print(new_id, flush=True)
"""


def test_every_id_printed_after_commit_survives_sigkill(tmp_path: Path) -> None:
    url = f"sqlite+pysqlite:///{tmp_path / 'crash.sqlite3'}"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, url], stdout=subprocess.PIPE, text=True, bufsize=1
    )
    assert writer.stdout is not None
    printed: list[int] = []
    deadline = time.monotonic() + 60
    try:
        while len(printed) < 200 and time.monotonic() < deadline:
            line = writer.stdout.readline()
            if not line:
                break
            printed.append(int(line))
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
    printed += [int(line) for line in writer.stdout.read().split()]
    assert writer.returncode == -signal.SIGKILL
    assert len(printed) >= 50, "the writer did not get going"
    journal = Journal(open_database(url))
    assert journal.integrity_ok()
    stored = {entry.id for entry in journal.pain_entries()}
    assert set(printed) <= stored
    assert len(stored) - len(printed) <= 1
