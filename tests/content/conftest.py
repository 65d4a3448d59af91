"""A copy of the content to break on purpose, and a way to edit one of its files."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from sciatica_coach.content.loader import CONTENT_DIR

Entries = list[dict[str, Any]]


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    for file in CONTENT_DIR.glob("*.yaml"):
        shutil.copy(file, tmp_path / file.name)
    return tmp_path


def edit(directory: Path, file: str, change: Callable[[Entries], None]) -> None:
    path = directory / file
    entries = yaml.safe_load(path.read_text())
    change(entries)
    path.write_text(yaml.safe_dump(entries, sort_keys=False))
