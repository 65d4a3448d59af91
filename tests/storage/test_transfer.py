"""Export and import: a whole journal as one JSON document, exact in both directions."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from sciatica_coach.storage import Journal, StorageError, open_database
from sciatica_coach.storage.accounts import Accounts

from .conftest import Backend, make_backend
from .sample import at, fill


def test_export_has_a_header_and_every_table_in_json(journal: Journal) -> None:
    fill(journal)
    data = journal.export_all()
    assert (data["format"], data["version"]) == ("sciatica-coach-journal", 4)
    assert set(data["tables"]) == {
        "screenings",
        "pain_maps",
        "plans",
        "sessions",
        "pain_entries",
        "peg_entries",
        "notes",
        "goals",
        "safety_records",
    }
    assert json.loads(json.dumps(data)) == data
    (pain,) = data["tables"]["pain_entries"]
    assert pain["recorded_at"] == "2024-03-11T03:49:12.345678+00:00"
    assert pain["day"] == "2024-03-10"


def test_export_then_import_gives_back_the_same_journal(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    journal.add_pain(at(60), 1)
    exported = journal.export_all()
    target = Journal(open_database(f"sqlite+pysqlite:///{tmp_path / 'copy.sqlite3'}"))
    target.import_all(json.loads(json.dumps(exported)))
    assert target.export_all() == exported
    assert target.pain_entries() == journal.pain_entries()
    assert target.sessions() == journal.sessions()


def test_a_journal_moves_between_backends_unchanged(backend: Backend, tmp_path: Path) -> None:
    source = Journal(open_database(f"sqlite+pysqlite:///{tmp_path / 'source.sqlite3'}"))
    fill(source)
    target = Journal(open_database(backend.url))
    target.import_all(source.export_all())
    assert target.export_all() == source.export_all()


def test_new_entries_after_an_import_get_new_ids(journal: Journal, tmp_path: Path) -> None:
    source = Journal(open_database(f"sqlite+pysqlite:///{tmp_path / 'source.sqlite3'}"))
    ids = fill(source)
    source.add_note(at(9), "second")
    journal.import_all(source.export_all())
    new_id = journal.add_note(at(10), "after the import")
    assert new_id > ids["notes"] + 1
    assert journal.add_plan(at(11), {}) > ids["plans"]


def test_import_into_a_journal_that_is_not_empty_is_refused(journal: Journal) -> None:
    fill(journal)
    exported = journal.export_all()
    with pytest.raises(StorageError, match="the journal is not empty"):
        journal.import_all(exported)
    assert journal.export_all() == exported


def test_an_empty_export_imports_into_an_empty_journal(journal: Journal) -> None:
    exported = journal.export_all()
    journal.import_all(exported)
    assert journal.is_empty()


def spoil(data: dict[str, Any], change: str) -> dict[str, Any]:
    data = copy.deepcopy(data)
    tables = data["tables"]
    if change == "format":
        data["format"] = "something-else"
    elif change == "version":
        data["version"] = 5
    elif change == "missing table":
        del tables["notes"]
    elif change == "extra column":
        tables["notes"][0]["mood"] = "fine"
    elif change == "bad score":
        tables["peg_entries"][0]["pain"] = 12
    elif change == "naive time":
        tables["notes"][0]["recorded_at"] = "2024-01-01T10:00:00"
    elif change == "not a time":
        tables["notes"][0]["recorded_at"] = "yesterday"
    elif change == "bad id":
        tables["notes"][0]["id"] = "1"
    elif change == "missing plan":
        tables["plans"] = []
    elif change == "year 1":
        tables["notes"][0]["recorded_at"] = "0001-01-01T10:00:00+00:00"
    elif change == "year 9999":
        tables["pain_entries"][0]["recorded_at"] = "9999-12-31T10:00:00+00:00"
    elif change == "huge id":
        tables["notes"][0]["id"] = 2**31
    elif change == "foreign plan":
        tables["sessions"][0]["plan_id"] = 999  # someone else's plan, in a shared database
    elif change == "foreign map":
        tables["sessions"][0]["before_map_id"] = 999
    elif change == "deep record":
        deep: Any = "end"
        for _ in range(900):
            deep = {"next": deep}
        tables["screenings"][0]["answers"] = {"fever": deep}
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("format", "not a Sciatica Coach journal export"),
        ("version", "unsupported export version 5"),
        ("missing table", "must list exactly these tables"),
        ("extra column", r"notes\[0\] must have exactly"),
        ("bad score", r"peg_entries\[0\]: pain must be a whole number"),
        ("naive time", r"notes\[0\]: recorded_at must be a timezone-aware"),
        ("not a time", r"notes\[0\]: Invalid isoformat"),
        ("bad id", r"notes\[0\]: id must be a whole number from 1 to 2147483647"),
        ("year 1", r"notes\[0\]: recorded_at must be between 1900 and"),
        ("year 9999", r"pain_entries\[0\]: recorded_at must be between 1900 and"),
        ("huge id", r"notes\[0\]: id must be a whole number from 1 to 2147483647"),
        ("deep record", r"nested more than 32 levels deep"),
        ("foreign plan", r"sessions\[0\]: plan_id 999 is not one of the plans in this export"),
        ("foreign map", r"sessions\[0\]: before_map_id 999 is not one of the pain maps"),
        ("missing plan", r"sessions\[0\]: plan_id 1 is not one of the plans in this export"),
    ],
)
def test_a_bad_export_is_refused_and_nothing_is_written(
    backend: Backend, tmp_path: Path, change: str, message: str
) -> None:
    source = Journal(open_database(f"sqlite+pysqlite:///{tmp_path / 'source.sqlite3'}"))
    fill(source)
    target = Journal(open_database(backend.url))
    with pytest.raises(StorageError, match=message):
        target.import_all(spoil(source.export_all(), change))
    assert target.is_empty()


def test_not_even_a_dict_is_refused(tmp_path: Path) -> None:
    journal = Journal(open_database(make_backend("sqlite", tmp_path).url))
    with pytest.raises(StorageError, match="not a Sciatica Coach journal export"):
        journal.import_all([])  # type: ignore[arg-type]


def test_an_export_from_version_1_is_still_read(journal: Journal, tmp_path: Path) -> None:
    source = Journal(open_database(f"sqlite+pysqlite:///{tmp_path / 'source.sqlite3'}"))
    fill(source)
    old = source.export_all()
    old["version"] = 1
    added = ("state", "version", "updated_at", "before_map_id", "after_map_id")
    for row in old["tables"]["sessions"]:
        for column in added:
            del row[column]
    journal.import_all(old)
    (session,) = journal.sessions()
    assert (session.state, session.version) == (None, 0)
    assert session.updated_at == session.ended_at


def test_an_export_from_version_2_has_no_goals_and_is_still_read(
    journal: Journal, tmp_path: Path
) -> None:
    source = Journal(open_database(f"sqlite+pysqlite:///{tmp_path / 'source.sqlite3'}"))
    fill(source)
    old = source.export_all()
    old["version"] = 2
    del old["tables"]["goals"]
    del old["tables"]["safety_records"]
    journal.import_all(old)
    assert journal.goals() == []
    assert journal.safety_records() == []
    assert len(journal.notes()) == 1


def test_an_export_from_version_3_has_no_safety_records_and_is_still_read(
    journal: Journal, tmp_path: Path
) -> None:
    source = Journal(open_database(f"sqlite+pysqlite:///{tmp_path / 'source.sqlite3'}"))
    fill(source)
    old = source.export_all()
    old["version"] = 3
    del old["tables"]["safety_records"]
    journal.import_all(old)
    assert journal.safety_records() == []
    assert len(journal.goals()) == 1


def test_an_import_into_a_shared_database_gets_new_ids_and_touches_no_one_else(
    backend: Backend, tmp_path: Path
) -> None:
    source = Journal(open_database(f"sqlite+pysqlite:///{tmp_path / 'source.sqlite3'}"))
    fill(source)
    exported = source.export_all()
    engine = open_database(backend.url)
    people = Accounts(engine)
    bob = people.add_user("bob", "x", at(0))
    cara = people.add_user("cara", "x", at(0))
    fill(Journal(engine, user_id=bob))  # bob's rows hold the ids the export uses
    bobs_before = Journal(engine, user_id=bob).export_all()
    caras = Journal(engine, user_id=cara)
    caras.import_all(exported)
    assert Journal(engine, user_id=bob).export_all() == bobs_before
    (session,) = caras.sessions()
    assert session.plan_id is not None and caras.plan(session.plan_id) is not None
    assert session.id not in {s["id"] for s in bobs_before["tables"]["sessions"]}
    assert len(caras.pain_entries()) == len(exported["tables"]["pain_entries"])
    engine.dispose()


def test_huge_ids_are_not_kept(journal: Journal, tmp_path: Path) -> None:
    source = Journal(open_database(f"sqlite+pysqlite:///{tmp_path / 'source.sqlite3'}"))
    fill(source)
    exported = source.export_all()
    exported["tables"]["notes"][0]["id"] = 2**31 - 1
    journal.import_all(exported)
    assert journal.notes()[0].id < 10**9
