"""Is the journal's file sound? Checked when a process opens it, and again before a write
when the last check is older than :data:`CHECK_AGAIN_AFTER`.

Why: SQLite keeps answering from a file whose pages are damaged (a disk error, a bad copy):
index pages overwritten still let every read and write through, and each new write goes into
a file that is already malformed. So a damaged journal is opened read-only, with a message
that says what happened and how to recover; reads go on where they can, every write is
refused with that message (the session of :mod:`~.journal` asks :func:`watch` first, and on
SQLite the connections are also set ``query_only`` so that nothing else writes either).

Why ``PRAGMA quick_check`` and not ``integrity_check``: it reads every page and checks every
b-tree, but skips matching each index against its table, which is what costs the most. It
reads the whole file, so its cost grows with the journal: ``make bench``
(``bench/bench_integrity.py``) measured 25 to 50 ms on a year of daily use (18 MiB) and 0.15
to 0.4 s on ten years (175 MiB), against 50 to 100 ms to open the journal and read its
status (the file in the page cache; the machine shared, hence the ranges). Paid
once per process (a command, the server's start) and then every :data:`CHECK_AGAIN_AFTER`
before a write in a server: knowing that the file is sound is worth that; a journal whose
index pages are damaged answers reads wrongly without any error.

PostgreSQL has nothing comparable that is cheap (``amcheck`` needs an extension and a
superuser, and reads every index): it checks each page's checksum as it reads it, when the
cluster was made with ``--data-checksums``, and fails that read with a clear error. So there
is no check there: opening the journal already asks the server to answer.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Sequence

from sqlalchemy import Engine, event
from sqlalchemy.exc import SQLAlchemyError

from .database import StorageError, journal_location, short

CHECK_AGAIN_AFTER = 300.0
"""Seconds after which a write checks the file again (a server runs for weeks)."""
COMMAND = "     "
"""The indent of a command on a line of its own in a message, to be read and copied whole."""
PROBLEMS_KEPT = 5
"""How many of SQLite's problem lines are kept and shown: the first say enough."""


class JournalDamaged(StorageError):
    """The journal's file is damaged: it is open read-only and this write was refused."""


def damaged_message(where: str, found: Sequence[str], backups_kept: bool) -> str:
    """What happened, that nothing more will be written, and how to recover, as numbered
    steps (review H2): first save what can be read; then EITHER put back a backup (offered
    only when ``backups_kept``) OR start a new journal from what was saved, which needs the
    damaged file moved aside first (an import goes into an empty journal only). SQLite's own
    words stay in one parenthesis: the first problem it found, and how many more."""
    more = f"; and {len(found) - 1} more" if len(found) > 1 else ""
    first = found[0] if found else "damaged"
    again = (
        f"start again from what was saved: move the damaged file aside, then import:\n"
        f"{COMMAND}mv {where} {where}.damaged\n{COMMAND}sciatica-coach import rescued.json"
    )
    if backups_kept:
        second = (
            "2. Stop the web app if it is running. Then EITHER put back a backup "
            "('sciatica-coach doctor' lists them; entries made after that backup will not be "
            "in the journal, though rescued.json still holds them to read):\n"
            f"{COMMAND}sciatica-coach restore FILE\n   OR {again}"
        )
    else:
        second = f"2. Stop the web app if it is running. There is no backup to restore, so {again}"
    return (
        f"your journal at {where} is damaged (SQLite says: {first}{more}). It is now open "
        "read-only: nothing more will be written to it, so nothing more can be lost. To "
        "recover:\n"
        f"1. Save everything that can still be read:\n{COMMAND}"
        "sciatica-coach export --salvage --out rescued.json\n"
        f"{second}"
    )


def problems(engine: Engine) -> list[str]:
    """What SQLite's ``quick_check`` finds wrong (empty when the file is sound; always empty
    on PostgreSQL). A file too damaged to be checked is a problem; a file that is not a
    database at all, or one that cannot be read now, is :class:`StorageError`, as before."""
    if engine.dialect.name != "sqlite":
        return []
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql(f"PRAGMA quick_check({PROBLEMS_KEPT})").all()
    except SQLAlchemyError as error:
        original = getattr(error, "orig", None)
        if str(getattr(original, "sqlite_errorname", "")).startswith("SQLITE_CORRUPT"):
            return [short(error)]
        where = engine.url.render_as_string(hide_password=True)
        raise StorageError(f"cannot open the journal at {where}: {short(error)}") from None
    found = [
        line.strip()
        for row in rows
        for line in str(row[0]).splitlines()
        if line.strip() and not line.startswith("*** in database")  # a heading, not a problem
    ]
    return [] if found == ["ok"] else found


class Watch:
    """One database's last integrity check: when it ran (on :attr:`clock`, monotonic
    seconds) and what it found. One per engine, shared by every journal on it."""

    def __init__(self, engine: Engine, clock: Callable[[], float] = time.monotonic) -> None:
        # weakly: the watches are kept by engine in a WeakKeyDictionary, and a value that
        # held its key would keep every engine (and its open files) for good
        self._engine = weakref.ref(engine)
        self.clock = clock
        self.checked_at: float | None = None
        self.found: list[str] = []
        self._checking = threading.Lock()

    @property
    def engine(self) -> Engine:
        engine = self._engine()
        if engine is None:  # only a watch looked up after its engine was let go
            raise StorageError("the journal was closed")
        return engine

    @property
    def message(self) -> str | None:
        """The damage as a person reads it, or None while the journal is sound."""
        if not self.found:
            return None
        where = journal_location(self.engine.url.render_as_string(hide_password=False))
        from .backups import sound_backups_kept  # late: backups builds on this module

        return damaged_message(where, self.found, sound_backups_kept())

    def check(self) -> str | None:
        """Check now; return :attr:`message`. Damage found makes the database read-only."""
        found = problems(self.engine)
        self.checked_at = self.clock()
        if found and not self.found:
            _read_only(self.engine)
        self.found = found or self.found  # once damaged, damaged until reopened
        return self.message

    def current(self) -> str | None:
        """:attr:`message`, checked again first if the last check is older than
        :data:`CHECK_AGAIN_AFTER` (one thread checks; the others use the last result)."""
        stale = self.checked_at is None or self.clock() - self.checked_at >= CHECK_AGAIN_AFTER
        if stale and not self.found and self._checking.acquire(blocking=False):
            try:
                self.check()
            finally:
                self._checking.release()
        return self.message

    def refuse_if_damaged(self) -> None:
        """Before a write: :class:`JournalDamaged` if the journal is damaged."""
        message = self.current()
        if message is not None:
            raise JournalDamaged(message)


class DamagedRead(JournalDamaged):
    """A read that failed on a journal known to be damaged: nothing was being saved, so the
    person is told what could not be shown, not that something was not kept."""


def read_failure(engine: Engine, error: SQLAlchemyError) -> StorageError:
    """What to raise for a read that failed: on a journal known to be damaged, the damage
    and how to recover (the failure is most likely that), else the driver's one line."""
    message = watch(engine).message
    if message is not None:
        return DamagedRead(f"could not read this part of the journal: {message}")
    return StorageError(f"could not read the journal: {short(error)}")


_WATCHES: weakref.WeakKeyDictionary[Engine, Watch] = weakref.WeakKeyDictionary()
_REGISTERING = threading.Lock()


def watch(engine: Engine) -> Watch:
    """The :class:`Watch` of ``engine`` (made on first use, not yet checked)."""
    with _REGISTERING:
        found = _WATCHES.get(engine)
        if found is None:
            found = _WATCHES[engine] = Watch(engine)
        return found


def _read_only(engine: Engine) -> None:
    """On SQLite, every connection made from now on refuses writes (``query_only``), and
    the idle ones are closed so that they are made again that way."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def query_only(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute("PRAGMA query_only=ON")  # type: ignore[attr-defined]

    engine.dispose()
