"""Where the journal lives, how SQLite is set up, and that opening fails with a plain message."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest
from sqlalchemy import text

from sciatica_coach.storage import Journal, StorageError, database_url, open_database
from sciatica_coach.storage.database import FILE_NAME

from .conftest import Backend
from .sample import at


def test_the_url_variable_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCIATICA_COACH_DATABASE_URL", "postgresql+psycopg://u:p@host/db")
    assert database_url() == "postgresql+psycopg://u:p@host/db"


def test_home_variable_gives_a_sqlite_file_in_a_created_folder(isolated_home: Path) -> None:
    assert not isolated_home.exists()
    assert database_url() == f"sqlite+pysqlite:///{isolated_home / FILE_NAME}"
    assert isolated_home.is_dir()


def test_without_variables_the_user_data_folder_is_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SCIATICA_COACH_HOME")
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda name: str(tmp_path / name))
    assert database_url().endswith(f"{tmp_path / 'sciatica-coach' / FILE_NAME}")


def test_an_unusable_home_is_a_storage_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("SCIATICA_COACH_HOME", str(blocker / "below"))
    with pytest.raises(StorageError, match="cannot create the folder"):
        database_url()


def test_open_database_uses_the_default_place(isolated_home: Path) -> None:
    journal = Journal(open_database())
    journal.add_note(at(0), "saved where the person's data lives")
    assert (isolated_home / FILE_NAME).is_file()
    assert Journal(open_database(database_url())).notes()[0].text.startswith("saved")


def test_sqlite_is_durable_and_checks_foreign_keys(tmp_path: Path) -> None:
    engine = open_database(f"sqlite+pysqlite:///{tmp_path / 'j.sqlite3'}")
    with engine.connect() as connection:
        pragma = {
            name: connection.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys")
        }
    assert pragma == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1}


def test_a_file_that_is_not_a_database_is_a_storage_error(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    path.write_bytes(b"this is not SQLite, just some text that happens to be here\n" * 100)
    with pytest.raises(
        StorageError, match=r"cannot open the journal at .*: file is not a database"
    ):
        open_database(f"sqlite+pysqlite:///{path}")


def test_a_bad_address_is_a_storage_error() -> None:
    with pytest.raises(StorageError, match="the database address is not usable"):
        open_database("not a url")


def test_an_unreachable_server_is_a_storage_error_without_the_password() -> None:
    url = "postgresql+psycopg://someone:secret@127.0.0.1:1/nothing?connect_timeout=2"
    with pytest.raises(StorageError) as raised:
        open_database(url)
    assert "cannot open the journal at postgresql+psycopg://someone:***@127.0.0.1:1" in str(
        raised.value
    )
    assert "secret" not in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_journal_from_a_newer_version_is_refused(backend: Backend) -> None:
    engine = open_database(backend.url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(StorageError, match="written by a newer version of Sciatica Coach"):
        open_database(backend.url)
