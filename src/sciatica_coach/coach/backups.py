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
from .setup import StorageError, accounts_of, database_url

__all__ = [
    "NoFileToCopy",
    "Restored",
    "back_up_before_import",
    "back_up_if_due",
    "back_up_now",
    "check_backup",
    "check_backup_file",
    "empty_journal",
    "has_accounts",
    "is_backed_up_daily",
    "kept",
    "listed",
    "restore",
    "restore_over_empty",
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


# Reached without opening the journal: an empty journal file is refused by every opening
# (see ``sciatica-coach doctor``), and putting a backup back is exactly the way out of it
# (review C3), as listing the backups is the way to choose one.


def listed() -> list[Path]:
    """The backups kept, oldest first, whatever state the journal is in; :class:`NoFileToCopy`
    for a journal in PostgreSQL."""
    return stored.backups_of(database_url())


def empty_journal() -> Path | None:
    """The journal's file if it is there and holds 0 bytes, else None."""
    return stored.empty_journal(database_url())


def check_backup_file(path: Path) -> str:
    """The schema a backup carries once it is a whole journal this version can read and
    not the journal itself; :class:`StorageError` saying why not (:class:`NoFileToCopy`
    for a journal in PostgreSQL). The journal is not opened: it may be a 0-byte file."""
    return stored.check_restorable(database_url(), path)


def restore_over_empty(empty: Path, path: Path, now: datetime) -> Restored:
    """The backup at ``path`` put in place of the 0-byte journal file ``empty``, which is
    kept aside (:attr:`Restored.kept`)."""
    return stored.restore_over_empty(empty, path, now)


def has_accounts(journal: Journal) -> bool:
    """Whether the database holds accounts (a restore replaces every account's journal);
    True when they cannot be read, so that the warning is given rather than missed."""
    try:
        return any(user.password_hash is not None for user in accounts_of(journal).users())
    except StorageError:  # a damaged journal: warn rather than fail here
        return True
