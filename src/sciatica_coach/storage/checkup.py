"""What ``sciatica-coach doctor`` finds about the journal, without changing it: where it is,
its file's size and mode, whether its pages are sound, its schema's version, the backups
(each checked: a damaged one is marked so).

Why apart from opening it: a journal that cannot be opened (a 0-byte file, one that is not a
database) is exactly when the person needs to be told what is there and what to do; and
the doctor never migrates, never makes a missing journal, never writes in one. The one
change it makes is the one any opening makes: the file is made readable by its owner only.
Its mode is read before that, so the doctor says what it was and that it was fixed (review
M5), rather than a problem that is already gone.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from .database import (
    PRIVATE_FILE,
    SCHEMA_HEAD,
    StorageError,
    create,
    database_url,
    empty_file_message,
    journal_location,
    short,
    sqlite_file,
)
from .integrity import damaged_message, problems


@dataclass(frozen=True)
class BackupFound:
    """One backup kept: its file, size, when it was made (UTC, from its name), why (the
    word its name ends with), and whether it failed a quick integrity check."""

    path: Path
    size: int
    made: datetime | None
    reason: str
    damaged: bool


@dataclass
class Checkup:
    """What was found; :attr:`trouble` lists what is wrong, in plain words (empty: healthy)."""

    location: str
    exists: bool = True
    size: int | None = None
    mode: int | None = None
    mode_was: int | None = None
    """The file's mode before the doctor opened it, when opening made it owner-only."""
    integrity: str = "not checked"
    schema: str | None = None
    backups: list[BackupFound] = field(default_factory=list)
    backups_elsewhere: bool = False
    """A database with no file here (PostgreSQL): backed up with its own tools (pg_dump)."""
    trouble: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.trouble


def check_journal(url: str | None = None) -> Checkup:
    """Examine the journal at ``url`` (default: the person's own) and say what is found."""
    chosen = url or database_url()
    checkup = Checkup(location=journal_location(chosen))
    path = sqlite_file(chosen)
    checkup.backups_elsewhere = path is None
    if path is not None:
        checkup.backups = _backups()
        if not path.exists():
            checkup.exists = False
            return checkup
        info = path.stat()
        checkup.size = info.st_size
        checkup.mode = stat.S_IMODE(info.st_mode)  # before anything opens it
        if info.st_size == 0:
            checkup.integrity = "empty"
            if checkup.mode != PRIVATE_FILE:
                checkup.trouble.append(
                    f"the file's mode is {checkup.mode:04o}, not 0600: others on this "
                    "computer may read it"
                )
            checkup.trouble.append(empty_file_message(path))
            return checkup
    try:
        engine = create(chosen)  # makes the file owner-only, as every opening does
    except StorageError as error:
        checkup.trouble.append(str(error))
        return checkup
    if path is not None:
        _mode_after_opening(path, checkup)
    try:
        _check_database(engine, checkup)
    finally:
        engine.dispose()
    return checkup


def _check_database(engine: Engine, checkup: Checkup) -> None:
    try:
        found = problems(engine)
    except StorageError as error:
        checkup.integrity = "unreadable"
        checkup.trouble.append(str(error))
        return
    if engine.dialect.name != "sqlite":
        checkup.integrity = "not checked here (PostgreSQL checks each page as it reads it)"
    elif found:
        checkup.integrity = "damaged"
        sound_kept = any(not backup.damaged for backup in checkup.backups)
        checkup.trouble.append(damaged_message(checkup.location, found, sound_kept))
    else:
        checkup.integrity = "sound"
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError as error:
        checkup.schema = f"unreadable ({short(error)})"
        return
    checkup.schema = str(rows[0][0]) if len(rows) == 1 else "none"
    if checkup.schema != SCHEMA_HEAD:
        checkup.trouble.append(
            f"the schema is {checkup.schema}, not {SCHEMA_HEAD}: the app brings it up to "
            "date when it next opens the journal (unless it is damaged or newer)"
        )


def _mode_after_opening(path: Path, checkup: Checkup) -> None:
    """The mode now that the file was opened: fixed (said, not a problem), or still loose."""
    before = checkup.mode
    checkup.mode = stat.S_IMODE(path.stat().st_mode)
    if before != checkup.mode and checkup.mode == PRIVATE_FILE:
        checkup.mode_was = before
    elif checkup.mode != PRIVATE_FILE:
        checkup.trouble.append(
            f"the file's mode is {checkup.mode:04o}, not 0600: others on this computer may read it"
        )


def _backups() -> list[BackupFound]:
    """The backups kept (:func:`~sciatica_coach.storage.backups.backups`, the one list of
    them), oldest first, each given a quick integrity check (read-only)."""
    from .backups import backups, made_at, reason_of, sound_file

    try:
        return [
            BackupFound(
                path, path.stat().st_size, made_at(path), reason_of(path), not sound_file(path)
            )
            for path in backups()
        ]
    except (OSError, StorageError):
        return []
