"""Copies of the SQLite journal, made before every risk and once a day, and restored from.

Why: a migration, an import or a restore changes the whole journal at once, and a disk or a
person can damage it; the export is a backup only if someone thinks of making one. So the app
keeps its own: a consistent copy (SQLite's online backup API, which copies one snapshot while
the web app may be writing) into ``backups/`` in the data folder, readable by the owner only,
named with the UTC time it was made (``journal-20261207T093000123456Z-daily.sqlite3``, so the
names sort by age), the newest :data:`KEEP` kept. PostgreSQL is backed up by its own tools
(``pg_dump``); there is no file here to copy.

Why the backup API rather than ``VACUUM INTO``: ``bench/bench_backup.py`` measures both on
ten years of journal (175 MiB): 1.06 s against 1.32 s for ``VACUUM INTO`` (a plain file copy,
not consistent, 0.2 s), on a loaded machine; the backup API copies pages as they are, where
``VACUUM INTO`` rebuilds every table and index.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from .database import PRIVATE_FILE, StorageError, data_folder, migrate, private_folder
from .integrity import watch

FOLDER_NAME = "backups"
KEEP = 7
"""Backups kept: a week of daily ones, or the last few risky changes."""
DAILY = timedelta(hours=24)
"""A journal in use is backed up when its newest backup is older than this."""
DAILY_LOCK = ".daily.lock"
"""The file in the backups folder whose lock decides who makes the daily backup."""
BUSY_MILLISECONDS = 30_000
"""How long a backup or restore waits for a writer (the web app) to finish."""
NAME = re.compile(r"journal-\d{8}T\d{12}Z(-[a-z]+)?\.sqlite3")
SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP = (
    "a journal in PostgreSQL is backed up with PostgreSQL's own tools, not by this app: "
    "pg_dump --format=custom --file=journal.dump DATABASE_URL, and restored with pg_restore"
)


class NoFileToCopy(StorageError):
    """The journal is not a SQLite file (PostgreSQL, or in memory): :data:`PG_DUMP` says what
    to do instead."""


@dataclass(frozen=True)
class Restored:
    """What a restore did: where the journal it replaced was kept, and which schema the
    restored file carried (the journal is then brought up to date)."""

    kept: Path
    revision: str


def journal_file(engine: Engine) -> Path:
    """The SQLite file behind ``engine``; :class:`NoFileToCopy` for any other database."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        raise NoFileToCopy(PG_DUMP)
    if database.startswith("file:"):
        raise NoFileToCopy("a journal opened by a file: address is not backed up here")
    return Path(database)


def backups_folder() -> Path:
    """``backups/`` in the data folder, for the owner only."""
    folder = data_folder() / FOLDER_NAME
    try:
        private_folder(folder, ours=True)
    except OSError as error:
        raise StorageError(f"cannot create the folder {folder}: {error.strerror}") from None
    return folder


def backups() -> list[Path]:
    """The backups kept, oldest first."""
    folder = backups_folder()
    return sorted(p for p in folder.iterdir() if NAME.fullmatch(p.name) and p.is_file())


def back_up(engine: Engine, now: datetime, reason: str) -> Path:
    """Copy the journal now into :func:`backups_folder`; return the copy's path. ``reason``
    (a lowercase word: ``daily``, ``migration``, ``import``, ``restore``, ``asked``) ends
    the name. :class:`StorageError` if it cannot be made: the risky change should not go on."""
    return copy_file(journal_file(engine), now, reason)


def back_up_if_due(engine: Engine, now: datetime) -> Path | None:
    """The daily backup: made if the newest is older than :data:`DAILY` (by its file time),
    or there is none; None if none was due, the journal is not a SQLite file, or it is
    damaged (its copy would push a sound backup out of the last 7)."""
    try:
        source = journal_file(engine)
    except NoFileToCopy:
        return None
    if watch(engine).message is not None:
        return None
    with _deciding_alone() as alone:
        if not alone:
            return None  # another process is deciding, and copying if it is due
        kept = backups()
        if kept:
            newest = datetime.fromtimestamp(kept[-1].stat().st_mtime, UTC)
            if now - newest < DAILY:
                return None
        return copy_file(source, now, "daily")


@contextmanager
def _deciding_alone() -> Iterator[bool]:
    """Whether this process (or thread) alone holds :data:`DAILY_LOCK`, until the block ends.

    Why: the web app's workers, and a command run beside them, each check whether the daily
    backup is due; two that read the newest at once would both copy (a second of reading a
    large journal, and one good backup pushed out of the last few kept). Whoever finds the
    lock taken goes on without a backup: the holder makes it if it is due. An exclusive
    ``flock`` on a file in the backups folder is let go when its holder exits, even killed;
    Windows has no ``flock``, and there the check is unguarded (one person, one process)."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield True
        return
    lock = backups_folder() / DAILY_LOCK
    try:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    except OSError as error:
        raise StorageError(f"cannot open the lock file {lock}: {error.strerror}") from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(descriptor)  # and with it the lock


def copy_file(source: Path, now: datetime, reason: str) -> Path:
    """A consistent copy of the SQLite file ``source``, made as :func:`back_up` says."""
    folder = backups_folder()
    target = folder / f"journal-{now.astimezone(UTC):%Y%m%dT%H%M%S%f}Z-{reason}.sqlite3"
    try:
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".journal-", suffix=".part")
        os.close(descriptor)
    except OSError as error:
        raise StorageError(f"cannot back up the journal into {folder}: {error.strerror}") from None
    try:
        with closing(_connect(source)) as reading, closing(_connect(Path(temporary))) as copy:
            reading.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        _sync(Path(temporary))
        os.chmod(temporary, PRIVATE_FILE)
        os.replace(temporary, target)
        _sync(folder)
    except (sqlite3.Error, OSError) as error:
        raise StorageError(f"cannot back up the journal into {folder}: {error}") from None
    finally:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
    _keep_newest()
    return target


def check_backup(path: Path) -> str:
    """The schema revision a backup file carries, once it is shown to be a whole SQLite
    journal of a schema this version knows (:func:`known_revisions`); :class:`StorageError`
    saying what is wrong otherwise. The file is only read."""
    if not path.is_file():
        raise StorageError(f"{path} is not a file")
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StorageError(f"cannot read {path}: {error.strerror}") from None
    if header != SQLITE_HEADER:
        raise StorageError(f"{path} is not a SQLite database (a journal backup is one)")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as opened:
            checked = opened.execute("PRAGMA integrity_check").fetchall()
            if checked != [("ok",)]:
                raise StorageError(f"{path} is damaged: {checked[0][0]}")
            rows = opened.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error as error:
        if "alembic_version" in str(error):
            raise StorageError(f"{path} is not a Sciatica Coach journal") from None
        raise StorageError(f"{path} is damaged or cannot be read: {error}") from None
    if len(rows) != 1:
        raise StorageError(f"{path} does not say which version wrote it")
    revision = str(rows[0][0])
    if revision not in known_revisions():
        raise StorageError(f"{path} was written by a newer version of Sciatica Coach")
    return revision


def restore(engine: Engine, path: Path, now: datetime) -> Restored:
    """Replace the journal with the backup at ``path``, once :func:`check_backup` accepts it
    and the journal as it is has been backed up (``restore`` in its name).

    The copy goes in through SQLite's backup API as one write transaction on the journal: a
    crash or a full disk midway leaves the journal as it was, and an app that has it open
    sees the old journal or the restored one, never a mix (a file renamed over a journal in
    write-ahead mode could be mixed with the old ``-wal`` file)."""
    target = journal_file(engine)
    revision = check_backup(path)
    kept = back_up(engine, now, "restore")
    try:
        with closing(_connect(path)) as source, closing(_connect(target)) as journal:
            source.backup(journal)
    except sqlite3.Error as error:
        raise StorageError(
            f"cannot restore the journal from {path}: {error}; it is as it was"
        ) from None
    migrate(engine)  # a backup from before an upgrade comes up to date, backed up first
    return Restored(kept, revision)


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=BUSY_MILLISECONDS / 1000, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout={BUSY_MILLISECONDS}")
    return connection


def _keep_newest() -> None:
    """Delete all but the newest :data:`KEEP` backups (only files named as ours)."""
    for old in backups()[:-KEEP]:
        with suppress(FileNotFoundError):
            old.unlink()


def _sync(path: Path) -> None:
    """On the disk before it is relied on; a folder some systems cannot open: as it is."""
    with suppress(IsADirectoryError, PermissionError):
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def known_revisions() -> set[str]:
    """Every schema revision this version's migrations know: a backup carrying one of them
    can be restored (and is then brought up to date)."""
    from alembic.script import ScriptDirectory

    from .database import alembic_config

    scripts = ScriptDirectory.from_config(alembic_config())
    return {script.revision for script in scripts.walk_revisions()}
