"""The owner's keys of a local server without accounts, kept in the data folder (0600).

Why files: the journal's folder is 0700, so only the person who started ``serve`` can read
what is in it, and every worker process of that server can. Two keys, with two lifetimes:

- the *address key* (``web-key``) is new at every start and goes in the address the person
  opens (``?token=``); an address copied from an old terminal stops working at the restart;
- the *cookie key* (``web-cookie.key``) stays for the folder's life: the cookie a browser got
  for the address key is an HMAC made with it, so a guided session survives a restart.

``open-web-app.html`` sends a browser to the address with its key: the browser is opened on
this file, never on the address itself, because a command line (``xdg-open URL``) is readable
by every user of the computer in ``ps``.
"""

from __future__ import annotations

import html
import os
import secrets
from pathlib import Path

ADDRESS_KEY_FILE = "web-key"
COOKIE_KEY_FILE = "web-cookie.key"
OPENER_FILE = "open-web-app.html"
PRIVATE = 0o600
COOKIE_KEY_BYTES = 32


def new_address_key(folder: Path) -> str:
    """A fresh address key for this start, written over the last one's."""
    key = secrets.token_urlsafe(32)
    _write_private(folder / ADDRESS_KEY_FILE, key.encode("ascii"))
    return key


def address_key(folder: Path) -> str | None:
    """This start's address key, or None when ``serve`` made none."""
    try:
        return (folder / ADDRESS_KEY_FILE).read_text(encoding="ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def cookie_key(folder: Path) -> bytes:
    """The folder's lasting cookie key, made the first time (by one process only: the others
    read the one it wrote)."""
    path = folder / COOKIE_KEY_FILE
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
    except FileExistsError:
        key = path.read_bytes()
        if len(key) >= COOKIE_KEY_BYTES:
            return key
        key = secrets.token_bytes(COOKIE_KEY_BYTES)  # a file cut short: a new key
        _write_private(path, key)
        return key
    key = secrets.token_bytes(COOKIE_KEY_BYTES)
    with os.fdopen(descriptor, "wb") as file:
        file.write(key)
    os.chmod(path, PRIVATE)
    return key


def write_opener(folder: Path, address: str) -> Path:
    """``open-web-app.html``: a page that goes on to ``address`` (with its key) at once."""
    url = html.escape(address, quote=True)
    page = (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="refresh" content="0;url={url}">\n'
        "<title>Opening Sciatica Coach</title></head>\n"
        f'<body><p>Opening Sciatica Coach: <a href="{url}">continue</a>.</p></body></html>\n'
    )
    path = folder / OPENER_FILE
    _write_private(path, page.encode("utf-8"))
    return path


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` for its owner only, whatever the umask (a file that was
    there with a wider mode is tightened before anything is written into it)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
    with os.fdopen(descriptor, "wb") as file:
        os.fchmod(file.fileno(), PRIVATE)
        file.write(data)
