"""The backup an import makes (review L-5): only once the file has passed every check and the
journal is found empty, right before the first row is written, and only when the database
holds some journal row to lose. A refused file makes none: many failed tries would otherwise
push the good backups out of the last few kept."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from sciatica_coach.coach.transfer import import_into
from sciatica_coach.storage import Journal, StorageError, open_database
from sciatica_coach.storage.accounts import Accounts
from tests.storage.sample import at, fill

NOW = at(60 * 24)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("SCIATICA_COACH_HOME", str(folder))
    monkeypatch.delenv("SCIATICA_COACH_DATABASE_URL", raising=False)
    return folder


@pytest.fixture
def engine(home: Path) -> Iterator[Engine]:
    opened = open_database(f"sqlite+pysqlite:///{home.parent / 'journal.sqlite3'}")
    yield opened
    opened.dispose()


@pytest.fixture
def exported(tmp_path: Path) -> dict[str, Any]:
    source_engine = open_database(f"sqlite+pysqlite:///{tmp_path / 'source.sqlite3'}")
    source = Journal(source_engine)
    fill(source)
    data = source.export_all()
    source_engine.dispose()
    return data


def import_backups(home: Path) -> list[Path]:
    folder = home / "backups"
    return sorted(folder.glob("journal-*-import.sqlite3")) if folder.exists() else []


def pain_rows(path: Path) -> int:
    with sqlite3.connect(path) as copy:
        (count,) = copy.execute("SELECT count(*) FROM pain_entries").fetchone()
    copy.close()
    return int(count)


def shared(engine: Engine) -> tuple[Journal, Journal]:
    """Bob's journal with rows in it, and Cara's, empty, in the same database."""
    people = Accounts(engine)
    bob = Journal(engine, user_id=people.add_user("bob", "x", at(0)))
    fill(bob)
    return bob, Journal(engine, user_id=people.add_user("cara", "x", at(0)))


def test_an_import_into_a_shared_database_is_backed_up_right_before_it_writes(
    engine: Engine, home: Path, exported: dict[str, Any]
) -> None:
    bob, cara = shared(engine)
    import_into(cara, exported, NOW)
    [backup] = import_backups(home)
    assert pain_rows(backup) == len(bob.pain_entries())  # Bob's rows, none of Cara's yet
    assert len(cara.pain_entries()) == len(exported["tables"]["pain_entries"])


@pytest.mark.parametrize("problem", ["from the future", "not a journal", "not empty"])
def test_a_refused_import_makes_no_backup(
    engine: Engine, home: Path, exported: dict[str, Any], problem: str
) -> None:
    bob, cara = shared(engine)
    target = cara
    if problem == "from the future":
        exported["tables"]["screenings"][0]["taken_at"] = at(60 * 25).isoformat()
    elif problem == "not a journal":
        exported = {"format": "something else", "tables": {}}
    else:
        target = bob
    for _try in range(3):
        with pytest.raises(StorageError):
            import_into(target, exported, NOW)
    assert import_backups(home) == []
    assert cara.is_empty()


def test_an_import_into_a_database_with_no_rows_at_all_makes_no_backup(
    engine: Engine, home: Path, exported: dict[str, Any]
) -> None:
    journal = Journal(engine)
    import_into(journal, exported, NOW)
    assert import_backups(home) == []
    assert not journal.is_empty()
