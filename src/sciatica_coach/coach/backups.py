"""Backups of the journal: one when asked, one a day while the app is used, one before an
import that writes into a database holding rows; and a restore from one.

Why here: the adapters (CLI, web) reach the database only through the service layer; the
copying itself is :mod:`sciatica_coach.storage.backups`. A journal in PostgreSQL has no file
to copy: :class:`NoFileToCopy` carries the advice to use ``pg_dump`` instead.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import sciatica_coach.storage.backups as stored
from sciatica_coach.storage.backups import NoFileToCopy, Restored
from sciatica_coach.storage.journal import Journal

from .ports import JournalPort

__all__ = [
    "NoFileToCopy",
    "Restored",
    "back_up_before_import",
    "back_up_if_due",
    "back_up_now",
    "check_backup",
    "is_backed_up_daily",
    "kept",
    "restore",
]


def back_up_now(journal: Journal, now: datetime) -> Path:
    """A backup made now, as the person asked; its path."""
    return stored.back_up(journal.engine, now, "asked")


def back_up_if_due(journal: Journal, now: datetime) -> Path | None:
    """The daily backup, if the newest is a day old or there is none; its path, or None.

    None too for a damaged journal (its copy would push a sound backup out of the last few
    kept), checked again first if its last integrity check is old: in a server that has run
    for weeks, this runs in the background (:mod:`sciatica_coach.web.daily_backup`), so the
    pages' notice of damage (:mod:`.journal_health`) is fresh without a page waiting for it.
    Another process deciding at the same moment: None, it makes the backup if it is due."""
    if journal.damage() is not None:
        return None
    return stored.back_up_if_due(journal.engine, now)


def is_backed_up_daily(journal: JournalPort) -> bool:
    """Whether the app backs this journal up once a day: a SQLite file (not PostgreSQL,
    which ``pg_dump`` backs up, nor a database in memory, nor a test's fake)."""
    if not isinstance(journal, Journal):
        return False
    try:
        stored.journal_file(journal.engine)
    except NoFileToCopy:
        return False
    return True


def back_up_before_import(journal: JournalPort, now: datetime) -> None:
    """A backup before an import writes in a shared database; nothing for a journal that is
    not a SQLite file (PostgreSQL, a test's fake). If it cannot be made, the import is not
    done: :class:`StorageError`."""
    if not isinstance(journal, Journal):
        return
    try:
        stored.back_up(journal.engine, now, "import")
    except NoFileToCopy:
        return


def check_backup(journal: Journal, path: Path) -> str:
    """The schema a backup file carries, once it is a whole journal this version can read
    and ``journal`` is a file it can replace; :class:`StorageError` saying why not."""
    stored.journal_file(journal.engine)
    return stored.check_backup(path)


def restore(journal: Journal, path: Path, now: datetime) -> Restored:
    """Replace the whole journal (every account's) with the backup at ``path``, the journal
    as it was kept as a backup first."""
    return stored.restore(journal.engine, path, now)


def kept(journal: Journal) -> list[Path]:
    """The backups kept, oldest first; :class:`NoFileToCopy` for a journal in PostgreSQL."""
    stored.journal_file(journal.engine)
    return stored.backups()
