"""For tests that start ``sciatica-coach serve`` without accounts: only the owner gets in
(web/owner_gate.py), so they bring the address key from the server's data folder, as the
person's browser does, and send the cookie it gives."""

from __future__ import annotations

from pathlib import Path

import httpx

COOKIE = "sciatica_owner"


def owner_cookie(base: str, home: Path) -> str:
    """``sciatica_owner=…`` for the server at ``base`` whose data folder is ``home``."""
    key = (home / "web-key").read_text().strip()
    answer = httpx.get(f"{base}/?token={key}", follow_redirects=False, timeout=10)
    assert answer.status_code == 303, answer.text
    return f"{COOKIE}={answer.cookies[COOKIE]}"
