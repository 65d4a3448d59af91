"""``sciatica-coach import FILE`` reads only a plain file of a bounded size, and any JSON in
it is a clear refusal or an import, never a crash (security review L-3)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sciatica_coach.cli import journal_access
from sciatica_coach.coach import transfer

from .conftest import Cli, flat


def refused(cli: Cli, path: Path | str) -> str:
    result = cli("import", str(path))
    assert result.exit_code == 2, result.stderr
    assert journal_access.journal().is_empty()
    said = flat(result.stderr)
    assert "Traceback" not in said and "report this as a bug" not in said
    return said


def test_json_nested_far_too_deep_is_refused(cli: Cli, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert "nested too deeply" in refused(cli, deep)


def test_a_device_is_not_read(cli: Cli) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("needs /dev/zero")
    assert "not a plain file" in refused(cli, "/dev/zero")


def test_a_pipe_is_not_waited_on(cli: Cli, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    assert "not a plain file" in refused(cli, pipe)


def test_a_folder_is_not_an_export(cli: Cli, tmp_path: Path) -> None:
    assert "not a plain file" in refused(cli, tmp_path)


def test_a_file_over_the_cap_is_refused_unread(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(transfer, "MAX_IMPORT_BYTES", 1_000_000)
    big = tmp_path / "big.json"
    big.write_text('{"format": "' + "x" * 1_000_000 + '"}', encoding="utf-8")
    assert "larger than 1 MB" in refused(cli, big)


def test_the_cap_is_100_mb() -> None:
    assert transfer.MAX_IMPORT_BYTES == 100_000_000
