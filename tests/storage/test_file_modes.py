"""Health data on disk is the owner's alone: the data folder 0700, the journal and its WAL
files 0600, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sciatica_coach.coach.setup import open_journal
from sciatica_coach.storage.database import database_url


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_data_folder_and_journal_are_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_umask: None
) -> None:
    home = tmp_path / "data" / "coach"
    monkeypatch.setenv("SCIATICA_COACH_HOME", str(home))
    monkeypatch.delenv("SCIATICA_COACH_DATABASE_URL", raising=False)
    journal = open_journal(database_url())
    journal.add_pain(datetime(2026, 3, 2, 9, tzinfo=UTC), 4)
    assert mode(home) == 0o700
    files = sorted(home.iterdir())
    assert files, "the journal was written"
    for file in files:
        assert mode(file) == 0o600, file


def test_an_existing_journal_file_is_tightened(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "old.sqlite3"
    open_journal(f"sqlite+pysqlite:///{path}").engine.dispose()
    path.chmod(0o644)  # a journal left readable by another version or by hand
    open_journal(f"sqlite+pysqlite:///{path}")
    assert mode(path) == 0o600


def test_a_folder_the_person_chose_is_not_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_umask: None
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    monkeypatch.setenv("SCIATICA_COACH_HOME", str(shared))
    database_url()
    assert mode(shared) == 0o755
