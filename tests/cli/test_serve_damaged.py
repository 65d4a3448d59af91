"""``serve`` on a damaged journal (review L-4): it says so as it starts, that it serves the
journal read-only, and serves it: pages are read, each with the notice at its top, and
``/api/health`` says ``damaged``."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.storage.damage import filled_journal, overwrite_page, pages
from tests.web.owner import owner_cookie

from .served import said, serving


def test_serve_warns_that_it_serves_a_damaged_journal_read_only(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    journal = home / "journal.sqlite3"
    filled_journal(journal)
    overwrite_page(journal, pages(journal, "ix_pain_entries_day")[0])
    with serving(home, "--no-open") as base:
        cookie = {"Cookie": owner_cookie(base, home)}
        health = httpx.get(f"{base}/api/health", headers=cookie)
        page = httpx.get(f"{base}/", headers=cookie)
    printed = " ".join(said(home).split())
    assert "is damaged" in printed
    assert "Serving the damaged journal read-only" in printed
    assert "nothing new will be saved" in printed
    assert health.status_code == 503
    assert health.json()["status"] == "damaged"
    assert page.status_code == 200
    assert 'id="journal-damaged"' in page.text


def test_serve_on_a_sound_journal_says_nothing_of_damage(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    filled_journal(home / "journal.sqlite3")
    with serving(home, "--no-open") as base:
        page = httpx.get(f"{base}/", headers={"Cookie": owner_cookie(base, home)})
    assert "damaged" not in said(home)
    assert 'id="journal-damaged"' not in page.text
