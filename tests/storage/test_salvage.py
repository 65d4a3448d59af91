"""The salvage reader: from a sound journal it gives exactly the export; from a damaged one,
every row it can read, the lost ones counted, references to lost rows emptied, and only the
journal's own user's rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sciatica_coach.storage import Journal, open_database
from sciatica_coach.storage.salvage import Losses, salvaged_batches
from sciatica_coach.storage.tables import LOCAL_USER_ID, ROWS, UserRow

from .conftest import Backend
from .damage import PAIN_ROWS, filled_journal, overwrite_page, pages, rows_on, url_of
from .sample import at, fill


def salvaged(engine: Engine, user_id: int = LOCAL_USER_ID) -> tuple[dict[str, list[Any]], Losses]:
    losses = Losses()
    tables: dict[str, list[Any]] = {name: [] for name in ROWS}
    for name, rows in salvaged_batches(engine, user_id, losses, size=7):
        tables[name] += rows
    return tables, losses


def test_from_a_sound_journal_it_is_the_export_itself(backend: Backend) -> None:
    journal = Journal(open_database(backend.url))
    for _ in range(3):
        fill(journal)
    tables, losses = salvaged(journal.engine)
    assert tables == journal.export_all()["tables"]
    assert losses.total == 0
    assert not losses.unsure_end
    assert not losses.cleared
    journal.engine.dispose()


def test_only_the_journals_own_users_rows_come_out(tmp_path: Path) -> None:
    engine = open_database(url_of(tmp_path / "j.sqlite3"))
    with Session(engine) as session, session.begin():
        session.add(UserRow(id=2, name="ann", created_at=at(0)))
    fill(Journal(engine))
    fill(Journal(engine).for_user(2))
    tables, _ = salvaged(engine, user_id=2)
    assert tables == Journal(engine).for_user(2).export_all()["tables"]
    assert all(len(rows) <= 2 for rows in tables.values())
    engine.dispose()


def test_a_damaged_page_loses_only_its_rows_and_they_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    filled_journal(path)
    page = pages(path, "pain_entries")[4]
    lost = rows_on(path, "pain_entries", page)
    overwrite_page(path, page)
    engine = open_database(url_of(path))
    tables, losses = salvaged(engine)
    assert len(tables["pain_entries"]) == PAIN_ROWS - lost
    assert losses.rows["pain_entries"] == lost
    assert losses.total == lost
    ids = [row["id"] for row in tables["pain_entries"]]
    assert ids == sorted(ids)
    engine.dispose()


def test_the_last_page_unreadable_leaves_the_end_unsure_after_the_last_row_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.sqlite3"
    filled_journal(path)
    page = pages(path, "pain_entries")[-1]
    lost = rows_on(path, "pain_entries", page)
    overwrite_page(path, page)
    engine = open_database(url_of(path))
    tables, losses = salvaged(engine)
    assert len(tables["pain_entries"]) == PAIN_ROWS - lost
    assert losses.unsure_end == {"pain_entries": PAIN_ROWS - lost}
    engine.dispose()


def test_a_session_whose_plan_was_lost_keeps_the_rest_with_no_plan(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    journal = Journal(open_database(url_of(path)))
    for _ in range(40):  # plans enough to fill several pages
        fill(journal)
    journal.engine.dispose()
    page = pages(path, "plans")[0]  # not the last: its loss can be counted
    on_page = rows_on(path, "plans", page)
    overwrite_page(path, page)
    engine = open_database(url_of(path))
    tables, losses = salvaged(engine)
    assert losses.rows["plans"] == on_page
    assert len(tables["sessions"]) == 40
    emptied = [row for row in tables["sessions"] if row["plan_id"] is None]
    assert len(emptied) == on_page
    assert losses.cleared == {"sessions": on_page}
    engine.dispose()
