"""``doctor`` and ``export --salvage`` on journals damaged the ways the security review
damaged them (L-4): the doctor says damaged, writes are refused with how to recover, and the
salvage brings back every row that can still be read, with the right count of those lost."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from sciatica_coach.cli import journal_access
from sciatica_coach.storage.database import FILE_NAME, SCHEMA_HEAD
from tests.cli.conftest import Cli, Clock, flat
from tests.storage.damage import (
    NOTE_ROWS,
    PAIN_ROWS,
    filled_journal,
    overwrite_page,
    pages,
    rows_on,
)

Where = Callable[[Path], int]
DAMAGE: dict[str, tuple[Where, bool]] = {
    # how the page is found, and whether the rows on it are pain entries that are lost
    "page 2": (lambda path: 2, False),
    "an index page past the 10th": (lambda path: index_page_from(path, 10), False),
    "an index page": (lambda path: pages(path, "ix_pain_entries_day")[0], False),
    "a middle page": (lambda path: pages(path, "pain_entries")[8], True),
}


def index_page_from(path: Path, first: int) -> int:
    """The first page from ``first`` on that belongs to an index (the review overwrote page
    10, an index page then; which page that is moves with the schema)."""
    with sqlite3.connect(path) as connection:
        (page,) = connection.execute(
            "SELECT pageno FROM dbstat JOIN sqlite_master USING (name)"
            " WHERE type = 'index' AND pageno >= ? ORDER BY pageno LIMIT 1",
            (first,),
        ).fetchone()
    connection.close()
    return int(page)


@pytest.fixture
def journal_file(own_journal: Path) -> Path:
    own_journal.mkdir(parents=True, exist_ok=True)
    path = own_journal / FILE_NAME
    filled_journal(path)
    return path


def test_a_healthy_journal_gets_a_clean_bill(cli: Cli, journal_file: Path) -> None:
    """Review M4: each backup with its time in the person's words and why it was made, its
    path whole on a line of its own at 80 columns; one that fails its check marked."""
    backups = journal_file.parent / "backups"
    backups.mkdir()
    broken = backups / "journal-20261201T090000000000Z-daily.sqlite3"
    broken.write_bytes(b"x" * 10)
    sound = Path(cli("backup").stdout.strip())
    result = cli("doctor")
    assert result.exit_code == 0, result.stderr
    said = flat(result.stdout)
    expected = (
        "Integrity: sound",
        "Mode: 0600",
        f"Schema: {SCHEMA_HEAD}",
        "Tue 1 Dec 09:00 (the daily one), 10 bytes (damaged)",
        "(made when you asked),",
        "The journal is healthy.",
    )
    assert [line for line in expected if line not in said] == []
    assert f"    {broken}\n" in result.stdout  # whole, however long
    assert f"    {sound}\n" in result.stdout
    assert len(str(sound)) > 80
    assert "(made when you asked), 294,912 bytes\n" in result.stdout.replace("  (damaged)", "")
    listed = json.loads(cli("doctor", "--json").stdout)
    assert listed["healthy"] is True
    assert [b["damaged"] for b in listed["backups"]] == [True, False]


@pytest.mark.parametrize("where", DAMAGE)
def test_a_damaged_journal_is_reported_refuses_writes_and_is_salvaged(
    cli: Cli, clock: Clock, journal_file: Path, tmp_path: Path, where: str
) -> None:
    find, loses_pain = DAMAGE[where]
    page = find(journal_file)
    lost = rows_on(journal_file, "pain_entries", page) if loses_pain else 0
    overwrite_page(journal_file, page)

    doctor = cli("doctor")
    assert doctor.exit_code == 1
    assert "Integrity: damaged" in flat(doctor.stdout)
    told = flat(doctor.stderr)
    assert "1. Save everything that can still be read" in told
    assert "There is no backup to restore" in told  # none yet: no restore offered
    assert "restore FILE" not in told
    assert "sciatica-coach import rescued.json" in told

    refused = cli("log", "pain", "3")
    assert refused.exit_code == 1
    assert (
        "the pain score was not saved: the journal is damaged, so nothing new can be written"
        in flat(refused.stderr)
    )
    assert flat(refused.stderr).count("export --salvage") == 1  # told once, on opening

    rescued = tmp_path / "rescued.json"
    salvage = cli("export", "--salvage", "--out", str(rescued))
    assert salvage.exit_code == 0, salvage.stderr
    data = json.loads(rescued.read_text())
    assert data["format"] == "sciatica-coach-journal"
    assert len(data["tables"]["pain_entries"]) == PAIN_ROWS - lost
    assert len(data["tables"]["notes"]) == NOTE_ROWS
    told = flat(salvage.stderr)
    if lost:
        assert f"{lost} pain scores could not be read (table pain_entries)" in told
        assert f"Rows lost in all: {lost}" in told
    else:
        assert "Every row was read" in told

    journal_access.forget_journals()  # the rescued file goes into a new journal, whole
    new_home = tmp_path / "new-home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SCIATICA_COACH_HOME", str(new_home))
        imported = cli("import", str(rescued))
        assert imported.exit_code == 0, imported.stderr
        assert len(journal_access.journal().pain_entries()) == PAIN_ROWS - lost
    journal_access.forget_journals()


def test_a_0_byte_journal_is_refused_and_the_doctor_says_so(cli: Cli, own_journal: Path) -> None:
    own_journal.mkdir(parents=True)
    path = own_journal / FILE_NAME
    path.touch(mode=0o600)
    status = cli("status")
    assert status.exit_code == 1
    said = flat(status.stderr)
    assert "0 bytes" in said
    assert "move or delete" in said
    assert path.stat().st_size == 0
    doctor = cli("doctor")
    assert doctor.exit_code == 1
    assert "Integrity: empty" in flat(doctor.stdout)


def test_the_doctor_on_no_journal_yet_makes_none(cli: Cli, own_journal: Path) -> None:
    result = cli("doctor")
    assert result.exit_code == 0, result.stderr
    assert "none yet (the first command that uses the journal makes it)" in flat(result.stdout)
    assert not (own_journal / FILE_NAME).exists()


@pytest.mark.parametrize("table", ["ix_pain_entries_day", "pain_entries"])
def test_a_red_flag_on_a_damaged_journal_is_still_said_in_full(
    cli: Cli, clock: Clock, journal_file: Path, tmp_path: Path, table: str
) -> None:
    """Review 29 C1: the emergency box and exit 3, as on a sound journal, then a note that
    the check could not be kept."""
    from tests.domain.screening_cases import all_clear

    overwrite_page(journal_file, pages(journal_file, table)[len(pages(journal_file, table)) // 2])
    red = tmp_path / "red.json"
    red.write_text(json.dumps({**all_clear(), "saddle_numbness": "yes"}), encoding="utf-8")
    result = cli("screen", "--answers", str(red))
    assert result.exit_code == 3, result.stderr
    assert "Emergency" in flat(result.stdout)
    assert "This safety check could not be saved" in flat(result.stderr)
    as_json = cli("screen", "--answers", str(red), "--json")
    assert as_json.exit_code == 3
    assert json.loads(as_json.stdout)["saved"] is False


def test_a_read_that_meets_the_damage_says_so_and_not_that_something_was_not_saved(
    cli: Cli, clock: Clock, journal_file: Path
) -> None:
    """Review 29 H1: ``progress`` and ``export`` save nothing, so "not saved" was untrue."""
    overwrite_page(journal_file, pages(journal_file, "pain_entries")[8])
    for command in (("progress",), ("export",)):
        result = cli(*command)
        assert result.exit_code == 1, command
        said = flat(result.stderr)
        assert "could not be read in full" in said, said
        assert "not saved" not in said


def test_status_on_a_damaged_journal_points_to_the_doctor_not_to_a_session(
    cli: Cli, clock: Clock, journal_file: Path
) -> None:
    """Review 29 L7: 'screen, then plan and session' cannot be saved on a damaged journal."""
    overwrite_page(journal_file, pages(journal_file, "ix_pain_entries_day")[0])
    shown = cli("status")
    assert "nothing new can be saved: see the warning above, then run sciatica-coach doctor" in (
        flat(shown.stdout)
    )
    assert "then plan and session" not in flat(shown.stdout)


def test_the_doctor_says_a_loose_mode_was_fixed_not_that_it_is_wrong(
    cli: Cli, journal_file: Path
) -> None:
    """Review M5: opening the journal makes it owner-only; the doctor read the mode before
    and says what it was, and that is no longer trouble."""
    journal_file.chmod(0o644)
    result = cli("doctor")
    assert result.exit_code == 0, result.stderr
    said = flat(result.stdout)
    assert "Mode: 0600 it was 0644 (others on this computer could read it); it is now 0600" in said
    assert "The journal is healthy." in said
    assert json.loads(cli("doctor", "--json").stdout)["mode_was"] is None  # fixed already


def test_with_a_backup_the_damage_message_offers_a_restore(cli: Cli, journal_file: Path) -> None:
    """Review H2: two ways on after saving what can be read, not muddled together."""
    assert cli("backup").exit_code == 0
    overwrite_page(journal_file, pages(journal_file, "pain_entries")[8])
    told = flat(cli("doctor").stderr)
    assert "2. Stop the web app if it is running. Then EITHER put back a backup" in told
    assert "sciatica-coach restore FILE OR start again from what was saved" in told
    moved = f"mv {journal_file} {journal_file}.damaged"
    assert "".join(moved.split()) in "".join(told.split())  # a long test path wraps


def test_status_on_a_damaged_journal_says_no_session_can_be_saved(
    cli: Cli, clock: Clock, journal_file: Path
) -> None:
    """Review 29b L6: not "2 left" while nothing can be saved."""
    overwrite_page(journal_file, pages(journal_file, "ix_pain_entries_day")[0])
    assert "No session can be saved while the journal is damaged" in flat(cli("status").stdout)
