"""Imports the review crafted (security review L-3): tables listed in any order, a pain score
whose ``day`` is another day, a note far over what any door takes. Each either imports whole
or is refused with a message; none is a crash."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sciatica_coach.domain.text_limits import NOTE_LIMIT
from sciatica_coach.storage import Journal, StorageError, open_database
from sciatica_coach.storage.accounts import Accounts

from .conftest import Backend
from .sample import at, fill


def exported(tmp_path: Path) -> dict[str, Any]:
    source = Journal(open_database(f"sqlite+pysqlite:///{tmp_path / 'source.sqlite3'}"))
    fill(source)
    return source.export_all()


def test_sessions_listed_before_plans_import_into_a_shared_database(
    backend: Backend, tmp_path: Path
) -> None:
    data = exported(tmp_path)
    tables = data["tables"]
    data["tables"] = {"sessions": tables["sessions"]} | {
        name: rows for name, rows in reversed(tables.items()) if name != "sessions"
    }
    engine = open_database(backend.url)
    people = Accounts(engine)
    bob = people.add_user("bob", "x", at(0))
    cara = people.add_user("cara", "x", at(0))
    fill(Journal(engine, user_id=bob))  # a database with rows: the ids are new ones
    caras = Journal(engine, user_id=cara)
    caras.import_all(data)
    (session,) = caras.sessions()
    assert session.plan_id is not None and caras.plan(session.plan_id) is not None
    engine.dispose()


def test_a_pain_score_on_another_day_than_its_moment_is_refused(
    journal: Journal, tmp_path: Path
) -> None:
    data = exported(tmp_path)
    data["tables"]["pain_entries"][0]["day"] = "1999-01-01"
    with pytest.raises(StorageError, match=r"pain_entries\[0\]: day 1999-01-01 is not the day"):
        journal.import_all(data)
    assert journal.is_empty()


@pytest.mark.parametrize("days", [-1, 1])
def test_a_day_a_time_zone_away_is_the_same_day(
    journal: Journal, tmp_path: Path, days: int
) -> None:
    data = exported(tmp_path)
    entry = data["tables"]["pain_entries"][0]
    moment = date.fromisoformat(entry["recorded_at"][:10])
    entry["day"] = date.fromordinal(moment.toordinal() + days).isoformat()
    journal.import_all(data)
    assert not journal.is_empty()


@pytest.mark.parametrize(("table", "column"), [("notes", "text"), ("pain_entries", "note")])
def test_a_note_longer_than_any_door_takes_is_refused(
    journal: Journal, tmp_path: Path, table: str, column: str
) -> None:
    data = exported(tmp_path)
    data["tables"][table][0][column] = "x" * (NOTE_LIMIT + 1)
    with pytest.raises(StorageError, match=rf"{table}\[0\]: {column} must be at most {NOTE_LIMIT}"):
        journal.import_all(data)
    assert journal.is_empty()
    data["tables"][table][0][column] = "x" * NOTE_LIMIT
    journal.import_all(data)
