"""``serve`` without accounts: the address with this start's key, printed and opened.

Only the person who started the server may use it (:mod:`sciatica_coach.web.owner_gate`), and
the key in the address is how their browser proves it. The browser is opened on a page in the
data folder that goes on to the address, never on the address itself: opening a URL runs
``xdg-open URL`` (or the like), and every user of the computer can read a command line in
``ps``. The page is 0600 in the 0700 folder, so only the owner's browser can read it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
import time
import webbrowser
from pathlib import Path

from sciatica_coach.coach.owner import LET_IN_DAYS, OWNER_ONLY_VARIABLE, OwnerKeys

from .output import stdout

WAIT_FOR_SERVER_SECONDS = 30.0


def start_owner_only(base: str) -> tuple[str, Path]:
    """Turn the owner gate on for every worker and make this start's key: the address with
    the key, and the page that opens it."""
    os.environ[OWNER_ONLY_VARIABLE] = "on"
    keys = OwnerKeys.start()
    return keys.address(base), keys.write_opener(base)


def say_where(address: str, opener: Path) -> None:
    stdout.print(
        f"Sciatica Coach is running at [bold]{address}[/]  (press Ctrl+C to stop)",
        highlight=False,
        soft_wrap=True,  # the address stays one piece to copy
    )
    stdout.print(
        "Only you can use it: the key at the end of this address lets your browser in. Each "
        f"start makes a new key; a browser let in before stays in for {LET_IN_DAYS} days. You "
        "can also open this file in your browser:",
        highlight=False,
    )
    stdout.print(f"  {opener}", highlight=False, soft_wrap=True, markup=False)


def open_when_ready(host: str, port: int, opener: Path) -> None:
    """Open the browser on ``opener`` once the server answers (in the background; nothing
    happens if it does not within 30 s, or if there is no screen to show a browser on)."""
    if not has_screen():
        return
    thread = threading.Thread(target=_open_later, args=(host, port, opener), daemon=True)
    thread.start()


def has_screen() -> bool:
    """Whether a graphical browser can be shown: on Linux without a display (ssh, a server)
    ``webbrowser`` would start a text browser in this very terminal."""
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _open_later(host: str, port: int, opener: Path) -> None:
    deadline = time.monotonic() + WAIT_FOR_SERVER_SECONDS
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host.strip("[]"), port), timeout=1):
                break
        except OSError:
            time.sleep(0.2)
    else:
        return
    with contextlib.suppress(webbrowser.Error):  # the address is printed: that is enough
        webbrowser.open(opener.as_uri())
