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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
import platformdirs
from sqlalchemy import Connection, Engine, RootTransaction, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from sciatica_coach.extras import install_hint, is_missing

if TYPE_CHECKING:
    from alembic.config import Config

SCHEMA_HEAD = "0008_login_browser_binding"
"""The newest migration (``migrations/versions``). A journal already there is opened without
loading Alembic at all, which costs about half a second on every start; a test checks that
this is Alembic's own head."""

URL_VARIABLE = "SCIATICA_COACH_DATABASE_URL"
HOME_VARIABLE = "SCIATICA_COACH_HOME"
FILE_NAME = "journal.sqlite3"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
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


def private_file(path: Path) -> None:
    """Create the SQLite file for the owner only before SQLite opens it: SQLite gives its
    ``-wal`` and ``-shm`` files the same mode as the database file."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    os.close(descriptor)
    path.chmod(PRIVATE_FILE)


def open_database(url: str | None = None) -> Engine:
    """An engine for ``url`` (default :func:`database_url`), migrated to the newest schema."""
    engine = create(url or database_url())
    try:
        migrate(engine)
    except StorageError:
        engine.dispose()
        raise
    return engine


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
        database = engine.url.database
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                private_file(Path(database))
            except OSError as error:
                where = engine.url.render_as_string(hide_password=True)
                raise StorageError(
                    f"cannot open the journal at {where}: {error.strerror}"
                ) from None
        _configure_sqlite(engine)
    return engine


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to ``revision``; safe to call again (Alembic records where it is)."""
    where = engine.url.render_as_string(hide_password=True)
    if revision == "head" and _stored_revision(engine) == SCHEMA_HEAD:
        return
    from alembic import command  # late: only when the schema has to change
    from alembic.util import CommandError

    try:
        with (
            engine.connect() as connection,
            _foreign_keys_paused(connection),
            write_transaction(connection),
        ):
            command.upgrade(alembic_config(connection), revision)
    except CommandError as error:
        if "Can't locate revision" in str(error):
            raise StorageError(
                f"the journal at {where} was written by a newer version of Sciatica Coach"
            ) from None
        raise StorageError(f"cannot update the journal at {where}: {error}") from None
    except (SQLAlchemyError, OSError) as error:
        raise StorageError(f"cannot open the journal at {where}: {short(error)}") from None


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
    that reads before it writes: two processes cannot both read "empty" and then collide."""
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
