"""Every file the CLI writes is written whole or not at all: a disk that fills up halfway
leaves the old file as it was and no part of the new one (review L-5)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import pytest
import typer

from sciatica_coach.cli import files

from .conftest import Cli, flat


class FillsUp:
    """A file that takes ``room`` bytes, then fails as a full disk does."""

    def __init__(self, file: Any, room: int) -> None:
        self.file = file
        self.room = room

    def write(self, data: bytes) -> int:
        if len(data) > self.room:
            self.file.write(data[: self.room])
            self.file.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(data)
        return int(self.file.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.file, name)

    def __enter__(self) -> FillsUp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()


def disk_full_after(monkeypatch: pytest.MonkeyPatch, room: int) -> None:
    real = os.fdopen

    def fdopen(descriptor: int, *args: Any, **kwargs: Any) -> Any:
        return FillsUp(real(descriptor, *args, **kwargs), room)

    monkeypatch.setattr(os, "fdopen", fdopen)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_full_disk_halfway_leaves_the_old_file_untouched_and_no_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(b"the old report")
    disk_full_after(monkeypatch, 1000)
    with pytest.raises(typer.Exit) as exit:
        files.write_private_bytes(out, b"x" * 100_000)
    assert exit.value.exit_code == 2
    assert out.read_bytes() == b"the old report"
    assert leftovers(tmp_path) == ["report.pdf"]


def test_a_full_disk_halfway_leaves_no_new_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk_full_after(monkeypatch, 10)
    with pytest.raises(typer.Exit):
        files.write_private(tmp_path / "plan.json", "{" + " " * 5000 + "}")
    assert leftovers(tmp_path) == []


def test_a_file_is_on_the_disk_before_it_takes_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that says it is full only when asked to sync (delayed allocation)."""
    out = tmp_path / "reminders.ics"
    out.write_bytes(b"old")

    def no_room(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_room)
    with pytest.raises(typer.Exit):
        files.write_private_bytes(out, b"new calendar")
    assert out.read_bytes() == b"old"
    assert leftovers(tmp_path) == ["reminders.ics"]


def test_a_whole_file_replaces_the_old_one_readable_by_the_owner_only(tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    out.write_bytes(b"old")
    out.chmod(0o644)
    files.write_private_bytes(out, b"<svg/>")
    assert out.read_bytes() == b"<svg/>"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == ["chart.svg"]


def test_a_report_on_a_full_disk_leaves_the_old_one(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "summary.pdf"
    out.write_bytes(b"last month's summary")
    disk_full_after(monkeypatch, 2000)
    result = cli("report", "--out", str(out))
    assert result.exit_code == 2
    assert "No space left on device" in flat(result.stderr)
    assert out.read_bytes() == b"last month's summary"
    assert leftovers(tmp_path) == ["home", "summary.pdf"]
