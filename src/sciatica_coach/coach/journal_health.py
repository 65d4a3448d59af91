"""Whether the journal is known to be damaged, for a notice on every page of the web app.

Why "known" and not checked here: the integrity check reads the whole file (0.15 to 0.4 s on
ten years of journal, see :mod:`sciatica_coach.storage.integrity`), and a page must never
wait for it: the Learn pages are answered on the server's event loop, where it would hold
up every request of that worker. The journal's :class:`~sciatica_coach.storage.integrity.Watch`
is checked when the app opens the journal, before a write when its last check is five
minutes old, by ``/api/health``, and in the background by the web app's hourly backup check;
every page shows what the last of these found.
"""

from __future__ import annotations

from sciatica_coach.storage.integrity import watch
from sciatica_coach.storage.journal import Journal

from .ports import JournalPort


def known_damage(journal: JournalPort) -> str | None:
    """Why the journal is damaged and read-only, with how to recover, as its last integrity
    check found; None while it is sound, or when it is not a database journal (a test's
    fake). Reads nothing: see the module's docstring."""
    if not isinstance(journal, Journal):
        return None
    return watch(journal.engine).message


def journal_damage(journal: object) -> str | None:
    """Why ``journal`` is damaged and read-only, with how to recover; None while it is
    sound (or is not a database journal, as in some tests). Unlike :func:`known_damage`,
    checked again first when the last check is old: for a command that opens the journal,
    ``/api/health`` and a backup, which may take the time."""
    return journal.damage() if isinstance(journal, Journal) else None


def is_damaged(journal: JournalPort) -> bool:
    """Whether the journal is known to be damaged (open read-only): :func:`known_damage`."""
    return known_damage(journal) is not None
