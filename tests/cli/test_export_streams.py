"""``sciatica-coach export`` writes as it reads: a file whole or not at all (never a part
left behind), a line on stderr saying how far it has got only when stderr is a terminal, and
the JSON the same document as before."""

from __future__ import annotations

import gc
import io
import json
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from sciatica_coach.cli import export_writing, journal_access, journal_commands
from sciatica_coach.storage import Journal, StorageError

from .conftest import Cli, flat


def some_entries(cli: Cli) -> None:
    cli("log", "pain", "5", "--note", "Ça va \u2013 38 °C")
    cli("log", "note", "walked")
    cli("log", "peg", "5", "4", "3")


@pytest.mark.parametrize("format", ["json", "csv", "fhir"])
def test_a_failure_midway_leaves_no_file_and_no_part(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format: str
) -> None:
    some_entries(cli)
    real = Journal.export_batches

    def failing(self: Journal, size: int = 100) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        yield from list(real(self, size))[:2]
        raise StorageError("could not read the journal: disk I/O error")

    def failing_entries(self: Journal, entry: type, size: int = 100) -> Iterator[list[object]]:
        raise StorageError("could not read the journal: disk I/O error")
        yield []

    monkeypatch.setattr(Journal, "export_batches", failing)
    monkeypatch.setattr(Journal, "entries_in_batches", failing_entries)
    out = tmp_path / "out" / f"journal.{format}"
    out.parent.mkdir()
    result = cli("export", "--format", format, "--out", str(out))
    assert result.exit_code == 1
    assert "disk I/O error" in flat(result.stderr)
    assert list(out.parent.iterdir()) == []


def test_an_export_over_an_old_file_replaces_it_whole_and_private(cli: Cli, tmp_path: Path) -> None:
    some_entries(cli)
    out = tmp_path / "journal.json"
    out.write_text("old")
    out.chmod(0o644)
    assert cli("export", "--out", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    whole = journal_access.journal().export_all()
    assert out.read_bytes() == (json.dumps(whole, indent=2, ensure_ascii=False) + "\n").encode()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_nothing_is_said_on_stderr_when_it_is_not_a_terminal(cli: Cli) -> None:
    some_entries(cli)
    result = cli("export")
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout)["tables"]["notes"][0]["text"] == "walked"


@pytest.mark.parametrize("format", ["json", "csv", "fhir"])
def test_a_terminal_sees_how_far_the_export_has_got(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format: str
) -> None:
    some_entries(cli)
    shown = io.StringIO()
    terminal = Console(file=shown, force_terminal=True, width=80)
    monkeypatch.setattr(export_writing, "stderr", terminal)
    result = cli("export", "--format", format, "--out", str(tmp_path / f"j.{format}"))
    assert result.exit_code == 0
    assert "rows" in shown.getvalue()
    assert "Exporting" in shown.getvalue()


def test_the_collector_is_as_it_was_once_the_export_ends(cli: Cli, tmp_path: Path) -> None:
    some_entries(cli)
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    seen: list[tuple[int, ...]] = []
    real = export_writing.fewer_collections

    @contextmanager
    def watched() -> Iterator[None]:
        with real():
            seen.append(gc.get_threshold())
            yield

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(journal_commands, "fewer_collections", watched)
        assert cli("export", "--format", "csv", "--out", str(tmp_path / "j.zip")).exit_code == 0
    assert seen and seen[0][0] == export_writing.YOUNG_OBJECTS
    assert gc.get_threshold() == threshold and gc.get_freeze_count() == frozen
