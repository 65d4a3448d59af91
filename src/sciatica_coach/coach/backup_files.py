"""Backups reached without opening the journal: listed, checked, and restored over a journal
file of 0 bytes, which cannot be opened at all.

Why apart from :mod:`.backups`: that module works on an opened journal; an empty journal
file is refused by every opening (see ``sciatica-coach doctor``), and putting a backup back
is exactly the way out of it (review C3), as listing the backups is the way to choose one.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import sciatica_coach.storage.backups as stored
from sciatica_coach.storage.backups import Restored

from .setup import Journal, StorageError, accounts_of, database_url


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
