"""Who makes the daily backup when several processes check at once (the web app's workers, a
command run beside them): the one holding the lock file in the backups folder; the others
go on without a copy, and none is made twice."""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sciatica_coach.storage import Journal, open_database
from sciatica_coach.storage.backups import DAILY_LOCK, back_up_if_due, backups, backups_folder

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
JOIN_SECONDS = 30


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    opened = open_database(f"sqlite+pysqlite:///{tmp_path / 'journal.sqlite3'}")
    Journal(opened).add_pain(NOW, 4)
    yield opened
    opened.dispose()


def test_while_another_process_holds_the_lock_no_copy_is_made(engine: Engine) -> None:
    held = os.open(backups_folder() / DAILY_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert back_up_if_due(engine, NOW) is None
        assert backups() == []
    finally:
        os.close(held)
    assert back_up_if_due(engine, NOW) is not None
    assert len(backups()) == 1
    assert (backups_folder() / DAILY_LOCK).stat().st_mode & 0o777 == 0o600


def test_checks_at_once_make_one_backup(engine: Engine) -> None:
    gate = threading.Barrier(6)
    made: list[Path | None] = []

    def check() -> None:
        gate.wait(JOIN_SECONDS)
        made.append(back_up_if_due(engine, NOW))

    checking = [threading.Thread(target=check) for _ in range(6)]
    for thread in checking:
        thread.start()
    for thread in checking:
        thread.join(JOIN_SECONDS)
    assert len(made) == 6
    assert len([path for path in made if path is not None]) == 1
    assert len(backups()) == 1
