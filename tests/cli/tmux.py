"""A real terminal of a given size, for tests that look at the screen as a person sees it:
the program runs in a tmux window of its own (its own server, so nothing else is touched),
keys are typed into it, and the screen is read back as text."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 30.0


class Screen:
    def __init__(self, server: str) -> None:
        self.server = server

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.server, *args], capture_output=True, text=True, check=False
        )
        return done.stdout

    def text(self) -> str:
        """The screen now, line by line (trailing spaces dropped)."""
        return "\n".join(line.rstrip() for line in self._tmux("capture-pane", "-p").splitlines())

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", *keys)

    def wait_for(self, *words: str, seconds: float = WAIT_SECONDS) -> str:
        """The screen once every one of ``words`` is on it (each may be wrapped over lines);
        the test fails with the screen if that does not happen in ``seconds`` (a bound on a
        stuck program, not a measure of speed)."""
        deadline = time.monotonic() + seconds
        while True:
            shown = self.text()
            flat = " ".join(shown.split())
            if all(word in flat for word in words):
                return shown
            if time.monotonic() > deadline:
                pytest.fail(f"never shown: {words!r}; the screen was:\n{shown}")
            time.sleep(0.2)


@contextmanager
def terminal(
    argv: Sequence[str], env: Mapping[str, str], columns: int, rows: int = 24
) -> Iterator[Screen]:
    """``argv`` running in a ``columns`` x ``rows`` terminal, with ``env`` added."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    server = f"sciatica-test-{uuid.uuid4().hex[:8]}"
    # the size is the terminal's own: a COLUMNS or LINES some other code left set would win
    unset = ["-u", "COLUMNS", "-u", "LINES"]
    command = shlex.join(["env", *unset, *(f"{k}={v}" for k, v in env.items()), *argv])
    subprocess.run(
        ["tmux", "-L", server, "-f", "/dev/null", "new-session", "-d", "-x", str(columns),
         "-y", str(rows), "-c", str(ROOT), f"{command}; sleep 60"],
        check=True,
    )  # fmt: skip
    try:
        yield Screen(server)
    finally:
        subprocess.run(["tmux", "-L", server, "kill-server"], check=False, capture_output=True)
