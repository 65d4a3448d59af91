"""Copies of the SQLite journal, made before every risk and once a day, and restored from.

Why: a migration, an import or a restore changes the whole journal at once, and a disk or a
person can damage it; the export is a backup only if someone thinks of making one. So the app
keeps its own: a consistent copy (SQLite's online backup API, which copies one snapshot while
the web app may be writing) into ``backups/`` in the data folder, readable by the owner only,
named with the UTC time it was made (``journal-20261207T093000123456Z-daily.sqlite3``, so the
names sort by age), the newest :data:`KEEP` kept. PostgreSQL is backed up by its own tools
(``pg_dump``); there is no file here to copy.

A copy of a journal that is damaged (the one made before a restore replaces it: it may be
the only copy of what is there) is named ``-damaged`` and kept apart: the newest
:data:`KEEP` of those are kept too, but they never push a sound backup out, and the daily
backup does not count them.

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

from .database import (
    PRIVATE_FILE,
    StorageError,
    data_folder,
    migrate,
    private_folder,
    sqlite_file,
)
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
NAME = re.compile(r"journal-(?P<made>\d{8}T\d{12})Z(-(?P<reason>[a-z]+))?\.sqlite3")
DAMAGED = "damaged"
"""The reason in the name of a copy of a damaged journal (kept apart from the sound ones)."""
SQLITE_HEADER = b"SQLite format 3\x00"
CHOOSE_ANOTHER = (
    ". Choose another: 'sciatica-coach doctor' lists the backups and marks the damaged ones"
)
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
    """The backups kept (sound and damaged copies), oldest first. Only read: a data folder
    without ``backups/`` yet has none, and listing makes no folder."""
    folder = data_folder() / FOLDER_NAME
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if NAME.fullmatch(p.name) and p.is_file())


def sound_backups_kept() -> bool:
    """Whether any backup is kept besides copies of a damaged journal (by their names: a
    damaged journal's message offers a restore only then)."""
    try:
        return any(reason_of(path) != DAMAGED for path in backups())
    except OSError:
        return False


def backups_of(url: str) -> list[Path]:
    """The backups kept for the journal at ``url``, without opening it (it may be a 0-byte
    file or damaged); :class:`NoFileToCopy` for a database that is not a SQLite file."""
    if sqlite_file(url) is None:
        raise NoFileToCopy(PG_DUMP)
    return backups()


def reason_of(path: Path) -> str:
    """The word at the end of a backup's name (``daily``, ``asked``, ``damaged``...)."""
    found = NAME.fullmatch(path.name)
    return found.group("reason") or "" if found is not None else ""


def made_at(path: Path) -> datetime | None:
    """When a backup was made, from its name (UTC); None for a name not ours."""
    found = NAME.fullmatch(path.name)
    if found is None:
        return None
    return datetime.strptime(found.group("made"), "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)


def sound_file(path: Path) -> bool:
    """Whether ``path`` is a SQLite file that passes a quick integrity check; only read
    (opened read-only: never made if it is missing)."""
    try:
        with closing(_connect(path, read_only=True)) as opened:
            return opened.execute("PRAGMA quick_check(1)").fetchall() == [("ok",)]
    except sqlite3.Error:
        return False


def back_up(engine: Engine, now: datetime, reason: str, keeping: Path | None = None) -> Path:
    """Copy the journal now into :func:`backups_folder`; return the copy's path. ``reason``
    (a lowercase word: ``daily``, ``migration``, ``import``, ``restore``, ``asked``) ends
    the name; a journal known to be damaged is named :data:`DAMAGED` instead and kept
    apart. ``keeping`` is never deleted to keep the newest (the file being restored).
    :class:`StorageError` if it cannot be made: the risky change should not go on."""
    damaged = watch(engine).message is not None
    return copy_file(journal_file(engine), now, DAMAGED if damaged else reason, keeping)


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
        kept = [path for path in backups() if reason_of(path) != DAMAGED]
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


def copy_file(source: Path, now: datetime, reason: str, keeping: Path | None = None) -> Path:
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
    _keep_newest(keeping)
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
        with closing(_connect(path, read_only=True)) as opened:
            checked = opened.execute("PRAGMA integrity_check").fetchall()
            if checked != [("ok",)]:
                raise StorageError(f"{path} is damaged: {checked[0][0]}{CHOOSE_ANOTHER}")
            rows = opened.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error as error:
        if "alembic_version" in str(error):
            raise StorageError(f"{path} is not a Sciatica Coach journal") from None
        raise StorageError(
            f"{path} is damaged or cannot be read: {error}{CHOOSE_ANOTHER}"
        ) from None
    if len(rows) != 1:
        raise StorageError(f"{path} does not say which version wrote it")
    revision = str(rows[0][0])
    if revision not in known_revisions():
        raise StorageError(f"{path} was written by a newer version of Sciatica Coach")
    return revision


def restore(engine: Engine, path: Path, now: datetime, kept: Path | None = None) -> Restored:
    """Replace the journal with the backup at ``path``, once :func:`check_backup` accepts it
    and the journal as it is has been backed up (``restore`` in its name, ``damaged`` for a
    damaged one); ``kept`` instead says where it already is (a 0-byte file set aside by
    :func:`set_aside_empty`: there is nothing to back up).

    The copy goes in through SQLite's backup API as one write transaction on the journal: a
    crash or a full disk midway leaves the journal as it was, and an app that has it open
    sees the old journal or the restored one, never a mix (a file renamed over a journal in
    write-ahead mode could be mixed with the old ``-wal`` file).

    Why the backup ``path`` is spared when the newest are kept, and opened read-only: the
    backup made first could otherwise delete the oldest, the very file being restored, and
    SQLite would then make a new, empty file there and restore that (review C2)."""
    target = journal_file(engine)
    _not_the_journal(target, path)
    revision = check_backup(path)
    if kept is None:
        kept = back_up(engine, now, "restore", keeping=path)
    try:
        with (
            closing(_connect(path, read_only=True)) as source,
            closing(_connect(target)) as journal,
        ):
            source.backup(journal)
    except sqlite3.Error as error:
        if not path.exists():
            raise StorageError(
                f"{path} was removed while the journal was being kept as a backup. "
                "Your journal is unchanged"
            ) from None
        raise StorageError(
            f"cannot restore the journal from {path}: {error}. Your journal is unchanged"
        ) from None
    if watch(engine).message is None:
        migrate(engine)  # a backup from before an upgrade comes up to date, backed up first
    # else: this process holds the journal as damaged and read-only; the next one to open
    # it finds it sound and brings it up to date.
    return Restored(kept, revision)


def check_restorable(url: str, path: Path) -> str:
    """:func:`check_backup` for a restore into the journal at ``url``, which is not opened
    (it may be a 0-byte file); the journal itself is refused as its own backup, and
    :class:`NoFileToCopy` says what to do for a database that is not a SQLite file."""
    target = sqlite_file(url)
    if target is None:
        raise NoFileToCopy(PG_DUMP)
    _not_the_journal(target, path)
    return check_backup(path)


def _not_the_journal(target: Path, path: Path) -> None:
    if path.exists() and target.exists() and os.path.samefile(path, target):
        raise StorageError(f"{path} is your journal itself, not a backup of it")


def empty_journal(url: str) -> Path | None:
    """The journal's file at ``url`` if it is there and holds 0 bytes (see
    :func:`~.database.empty_file_message`), else None."""
    path = sqlite_file(url)
    try:
        return path if path is not None and path.stat().st_size == 0 else None
    except FileNotFoundError:
        return None


def restore_over_empty(target: Path, path: Path, now: datetime) -> Restored:
    """Put the backup at ``path`` in place of the 0-byte journal file ``target``, which is
    kept beside it as ``<name>.empty-<UTC>`` (:attr:`Restored.kept`): the way out of an
    empty journal file, which nothing else opens (review C3). There is nothing in it to
    back up. The backup is copied to a new file beside the journal first, then linked into
    the journal's name only if that name is still free; on any failure the empty file is
    back as it was. The next opening brings the journal up to date."""
    revision = check_backup(path)
    temporary = target.with_name(f".{target.name}.{now.astimezone(UTC):%Y%m%dT%H%M%S%f}.restoring")
    aside = target.with_name(f"{target.name}.empty-{now.astimezone(UTC):%Y%m%dT%H%M%S%f}Z")
    try:
        with (
            closing(_connect(path, read_only=True)) as source,
            closing(_connect(temporary)) as copy,
        ):
            source.backup(copy)
        os.chmod(temporary, PRIVATE_FILE)
        _sync(temporary)
        os.rename(target, aside)
        for end in ("-wal", "-shm"):  # a leftover log would be replayed into the new file
            with suppress(FileNotFoundError):
                os.rename(f"{target}{end}", f"{aside}{end}")
        try:
            os.link(temporary, target)
        except OSError:
            os.rename(aside, target)
            raise
        _sync(target.parent)
    except (sqlite3.Error, OSError) as error:
        gone = "" if path.exists() else f": {path} was removed meanwhile"
        raise StorageError(
            f"cannot restore the journal from {path}{gone or f': {error}'}. "
            "Your journal is unchanged"
        ) from None
    finally:
        for leftover in (temporary, *(Path(f"{temporary}{end}") for end in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
    return Restored(aside, revision)


def _connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """A connection to ``path``; ``read_only`` opens an existing file only, never making one
    (a plain ``sqlite3.connect`` makes a missing file, empty)."""
    where: str | Path = f"{path.resolve().as_uri()}?mode=ro" if read_only else path
    connection = sqlite3.connect(
        where, timeout=BUSY_MILLISECONDS / 1000, isolation_level=None, uri=read_only
    )
    connection.execute(f"PRAGMA busy_timeout={BUSY_MILLISECONDS}")
    return connection


def _keep_newest(keeping: Path | None = None) -> None:
    """Delete all but the newest :data:`KEEP` sound backups, and apart from them all but
    the newest :data:`KEEP` copies of damaged journals (only files named as ours), never
    ``keeping``."""
    spared = None if keeping is None else keeping.resolve()
    kept = [path for path in backups() if path.resolve() != spared]
    for damaged in (False, True):
        group = [path for path in kept if (reason_of(path) == DAMAGED) == damaged]
        for old in group[:-KEEP]:
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
