"""A reader that stops reading ends the program quietly: ``sciatica-coach regions | head``.

When ``head`` has read what it wants it closes the pipe, and the next write (or the flush at
exit) fails with :class:`BrokenPipeError`. That is not a failure of the app: the program ends
with exit code 0 and says nothing, as the Python docs' "Note on SIGPIPE" describes (standard
output is pointed at the null device, so the flush at shutdown cannot fail again). Rich's
consoles follow the same note themselves but end with exit code 1; that ending is told apart
by what it leaves behind (standard output turned into the null device during the run).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def closed_pipe_ends_quietly() -> Iterator[None]:
    """Around the whole program, or a part of it that writes: a closed standard output ends
    the program with exit code 0 (everything still buffered is flushed here, inside)."""
    null_before = _stdout_is_null()
    try:
        try:
            yield
        finally:
            sys.stdout.flush()
    except BrokenPipeError:
        _stdout_to_null()
        raise SystemExit(0) from None
    except SystemExit as ending:
        if ending.code == 1 and not null_before and _stdout_is_null():
            raise SystemExit(0) from None  # a Rich console met the closed pipe
        raise


def _stdout_to_null() -> None:
    try:
        fileno = sys.stdout.fileno()
    except (OSError, ValueError):  # not a real file (a test's capture): nothing to flush later
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fileno)
    os.close(null)


def _stdout_is_null() -> bool:
    try:
        return os.path.samestat(os.fstat(sys.stdout.fileno()), os.stat(os.devnull))
    except (OSError, ValueError):
        return False
