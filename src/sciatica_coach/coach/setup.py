"""Opening the person's journal: the one place the service layer meets the database.

Adapters call :func:`open_journal` (the default journal, or a ``database_url``) and hand the
result to every use case; nothing else outside :mod:`sciatica_coach.storage` opens a database.
"""

from __future__ import annotations

from sciatica_coach.storage import Journal, StorageError, database_url, open_database
from sciatica_coach.storage.accounts import Accounts
from sciatica_coach.storage.checkup import Checkup, check_journal
from sciatica_coach.storage.database import URL_VARIABLE, data_folder, journal_location
from sciatica_coach.storage.integrity import DamagedRead, JournalDamaged

from .zone import in_local_zone, local_now

ACCOUNTS_VARIABLE = "SCIATICA_COACH_ACCOUNTS"
"""``on`` for account mode: a sign-in for every journal (``serve --accounts`` sets it)."""
ALLOWED_HOSTS_VARIABLE = "SCIATICA_COACH_ALLOWED_HOSTS"
"""Host names the web app answers besides this computer's own, separated by commas."""
LAN_CA_VARIABLE = "SCIATICA_COACH_LAN_CA"
"""The local certificate authority's certificate, set by ``serve --lan`` so ``/lan/ca.crt``
can offer it to a phone (unset otherwise: the page then has none to give)."""
SIGNUP_VARIABLE = "SCIATICA_COACH_SIGNUP"
"""``off`` closes sign-up (``serve --no-signup``): accounts are made by whoever runs the app,
with ``sciatica-coach users add NAME``, as invitations."""

__all__ = [
    "ACCOUNTS_VARIABLE",
    "ALLOWED_HOSTS_VARIABLE",
    "LAN_CA_VARIABLE",
    "SIGNUP_VARIABLE",
    "URL_VARIABLE",
    "Accounts",
    "Checkup",
    "DamagedRead",
    "Journal",
    "JournalDamaged",
    "StorageError",
    "accounts_of",
    "check_journal",
    "data_folder",
    "database_url",
    "in_local_zone",
    "journal_location",
    "local_now",
    "open_journal",
]


def open_journal(url: str | None = None) -> Journal:
    """The journal at ``url`` (default: ``$SCIATICA_COACH_DATABASE_URL`` or the user data
    folder), migrated to the newest schema; :class:`StorageError` if it cannot be opened.

    Its integrity is checked as it opens, once per process: a damaged journal is opened
    read-only (:func:`.journal_health.journal_damage` says why; every write raises
    :class:`JournalDamaged` with the same words), and a 0-byte file where the journal
    should be is refused."""
    return Journal(open_database(url))


def accounts_of(journal: Journal) -> Accounts:
    """The accounts kept in the same database as ``journal``."""
    return Accounts(journal.engine)
