"""What ``sciatica-coach doctor`` finds about the journal, without changing it: where it is,
its file's size and mode, whether its pages are sound, its schema's version, the backups.

Why apart from opening it: a journal that cannot be opened (a 0-byte file, one that is not a
database) is exactly when the person needs to be told what is there and what to do; and
the doctor never migrates, never makes a missing journal, never writes in one (as
any opening does, it makes the file readable by its owner only).
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
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


@dataclass
class Checkup:
    """What was found; :attr:`trouble` lists what is wrong, in plain words (empty: healthy)."""

    location: str
    exists: bool = True
    size: int | None = None
    mode: int | None = None
    integrity: str = "not checked"
    schema: str | None = None
    backups: list[tuple[Path, int]] = field(default_factory=list)
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
        checkup.mode = stat.S_IMODE(info.st_mode)
        if checkup.mode != PRIVATE_FILE:
            checkup.trouble.append(
                f"the file's mode is {checkup.mode:04o}, not 0600: others may read it"
            )
        if info.st_size == 0:
            checkup.integrity = "empty"
            checkup.trouble.append(empty_file_message(path))
            return checkup
    try:
        engine = create(chosen)
    except StorageError as error:
        checkup.trouble.append(str(error))
        return checkup
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
        checkup.trouble.append(damaged_message(checkup.location, "; ".join(found)))
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


def _backups() -> list[tuple[Path, int]]:
    """The backups kept (:func:`~sciatica_coach.storage.backups.backups`, the one list of
    them), oldest first, with their size."""
    from .backups import backups

    try:
        return [(path, path.stat().st_size) for path in backups()]
    except (OSError, StorageError):
        return []
