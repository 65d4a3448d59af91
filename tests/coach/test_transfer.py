"""Import as the service layer does it: into an empty journal, and nothing from the future."""

from __future__ import annotations

from pathlib import Path

import pytest

from sciatica_coach.coach.transfer import import_into
from sciatica_coach.storage import Journal, StorageError, open_database
from tests.storage.sample import at, fill


@pytest.mark.parametrize(
    ("table", "column", "minutes_ahead", "refused"),
    [
        ("screenings", "taken_at", 1, True),  # a check from the future would count as current
        ("plans", "created_at", 1, True),
        ("pain_entries", "recorded_at", 60 * 23, False),  # another clock, a bit ahead
        ("pain_entries", "recorded_at", 60 * 25, True),
        ("notes", "recorded_at", 60 * 25, True),
    ],
)
def test_nothing_dated_after_now_is_imported(
    tmp_path: Path, table: str, column: str, minutes_ahead: int, refused: bool
) -> None:
    source = Journal(open_database(f"sqlite+pysqlite:///{tmp_path / 'source.sqlite3'}"))
    fill(source)
    journal = Journal(open_database(f"sqlite+pysqlite:///{tmp_path / 'target.sqlite3'}"))
    data = source.export_all()
    now = at(10)
    data["tables"][table][0][column] = at(10 + minutes_ahead).isoformat()
    if table == "pain_entries":  # its day goes with it (a day that is not is refused)
        data["tables"][table][0]["day"] = at(10 + minutes_ahead).date().isoformat()
    if refused:
        with pytest.raises(StorageError, match=rf"{table}\[0\]: {column} .* is later than"):
            import_into(journal, data, now)
        assert journal.is_empty()
    else:
        import_into(journal, data, now)
        assert not journal.is_empty()
