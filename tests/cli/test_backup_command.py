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
    cli("log", "pain", "3")
    saved = cli("backup").stdout.strip()
    cli("log", "pain", "8")
    result = cli("restore", saved, typed="n\n")
    assert result.exit_code == 2
    assert "nothing was restored" in flat(result.stderr)
    assert pains() == [3, 8]


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
