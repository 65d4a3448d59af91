"""The session's single keys work on Windows: read from ``msvcrt`` (simulated here by a fake
key queue), with no POSIX terminal module anywhere on the way."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest
from rich.console import Console

from sciatica_coach.cli.player_inputs import KeyboardInputs, single_keys, windows_key


class FakeKeys:
    """A Windows console's key queue, holding what was typed."""

    def __init__(self, typed: str) -> None:
        self.typed = list(typed)

    def kbhit(self) -> bool:
        return bool(self.typed)

    def getwch(self) -> str:
        return self.typed.pop(0)


class Terminal:
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("typed", "key", "left"),
    [
        ("", None, ""),
        ("P", "p", ""),
        ("bs", "b", "s"),  # one key a look; the next waits for the next look
        ("\xe0Hs", "s", ""),  # an arrow (prefix and code) is not the letter H
        ("\x00;", None, ""),  # F1 alone: nothing
    ],
)
def test_it_reads_one_key_from_the_windows_console(typed: str, key: str | None, left: str) -> None:
    keys = FakeKeys(typed)
    assert windows_key(keys) == key
    assert "".join(keys.typed) == left


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> FakeKeys:
    """This process as Windows sees it for the player: os.name 'nt', a console on stdin,
    msvcrt there and termios/tty not."""
    keys = FakeKeys("")
    msvcrt = types.ModuleType("msvcrt")
    msvcrt.kbhit = keys.kbhit  # type: ignore[attr-defined]
    msvcrt.getwch = keys.getwch  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    monkeypatch.setitem(sys.modules, "termios", None)
    monkeypatch.setitem(sys.modules, "tty", None)
    monkeypatch.setattr("os.name", "nt")
    monkeypatch.setattr("sys.stdin", Terminal())
    return keys


def test_the_player_reads_its_keys_through_msvcrt_on_windows(windows: FakeKeys) -> None:
    inputs = KeyboardInputs(Console())
    with single_keys():  # no cbreak mode to set: termios is never imported
        assert inputs.key() is None
        windows.typed = list("S")
        assert inputs.key() == "s"


def test_the_session_command_loads_without_posix_terminal_modules() -> None:
    """The review's simulation: no termios or tty (as on Windows), and ``session --help``
    still runs (it imports the player)."""
    code = (
        "import sys; sys.modules['termios'] = None; sys.modules['tty'] = None\n"
        "import sciatica_coach.cli.session_command, sciatica_coach.cli.session_player\n"
        "sys.argv = ['sciatica-coach', 'session', '--help']\n"
        "from sciatica_coach.cli.app import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "session" in done.stdout
