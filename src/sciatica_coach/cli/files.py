"""Files the CLI writes for the person (plans, records, saved answers, exports, charts, PDFs,
calendars): health data, so only the owner may read them, whatever the umask says.

Every such file is written whole or not at all, in one place (:func:`private_file`): under a
temporary name beside it, flushed to the disk (``fsync``) and only then renamed over the
target. Why: a full disk or a Ctrl-C halfway used to leave a truncated file that looked like a
good backup (and, on a small disk, took the last free space); now the old file, if there was
one, stays as it was and no partial file is left behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from .output import fail

PRIVATE = 0o600


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable and writable by its owner only; exit 2 on failure."""
    write_private_bytes(path, text.encode("utf-8"))


def write_private_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` readable and writable by its owner only, whole or not at
    all; exit 2 on failure."""
    with private_file(path) as file:
        file.write(data)


@contextmanager
def private_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through, readable and writable by its owner only and
    in place only once the block ends without an error; exit 2 if it cannot be written.
    Something that is not a plain file (``/dev/null``, a named pipe) is written directly."""
    if path.exists() and not path.is_file():
        with _writable(path), open(path, "wb") as direct:
            yield direct
        return
    with _writable(path):
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".part"
        )
    try:
        with os.fdopen(descriptor, "wb") as file, _writable(path):
            yield file
            file.flush()
            os.fsync(file.fileno())  # on the disk before it takes the name
        with _writable(path):
            os.chmod(temporary, PRIVATE)
            os.replace(temporary, path)
            _sync_folder(path.parent)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
    """The rename itself made durable; some systems cannot open a folder: then as it is."""
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextmanager
def _writable(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        fail(f"could not write {path}: {error.strerror or error}")
