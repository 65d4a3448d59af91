"""Over plain http (a phone on the home network before it trusts this computer) the session
page says, before the start, what does not work: the screen may turn off, no install, no
offline use (issue 26, item 1)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from sciatica_coach.web import create_app

from .browser import PHONE, running, shot
from .test_e2e import open_a_piriformis_session

NOT_SECURE = "Object.defineProperty(window, 'isSecureContext', { value: false });"


def test_the_session_says_what_plain_http_cannot_do(browser: Browser, tmp_path: Path) -> None:
    app = create_app(f"sqlite+pysqlite:///{tmp_path / 'journal.sqlite3'}")
    with running(app) as url:
        secure = browser.new_context(base_url=url, **PHONE)
        page = secure.new_page()
        open_a_piriformis_session(page)
        expect(page.locator("#s-insecure")).to_be_hidden()  # 127.0.0.1 is a secure context
        secure.close()
        plain = browser.new_context(base_url=url, **PHONE)
        plain.add_init_script(script=NOT_SECURE)
        page = plain.new_page()
        page.goto("/session")
        page.get_by_role("button", name="Start this plan").first.click()
        note = page.locator("#s-insecure")
        expect(note).to_be_visible()
        expect(note).to_contain_text("may turn the screen off")
        shot(page, "session-over-plain-http-phone")
        expect(note.get_by_role("link", name="trust this computer once")).to_have_attribute(
            "href", "/lan/trust"
        )
        plain.close()
