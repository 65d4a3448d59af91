"""A damaged journal is noticed (review L-4): opened read-only with a message that says how
to recover, every write refused with it, reads kept where they can; a 0-byte journal file
is refused instead of silently becoming a new, empty journal."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from sciatica_coach.storage import Journal, open_database
from sciatica_coach.storage.database import FILE_NAME, EmptyJournalFile
from sciatica_coach.storage.integrity import CHECK_AGAIN_AFTER, JournalDamaged, watch

from .damage import START, filled_journal, overwrite_page, pages, url_of


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def journal_file(tmp_path: Path) -> Path:
    path = tmp_path / FILE_NAME
    filled_journal(path)
    return path


def index_page(path: Path) -> int:
    return pages(path, "ix_pain_entries_day")[0]


def middle_page(path: Path) -> int:
    leaves = pages(path, "pain_entries")
    return leaves[len(leaves) // 2]


DAMAGE = {
    "page 2": lambda path: 2,
    "page 10": lambda path: 10,
    "an index page": index_page,
    "a middle page": middle_page,
}


def test_a_sound_journal_opens_as_it_always_did(journal_file: Path) -> None:
    journal = Journal(open_database(url_of(journal_file)))
    assert journal.damage() is None
    assert journal.add_note(START, "still fine") > 0
    journal.engine.dispose()


@pytest.mark.parametrize("where", DAMAGE)
def test_a_damaged_journal_opens_read_only_and_refuses_every_write(
    journal_file: Path, where: str
) -> None:
    overwrite_page(journal_file, DAMAGE[where](journal_file))
    before = digest(journal_file)
    journal = Journal(open_database(url_of(journal_file)))
    message = journal.damage()
    assert message is not None
    assert str(journal_file) in message
    for words in ("damaged", "read-only", "export --salvage", "import rescued.json"):
        assert words in message
    with pytest.raises(JournalDamaged, match="read-only"):
        journal.add_pain(START + timedelta(days=60), 4)
    with pytest.raises(JournalDamaged), journal.atomic() as bound:
        bound.add_note(START, "never written")
    with pytest.raises(OperationalError, match="readonly"), journal.engine.begin() as connection:
        connection.execute(text("DELETE FROM notes"))
    journal.engine.dispose()
    assert digest(journal_file) == before


def test_reads_keep_working_where_the_damage_is_not(journal_file: Path) -> None:
    overwrite_page(journal_file, index_page(journal_file))
    journal = Journal(open_database(url_of(journal_file)))
    assert journal.damage() is not None
    assert len(journal.notes()) == 40
    assert len(journal.pain_entries()) == 300
    journal.engine.dispose()


def test_damage_that_comes_later_is_found_before_a_write_once_the_last_check_is_old(
    journal_file: Path,
) -> None:
    engine = open_database(url_of(journal_file))
    journal = Journal(engine)
    moment = [1000.0]
    watched = watch(engine)
    watched.clock = lambda: moment[0]
    watched.check()
    checked_at = watched.checked_at
    engine.dispose()  # what SQLite cached of the file goes with its connections
    overwrite_page(journal_file, middle_page(journal_file))
    moment[0] += CHECK_AGAIN_AFTER - 1
    journal.add_note(START, "written: the last check is recent, it is not run again")
    assert watched.checked_at == checked_at
    moment[0] += 1
    with pytest.raises(JournalDamaged):
        journal.add_note(START, "refused")
    assert watched.checked_at == moment[0]
    engine.dispose()


def test_a_0_byte_journal_file_is_refused_not_made_a_new_empty_one(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    path.touch()
    with pytest.raises(EmptyJournalFile) as refused:
        open_database(url_of(path))
    message = str(refused.value)
    assert str(path) in message
    assert "0 bytes" in message
    assert "restore FILE" in message
    assert "move or delete" in message
    assert path.stat().st_size == 0


def test_a_new_journal_appears_whole_under_its_name_and_leaves_nothing_else(
    tmp_path: Path,
) -> None:
    path = tmp_path / FILE_NAME
    engine = open_database(url_of(path))
    assert Journal(engine).add_note(START, "first") == 1
    engine.dispose()
    assert path.stat().st_size > 0
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]
    again = open_database(url_of(path))  # not empty, not refused
    assert len(Journal(again).notes()) == 1
    again.dispose()


def test_a_read_that_meets_the_damage_says_how_to_recover(journal_file: Path) -> None:
    overwrite_page(journal_file, middle_page(journal_file))
    journal = Journal(open_database(url_of(journal_file)))
    with pytest.raises(JournalDamaged, match="could not read this part of the journal") as read:
        journal.pain_entries()
    assert "export --salvage" in str(read.value)
    assert len(journal.notes()) == 40  # another table reads as before
    journal.engine.dispose()


def test_a_journal_let_go_keeps_no_file_open(tmp_path: Path) -> None:
    """The integrity watch holds its engine weakly: a watch that held it kept every journal
    a process ever opened, with its files (the test suite ran out of descriptors)."""
    import gc
    import os
    from datetime import UTC, datetime

    def open_files() -> int:
        return len(os.listdir("/proc/self/fd"))

    if not Path("/proc/self/fd").exists():
        pytest.skip("needs /proc")
    gc.collect()
    before = open_files()
    for index in range(20):
        journal = Journal(open_database(f"sqlite+pysqlite:///{tmp_path / f'j{index}.sqlite3'}"))
        journal.add_note(datetime(2026, 12, 2, 9, 0, tzinfo=UTC), "x")
        del journal
    gc.collect()
    assert open_files() <= before + 3
