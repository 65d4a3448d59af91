"""Where the journal lives and how it is opened: one call gives a ready, migrated engine.

Why migrate on open: the person never runs a setup step; every start brings the schema to the
version this code expects, through the Alembic scripts shipped inside the package (no
``alembic.ini`` needed). Why these SQLite settings: write-ahead logging lets a reader (the web
app) run beside a writer (the CLI); ``synchronous=FULL`` makes a commit durable before it
returns, so a crash or power cut never loses an entry the app said was saved; foreign keys are
off by default in SQLite. Any failure becomes :class:`StorageError` with a one-line message.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
import platformdirs
from sqlalchemy import Connection, Engine, RootTransaction, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from sciatica_coach.extras import install_hint, is_missing

if TYPE_CHECKING:
    from alembic.config import Config

SCHEMA_HEAD = "0009_user_time_zone"
"""The newest migration (``migrations/versions``). A journal already there is opened without
loading Alembic at all, which costs about half a second on every start; a test checks that
this is Alembic's own head."""

URL_VARIABLE = "SCIATICA_COACH_DATABASE_URL"
HOME_VARIABLE = "SCIATICA_COACH_HOME"
FILE_NAME = "journal.sqlite3"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000
"""How long a connection waits for another's write to end before it gives up with "database
is locked". Under ``serve --workers 2`` at 64 connections writes waited up to 6.6 s, so 5 s
turned 8 of 12,239 requests into 503s (review L-7); a write that waits is better than one
lost. ``bench/sqlite_load.py`` (64 connections for 30 s, three runs at 5 s, two at 30 s, on
a loaded 2-core machine): 24, 12 and 12 requests locked before, none after; p99 about 3 s in
both, the longest request 5.6 s before (then it failed) and 6.7 s after (then it was saved)."""
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)


class StorageError(Exception):
    """The journal could not be opened, read or written; the message says why, in one line."""


def database_url() -> str:
    """``$SCIATICA_COACH_DATABASE_URL``, else ``journal.sqlite3`` in ``$SCIATICA_COACH_HOME`` or
    the user data directory (created if missing)."""
    url = os.environ.get(URL_VARIABLE, "").strip()
    if url:
        return url
    try:
        folder = data_folder()
    except OSError as error:
        raise StorageError(f"cannot create the folder {error.filename}: {error.strerror}") from None
    return f"sqlite+pysqlite:///{folder / FILE_NAME}"


def data_folder() -> Path:
    """The folder the journal and the app's own files live in (``$SCIATICA_COACH_HOME`` or the
    user data directory), created for the owner only."""
    home = os.environ.get(HOME_VARIABLE, "").strip()
    folder = Path(home) if home else Path(platformdirs.user_data_dir("sciatica-coach"))
    private_folder(folder, ours=not home)
    return folder


def journal_location(url: str | None = None) -> str:
    """Where the journal is, for a person to read: the SQLite file, or the database URL with
    its password hidden."""
    chosen = url or database_url()
    parsed = make_url(chosen)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or "(in memory)"
    return parsed.render_as_string(hide_password=True)


PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def private_folder(folder: Path, ours: bool) -> None:
    """Create ``folder`` for the owner only, whatever the umask. A folder that was already
    there is tightened only if it is ``ours`` (the app's own data folder), never a folder the
    person pointed us at that may hold other things."""
    existed = folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    if not existed or ours:
        folder.chmod(PRIVATE_FOLDER)


class EmptyJournalFile(StorageError):
    """A journal file of 0 bytes where a journal should be: refused, never made anew."""


def private_file(path: Path) -> None:
    """Create the SQLite file for the owner only before SQLite opens it: SQLite gives its
    ``-wal`` and ``-shm`` files the same mode as the database file.

    A file that is already there but holds 0 bytes is refused (:class:`EmptyJournalFile`):
    SQLite would silently make it a new, empty journal, and the person would never learn
    that their history was gone. :func:`open_database` never leaves such a file behind
    itself, see :func:`_new_journal`."""
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        descriptor = os.open(path, os.O_RDWR)
        try:
            empty = os.fstat(descriptor).st_size == 0
        finally:
            os.close(descriptor)
        if empty:
            raise EmptyJournalFile(empty_file_message(path)) from None
    else:
        os.close(descriptor)
    path.chmod(PRIVATE_FILE)


def empty_file_message(path: Path) -> str:
    """Why a 0-byte journal file is refused, and the two ways on: a restore (which works on
    an empty journal file, and keeps it aside), or a new journal on purpose."""
    return (
        f"the journal file {path} is empty (0 bytes), so the entries it held are not in it. "
        "Nothing was changed. To get them back, put back a backup with 'sciatica-coach "
        "restore FILE' (the empty file is kept aside); 'sciatica-coach doctor' lists the "
        "backups with when each was made. To start a new, empty journal on purpose, move or "
        "delete that file."
    )


def open_database(url: str | None = None) -> Engine:
    """An engine for ``url`` (default :func:`database_url`), migrated to the newest schema.

    The journal's integrity is checked first (:mod:`.integrity`): a damaged one is opened
    read-only, as it is, without a migration, so that what can be read can be saved."""
    from .integrity import watch  # late: it builds on this module

    chosen = url or database_url()
    _new_journal(chosen)
    engine = create(chosen)
    try:
        if watch(engine).check() is None:
            migrate(engine)
    except StorageError:
        engine.dispose()
        raise
    return engine


def _new_journal(url: str) -> None:
    """Where no SQLite file is yet, make the new journal under a temporary name beside it,
    migrated, and link it into place only then (never over a file that appeared meanwhile).

    Why: a file made with ``O_CREAT`` stays at 0 bytes until SQLite first writes it; a crash
    in between would leave a 0-byte journal, which the next start refuses (see
    :func:`private_file`). Made this way, the journal's own name only ever holds a whole,
    migrated journal, so a 0-byte file there is never the app's doing and is always
    refused. Two processes starting at once each make one; the first to link it wins and
    the other's is deleted."""
    path = sqlite_file(url)
    if path is None or path.exists() or not path.parent.is_dir():
        return  # nothing to make here (a missing folder is reported by create, by its name)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.new")
    parsed = make_url(url)
    engine = create(parsed.set(database=str(temporary)).render_as_string(hide_password=False))
    try:
        migrate(engine)
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(temporary, path)
    except OSError as error:
        raise StorageError(f"cannot create the journal at {path}: {error.strerror}") from None
    finally:
        engine.dispose()
        for leftover in (temporary, *(Path(f"{temporary}{end}") for end in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite database address, or None (another database, in memory, a URI)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return None if database.startswith("file:") else Path(database)


def read_json(text: str | bytes) -> Any:
    """A JSON column's value. Read with orjson, several times faster than ``json.loads``
    (a year of history holds thousands of them, read on every safety check); anything it
    refuses that the standard library reads (a whole number past 64 bits) is read by that."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def create(url: str) -> Engine:
    """An engine for ``url`` with the SQLite settings above; no migration."""
    try:
        engine = create_engine(url, json_deserializer=read_json)
    except ImportError as error:
        hint = f" ({install_hint('postgres')})" if is_missing(error, "postgres") else ""
        raise StorageError(f"the database address is not usable: {error}{hint}") from None
    except (ArgumentError, ValueError) as error:
        raise StorageError(f"the database address is not usable: {error}") from None
    if engine.dialect.name == "sqlite":
        path = sqlite_file(url)
        if path is not None:
            try:
                private_file(path)
            except OSError as error:
                where = engine.url.render_as_string(hide_password=True)
                raise StorageError(
                    f"cannot open the journal at {where}: {error.strerror}"
                ) from None
        _configure_sqlite(engine)
    return engine


MIGRATION_LOCK = 0x5C1A71CA
"""The PostgreSQL advisory lock key (any fixed number) held while one process migrates: any
number of processes may start on an old schema at once (web workers, the CLI); one upgrades
while the others wait, then find the schema new and go on. SQLite needs none: ``BEGIN IMMEDIATE``
already lets one writer in at a time."""


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to ``revision``; safe to call again (Alembic records where it is),
    and from several processes at once. A SQLite journal that already holds a schema is
    backed up first (:mod:`.backups`): a migration rewrites tables whole."""
    where = engine.url.render_as_string(hide_password=True)
    if revision == "head" and _stored_revision(engine) == SCHEMA_HEAD:
        return
    from alembic import command  # late: only when the schema has to change
    from alembic.runtime.migration import MigrationContext
    from alembic.util import CommandError

    try:
        with (
            engine.connect() as connection,
            _foreign_keys_paused(connection),
            write_transaction(connection),
        ):
            _one_migration_at_a_time(connection)
            stored = MigrationContext.configure(connection).get_current_revision()
            if stored == (SCHEMA_HEAD if revision == "head" else revision):
                return  # another process did it while this one waited
            if stored is not None and connection.dialect.name == "sqlite":
                _back_up_before_migrating(engine)
            command.upgrade(alembic_config(connection), revision)
    except CommandError as error:
        if "Can't locate revision" in str(error):
            raise StorageError(
                f"the journal at {where} was written by a newer version of Sciatica Coach"
            ) from None
        raise StorageError(f"cannot update the journal at {where}: {error}") from None
    except (SQLAlchemyError, OSError) as error:
        raise StorageError(f"cannot open the journal at {where}: {short(error)}") from None


def _one_migration_at_a_time(connection: Connection) -> None:
    """On PostgreSQL, wait for :data:`MIGRATION_LOCK`, held until this transaction ends."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})


def _back_up_before_migrating(engine: Engine) -> None:
    """A copy of the journal as it was, named for the time (the real clock: opening a
    journal takes none) and ``migration``; if it cannot be made, the journal is not changed."""
    from .backups import back_up

    try:
        back_up(engine, datetime.now(UTC), "migration")
    except StorageError as error:
        raise StorageError(f"the journal was not updated: {error}") from None


@contextmanager
def _foreign_keys_paused(connection: Connection) -> Iterator[None]:
    """On SQLite, foreign keys off while migrating, then checked and back on.

    Why: SQLite changes a table by copying it to a new one and dropping the old; with
    foreign keys on, dropping a table that others refer to (plans, body maps) fails. The
    switch only works outside a transaction, so it is set on the driver's connection."""
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.dbapi_connection
    assert raw is not None
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise StorageError(f"the journal's references are broken after an upgrade: {broken}")
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def write_transaction(connection: Connection) -> RootTransaction:
    """A transaction that takes SQLite's write lock at once (``BEGIN IMMEDIATE``), for work
    that reads before it writes: two processes cannot both read "empty" and then collide.
    Refused on a damaged journal (:class:`~.integrity.JournalDamaged`)."""
    from .integrity import watch  # late: it builds on this module

    watch(connection.engine).refuse_if_damaged()
    connection.execution_options(sqlite_begin="BEGIN IMMEDIATE")
    return connection.begin()


def _stored_revision(engine: Engine) -> str | None:
    """The revision the journal records, or ``None`` (a new journal, or one unreadable here:
    Alembic then says why)."""
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError:
        return None
    return str(rows[0][0]) if len(rows) == 1 else None


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic settings built in code: the packaged scripts, run on ``connection``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    """The newest migration this code ships, as Alembic finds it."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def short(error: BaseException) -> str:
    """The first line of a driver error, without SQLAlchemy's links and SQL dump."""
    original = getattr(error, "orig", None) or error
    return str(original).strip().splitlines()[0] if str(original).strip() else type(error).__name__


def _configure_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling skips BEGIN before DDL, so a migration could half
    # apply; take over: no implicit transactions, and an explicit BEGIN when SQLAlchemy begins.
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            for pragma in SQLITE_PRAGMAS:
                cursor.execute(pragma)
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        connection.exec_driver_sql(connection.get_execution_options().get("sqlite_begin", "BEGIN"))
