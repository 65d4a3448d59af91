"""Files the CLI writes for the person (plans, records, saved answers, exports): health data,
so only the owner may read them, whatever the umask says."""

from __future__ import annotations

import os
from pathlib import Path

from .output import fail

PRIVATE = 0o600


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable and writable by its owner only; exit 2 on failure."""
    write_private_bytes(path, text.encode("utf-8"))


def write_private_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` readable and writable by its owner only; exit 2 on failure."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.chmod(path, PRIVATE)
    except OSError as error:
        fail(f"could not write {path}: {error.strerror or error}")
