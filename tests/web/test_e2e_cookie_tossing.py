"""Security review M-2 in a real browser: a page on another port of 127.0.0.1 plants its own
account's sign-in cookie (cookies ignore ports, so it lands on the app's cookie too).

mallory signs in by the API and hands her token to a tiny server on another port, which
answers ``Set-Cookie: sciatica_login=<mallory's token>; Path=/``. alice, signed in to the
app in Chromium, opens that page, then the app: the planted sign-in is not bound to alice's
CSRF secret, so the app shows her signed out (never as mallory) and drops the cookie, and
the pain she logs after signing in again is hers alone.

What this cannot stop, over plain http: the page planting *both* of mallory's cookies (her
sign-in and the CSRF secret it is bound to). Over HTTPS the ``__Host-`` names stop that.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Browser, Page, expect

from sciatica_coach.coach import accounts
from sciatica_coach.coach.setup import accounts_of, open_journal
from sciatica_coach.web import create_app

from .browser import CHROMIUM, FastForward, running

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)
PASSWORD = "a long enough phrase"
NOW = FastForward().start


@contextmanager
def tossing(token: str) -> Iterator[str]:
    """Another port on 127.0.0.1 whose every page sets ``sciatica_login`` to ``token``."""

    class Toss(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<!doctype html><title>Cute cats</title><p>Nothing to see here.</p>"
            self.send_response(200)
            self.send_header("Set-Cookie", f"sciatica_login={token}; Path=/")
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:  # quiet
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Toss)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextmanager
def api_sign_in(url: str, name: str) -> Iterator[httpx.Client]:
    """A program signed in as ``name``, with the CSRF token its sign-in gave."""
    with httpx.Client(base_url=url, timeout=30) as client:
        client.headers["X-CSRF-Token"] = client.get("/api/token").json()["token"]
        answer = client.post("/api/signin", json={"name": name, "password": PASSWORD})
        assert answer.status_code == 200, answer.text
        client.headers["X-CSRF-Token"] = client.get("/api/token").json()["token"]  # a new one
        yield client


def sign_in(page: Page, lands_on: str) -> None:
    page.fill("#name", "alice")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lands_on)


def test_a_sign_in_planted_from_another_port_opens_nothing(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=64))
    database = f"sqlite+pysqlite:///{tmp_path / 'accounts.sqlite3'}"
    store = accounts_of(open_journal(database))
    for name in ("alice", "mallory"):
        accounts.sign_up(store, name, PASSWORD, NOW)
    app = create_app(database, accounts=True, clock=FastForward())
    with running(app) as url, api_sign_in(url, "mallory") as mallory:
        planted = mallory.cookies["sciatica_login"]
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(url + "/journal")
            sign_in(page, "Your journal")
            with tossing(planted) as elsewhere:
                page.goto(elsewhere + "/cats")
            logins = [c for c in context.cookies() if c["name"] == "sciatica_login"]
            assert [c["value"] for c in logins] == [planted]  # the toss itself worked
            page.goto(url + "/account")
            assert "/signin" in page.url  # signed out, not signed in as mallory
            assert "mallory" not in page.content()
            assert planted not in [c["value"] for c in context.cookies()]  # dropped
            sign_in(page, "Your account")  # alice again, back where she was going
            expect(page.locator("main")).to_contain_text("Signed in as alice")
            page.goto(url + "/journal")
            page.fill("#now", "7")
            page.fill("#note", "VICTIM-ENTRY")
            page.get_by_role("button", name="Save").first.click()
            page.wait_for_load_state()
        finally:
            context.close()
        assert "VICTIM-ENTRY" not in mallory.get("/api/journal/pain").text
        with api_sign_in(url, "alice") as alice:
            assert "VICTIM-ENTRY" in alice.get("/api/journal/pain").text
