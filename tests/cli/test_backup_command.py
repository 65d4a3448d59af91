"""``sciatica-coach backup`` and ``restore FILE``, and the backups the CLI makes by itself:
once a day when a command opens the journal, and before an import (review L-5)."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from sciatica_coach.cli import journal_access

from .conftest import Cli, flat


def pains() -> list[int]:
    journal_access.forget_journals()  # as a new command would see it
    return [entry.now for entry in journal_access.journal().pain_entries()]


def kept(home: Path) -> list[str]:
    """The backups' names (not the hidden lock file that decides who makes the daily one)."""
    return sorted(p.name for p in (home / "backups").iterdir() if not p.name.startswith("."))


def test_backup_makes_one_now_and_prints_its_path(cli: Cli, own_journal: Path) -> None:
    cli("log", "pain", "4")
    result = cli("backup")
    assert result.exit_code == 0, result.stderr
    assert flat(result.stderr) == "Backed up your journal to:"  # stdout: the path alone
    path = Path(result.stdout.strip())
    assert path.parent == own_journal / "backups"
    assert path.name.endswith("-asked.sqlite3")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with sqlite3.connect(path) as copy:
        assert copy.execute("SELECT now FROM pain_entries").fetchall() == [(4,)]
    assert str(path) in cli("backup", "--list").stdout


def test_the_first_command_of_the_day_backs_the_journal_up(cli: Cli, own_journal: Path) -> None:
    cli("log", "pain", "4")
    cli("log", "pain", "5")
    [daily] = kept(own_journal)
    assert daily.endswith("-daily.sqlite3")


def test_restore_puts_a_backup_back_and_keeps_the_journal_as_it_was(
    cli: Cli, own_journal: Path
) -> None:
    cli("log", "pain", "3")
    saved = cli("backup").stdout.strip()
    cli("log", "pain", "8")
    result = cli("restore", saved, "--yes")
    assert result.exit_code == 0, result.stderr
    assert pains() == [3]
    [kept_before] = [n for n in kept(own_journal) if n.endswith("-restore.sqlite3")]
    with sqlite3.connect(own_journal / "backups" / kept_before) as copy:
        assert copy.execute("SELECT now FROM pain_entries").fetchall() == [(3,), (8,)]


def test_restore_asks_first_and_a_no_changes_nothing(cli: Cli) -> None:
    """Review M3: the question says what is kept and to stop the web app; a no is a choice,
    not an error."""
    cli("log", "pain", "3")
    saved = cli("backup").stdout.strip()
    cli("log", "pain", "8")
    result = cli("restore", saved, typed="n\n")
    assert result.exit_code == 1
    asked = flat(result.stdout)
    assert saved in result.stdout  # whole, never wrapped
    assert "Your journal as it is now is kept as a backup first." in asked
    assert "Stop the web app before you go on." in asked
    assert "Every account's" not in asked  # there are no accounts
    assert flat(result.stderr) == "Nothing was restored."
    assert pains() == [3, 8]


def test_restore_says_every_account_is_replaced_when_there_are_accounts(cli: Cli) -> None:
    from datetime import UTC, datetime

    from sciatica_coach.coach.setup import accounts_of

    cli("log", "pain", "3")
    saved = cli("backup").stdout.strip()
    accounts_of(journal_access.database()).add_user("ann", "hash", datetime(2026, 1, 1, tzinfo=UTC))
    journal_access.forget_journals()
    result = cli("restore", saved, typed="n\n")
    assert "Every account's journal is replaced." in flat(result.stdout)


def test_restore_of_the_oldest_of_seven_backups_puts_it_back(cli: Cli) -> None:
    """Review C2, as a person met it: it said it worked and the journal was empty."""
    cli("log", "pain", "2")
    cli("log", "pain", "5")
    made = [cli("backup").stdout.strip() for _ in range(7)]
    listed = cli("backup", "--list").stdout.split()
    oldest = listed[0]
    assert oldest in made or oldest.endswith("-daily.sqlite3")
    cli("log", "pain", "7")
    result = cli("restore", oldest, "--yes")
    assert result.exit_code == 0, result.stderr
    assert "If the web app is running, restart it." in flat(result.stdout)
    assert pains() == [2, 5]


def test_the_journal_itself_is_not_restored(cli: Cli, own_journal: Path) -> None:
    cli("log", "pain", "3")
    result = cli("restore", str(own_journal / "journal.sqlite3"), "--yes")
    assert result.exit_code == 2
    assert "is your journal itself" in flat(result.stderr)
    assert pains() == [3]


def test_a_0_byte_journal_can_list_its_backups_and_be_restored(cli: Cli, own_journal: Path) -> None:
    """Review C3: the empty-file message sends people to restore; restore and backup --list
    now work on it, and the empty file is kept aside rather than deleted."""
    cli("log", "pain", "3")
    saved = cli("backup").stdout.strip()
    journal_access.forget_journals()
    path = own_journal / "journal.sqlite3"
    for end in ("-wal", "-shm"):
        Path(f"{path}{end}").unlink(missing_ok=True)
    path.write_bytes(b"")
    listed = cli("backup", "--list")
    assert listed.exit_code == 0, listed.stderr
    assert saved in listed.stdout.split()
    result = cli("restore", saved, "--yes")
    assert result.exit_code == 0, result.stderr
    assert pains() == [3]
    [aside] = own_journal.glob("journal.sqlite3.empty-*Z")
    assert aside.stat().st_size == 0
    assert "The empty journal file is kept in" in flat(result.stdout)


def test_backup_refuses_a_damaged_journal_and_says_why(cli: Cli, own_journal: Path) -> None:
    """Review M1: a copy of a damaged journal would push a sound backup out of the 7."""
    from tests.storage.damage import filled_journal, overwrite_page, pages

    own_journal.mkdir(parents=True)
    path = own_journal / "journal.sqlite3"
    filled_journal(path)
    overwrite_page(path, pages(path, "pain_entries")[8])
    result = cli("backup")
    assert result.exit_code == 1
    assert "no backup was made: the journal is damaged" in flat(result.stderr)
    assert "export --salvage --out rescued.json" in flat(result.stderr)
    assert not (own_journal / "backups").exists() or kept(own_journal) == []


def test_restore_refuses_a_file_that_is_not_a_journal(cli: Cli, tmp_path: Path) -> None:
    cli("log", "pain", "3")
    notes = tmp_path / "notes.txt"
    notes.write_text("not a journal")
    result = cli("restore", str(notes), "--yes")
    assert result.exit_code == 2
    assert "is not a SQLite database" in flat(result.stderr)
    assert pains() == [3]


def test_an_import_into_a_new_journal_makes_no_backup(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing to lose; an import into a database that holds rows is backed up first, once
    the file has passed every check (tests/coach/test_import_backup.py)."""
    cli("log", "pain", "6")
    out = tmp_path / "journal.json"
    assert cli("export", "--out", str(out)).exit_code == 0
    moved = tmp_path / "elsewhere"
    journal_access.forget_journals()
    monkeypatch.setenv("SCIATICA_COACH_HOME", str(moved))
    assert cli("import", str(out)).exit_code == 0
    assert not [n for n in kept(moved) if n.endswith("-import.sqlite3")]
    assert pains() == [6]


def test_the_list_says_when_there_is_no_backup_yet(cli: Cli) -> None:
    """Review 29b L2: an empty list is said, with how to make one."""
    listed = cli("backup", "--list")
    assert listed.exit_code == 0
    assert listed.stdout == ""
    assert "No backups yet. Make one with: sciatica-coach backup" in flat(listed.stderr)
