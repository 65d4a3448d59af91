"""Backups of a SQLite journal (review L-5): consistent copies in ``backups/`` in the data
folder, owner only, named by UTC time, the newest 7 kept; made before a migration and once a
day; and a restore that checks the file and keeps the journal it replaces."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sciatica_coach.storage import Journal, open_database
from sciatica_coach.storage.backups import (
    KEEP,
    NoFileToCopy,
    back_up,
    back_up_if_due,
    backups,
    check_backup,
    restore,
)
from sciatica_coach.storage.database import SCHEMA_HEAD, StorageError, create, migrate

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    opened = open_database(f"sqlite+pysqlite:///{tmp_path / 'journal.sqlite3'}")
    yield opened
    opened.dispose()


def pains(path: Path) -> list[int]:
    with sqlite3.connect(path) as copy:
        return [row[0] for row in copy.execute("SELECT now FROM pain_entries ORDER BY id")]


def revision(path: Path) -> str:
    with sqlite3.connect(path) as copy:
        return str(copy.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def test_a_backup_is_a_whole_copy_for_the_owner_only_named_by_utc_time(
    engine: Engine, isolated_home: Path
) -> None:
    Journal(engine).add_pain(NOW, 4)
    in_paris = NOW.astimezone(timezone(timedelta(hours=1)))
    path = back_up(engine, in_paris, "asked")
    assert path == isolated_home / "backups" / "journal-20260301T120000000000Z-asked.sqlite3"
    assert pains(path) == [4]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no part left


def test_the_newest_seven_are_kept_and_nothing_else_is_touched(engine: Engine) -> None:
    made = [back_up(engine, NOW + timedelta(hours=hour), "daily") for hour in range(KEEP + 2)]
    other = made[0].parent / "notes.txt"
    other.write_text("mine")
    assert backups() == made[2:]
    assert other.read_text() == "mine"


def test_the_daily_backup_is_made_when_the_newest_is_a_day_old(engine: Engine) -> None:
    first = back_up_if_due(engine, NOW)
    assert first is not None
    os.utime(first, (NOW.timestamp(), NOW.timestamp()))  # its file time, as if made at NOW
    assert back_up_if_due(engine, NOW + timedelta(hours=23)) is None
    assert back_up_if_due(engine, NOW + timedelta(hours=25)) is not None
    assert len(backups()) == 2


def test_a_journal_is_backed_up_before_its_schema_is_upgraded(tmp_path: Path) -> None:
    url = f"sqlite+pysqlite:///{tmp_path / 'journal.sqlite3'}"
    old = create(url)
    migrate(old, "0005_weekly_goals")
    with old.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO pain_entries (recorded_at, day, now, user_id) "
            "VALUES ('2026-02-01 10:00:00', '2026-02-01', 6, 1)"
        )
    old.dispose()
    open_database(url).dispose()
    [kept] = backups()
    assert kept.name.endswith("-migration.sqlite3")
    assert revision(kept) == "0005_weekly_goals"
    assert pains(kept) == [6]


def test_a_new_journal_is_not_backed_up_when_it_is_made(isolated_home: Path) -> None:
    open_database(f"sqlite+pysqlite:///{isolated_home.parent / 'new.sqlite3'}").dispose()
    assert not (isolated_home / "backups").exists() or backups() == []


def test_a_restore_puts_the_backup_back_and_keeps_the_journal_it_replaces(
    engine: Engine,
) -> None:
    journal = Journal(engine)
    journal.add_pain(NOW, 3)
    saved = back_up(engine, NOW, "asked")
    journal.add_pain(NOW + timedelta(minutes=5), 8)
    restored = restore(engine, saved, NOW + timedelta(hours=1))
    assert [p.now for p in journal.pain_entries()] == [3]
    assert restored.kept.name.endswith("-restore.sqlite3")
    assert pains(restored.kept) == [3, 8]


def test_a_backup_from_an_older_schema_is_restored_and_brought_up_to_date(
    engine: Engine, tmp_path: Path
) -> None:
    older = tmp_path / "older.sqlite3"
    old = create(f"sqlite+pysqlite:///{older}")
    migrate(old, "0005_weekly_goals")
    old.dispose()
    assert restore(engine, older, NOW).revision == "0005_weekly_goals"
    with engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert stored == SCHEMA_HEAD


def a_journal_then(tmp_path: Path, change: str) -> Path:
    path = tmp_path / "candidate.sqlite3"
    opened = open_database(f"sqlite+pysqlite:///{path}")
    Journal(opened).add_pain(NOW, 5)
    opened.dispose()
    with sqlite3.connect(path) as changing:
        changing.execute("PRAGMA journal_mode=DELETE")
        if change:
            changing.execute(change)
    return path


def damaged(tmp_path: Path) -> Path:
    path = a_journal_then(tmp_path, "")
    with path.open("r+b") as file:
        file.seek(4096 * 3)
        file.write(b"\xff" * 4096)
    return path


@pytest.mark.parametrize(
    ("candidate", "says"),
    [
        (lambda tmp: tmp / "missing.sqlite3", "is not a file"),
        (lambda tmp: (tmp / "a.json").write_text("{}") and tmp / "a.json", "not a SQLite"),
        (damaged, "damaged"),
        (lambda tmp: a_journal_then(tmp, "DROP TABLE alembic_version"), "not a Sciatica Coach"),
        (
            lambda tmp: a_journal_then(tmp, "UPDATE alembic_version SET version_num='0099_x'"),
            "newer version",
        ),
    ],
    ids=["missing", "not sqlite", "damaged", "not a journal", "newer"],
)
def test_a_file_that_is_not_a_good_backup_is_refused_and_nothing_changes(
    engine: Engine, tmp_path: Path, candidate: object, says: str
) -> None:
    Journal(engine).add_pain(NOW, 2)
    path = candidate(tmp_path)  # type: ignore[operator]
    with pytest.raises(StorageError, match=says):
        check_backup(path)
    with pytest.raises(StorageError, match=says):
        restore(engine, path, NOW)
    assert [p.now for p in Journal(engine).pain_entries()] == [2]
    assert backups() == []  # refused before anything was copied


def test_a_journal_in_postgresql_has_no_file_to_copy_and_says_pg_dump() -> None:
    engine = create("postgresql+psycopg://someone@127.0.0.1:1/journal")  # never connected
    with pytest.raises(NoFileToCopy, match="pg_dump"):
        back_up(engine, NOW, "asked")
    assert back_up_if_due(engine, NOW) is None


def test_a_damaged_journal_gets_no_daily_backup(tmp_path: Path) -> None:
    """A copy of a damaged journal would push a sound one out of the last 7."""
    from tests.storage.damage import filled_journal, overwrite_page, pages, url_of

    path = tmp_path / "journal.sqlite3"
    filled_journal(path)
    overwrite_page(path, pages(path, "pain_entries")[len(pages(path, "pain_entries")) // 2])
    damaged = open_database(url_of(path))
    try:
        assert back_up_if_due(damaged, NOW) is None
        assert backups() == []
    finally:
        damaged.dispose()


def test_restoring_the_oldest_backup_kept_restores_it_not_an_empty_file(engine: Engine) -> None:
    """Review C2: the backup made before the restore used to delete the oldest backup, the
    very file being restored, and SQLite then made an empty one there and restored that."""
    journal = Journal(engine)
    journal.add_pain(NOW, 3)
    made = [back_up(engine, NOW + timedelta(hours=hour), "daily") for hour in range(KEEP)]
    journal.add_pain(NOW + timedelta(days=1), 8)
    restored = restore(engine, made[0], NOW + timedelta(days=1, hours=1))
    assert [p.now for p in journal.pain_entries()] == [3]
    assert pains(restored.kept) == [3, 8]
    assert stat.S_IMODE(made[0].stat().st_mode) == 0o600  # the backup itself, not a new file


def test_a_backup_removed_before_it_is_copied_restores_nothing(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the file goes while the journal is being backed up (another process keeping the
    newest 7), nothing is restored and nothing is made in its place."""
    import sciatica_coach.storage.backups as stored

    journal = Journal(engine)
    journal.add_pain(NOW, 3)
    saved = back_up(engine, NOW, "asked")
    journal.add_pain(NOW + timedelta(minutes=5), 8)
    real = stored.back_up

    def back_up_then_lose_it(*args: object, **options: object) -> Path:
        kept = real(*args, **options)  # type: ignore[arg-type]
        saved.unlink()
        return kept

    monkeypatch.setattr(stored, "back_up", back_up_then_lose_it)
    with pytest.raises(StorageError, match=r"was removed .* Your journal is unchanged"):
        restore(engine, saved, NOW + timedelta(hours=1))
    assert [p.now for p in journal.pain_entries()] == [3, 8]
    assert not saved.exists()


def test_the_journal_is_not_restored_onto_itself(engine: Engine) -> None:
    Journal(engine).add_pain(NOW, 3)
    with pytest.raises(StorageError, match="is your journal itself"):
        restore(engine, Path(str(engine.url.database)), NOW)
    assert backups() == []


def test_copies_of_a_damaged_journal_are_kept_apart_and_push_no_sound_one_out(
    engine: Engine, tmp_path: Path
) -> None:
    """Review M1: the backup before restoring a damaged journal is still made (it may be the
    only copy of what is there), named ``damaged``, and the 7 sound ones all stay."""
    from tests.storage.damage import filled_journal, overwrite_page, pages, url_of

    sound = [back_up(engine, NOW + timedelta(hours=hour), "daily") for hour in range(KEEP)]
    path = tmp_path / "damaged.sqlite3"
    filled_journal(path)
    overwrite_page(path, pages(path, "pain_entries")[len(pages(path, "pain_entries")) // 2])
    damaged = open_database(url_of(path))
    try:
        copy = back_up(damaged, NOW + timedelta(days=1), "restore")
    finally:
        damaged.dispose()
    assert copy.name.endswith("-damaged.sqlite3")
    assert backups() == [*sound, copy]


def test_a_0_byte_journal_is_restored_over_and_its_leftover_log_is_not_replayed(
    engine: Engine, tmp_path: Path
) -> None:
    """Review C3: restore is the way out of a 0-byte journal file, kept aside. A ``-wal``
    left beside it (a crash) goes aside with it, kept with the file it belongs to and never
    offered to the new one (SQLite ignored this one anyway; the move does not rely on it)."""
    from sciatica_coach.storage.backups import restore_over_empty

    Journal(engine).add_pain(NOW, 3)
    saved = back_up(engine, NOW, "asked")
    engine.dispose()
    path = Path(str(engine.url.database))
    with closing(sqlite3.connect(path)) as writing:  # frames left in the -wal, not copied back
        writing.execute("PRAGMA wal_autocheckpoint=0")
        writing.execute("UPDATE pain_entries SET now = 9")
        stale = Path(f"{path}-wal").read_bytes()
    path.write_bytes(b"")
    Path(f"{path}-wal").write_bytes(stale)
    restored = restore_over_empty(path, saved, NOW + timedelta(hours=1))
    assert restored.kept.name.startswith("journal.sqlite3.empty-")
    assert restored.kept.stat().st_size == 0
    assert Path(f"{restored.kept}-wal").read_bytes() == stale
    reopened = open_database(f"sqlite+pysqlite:///{path}")  # in WAL mode, as the app is
    try:
        assert Journal(reopened).damage() is None
        assert [p.now for p in Journal(reopened).pain_entries()] == [3]
    finally:
        reopened.dispose()
