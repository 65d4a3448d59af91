"""Files the CLI writes for the person (plans, records, saved answers, exports): health data,
so only the owner may read them, whatever the umask says."""

from __future__ import annotations

import os
from pathlib import Path

from .output import fail

PRIVATE = 0o600


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable and writable by its owner only; exit 2 on failure."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(path, PRIVATE)
    except OSError as error:
        fail(f"could not write {path}: {error.strerror or error}")
